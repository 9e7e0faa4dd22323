#include "protocol/graphql/printer.hpp"

#include <initializer_list>
#include <span>
#include <vector>

#include "protocol/graphql/block_string.hpp"

// The functions mirror graphql-js's printer reducer one to one; join, wrap,
// block and indent are its helpers, so the layout rules read the same.

namespace streamhub::graphql {

namespace {

constexpr std::size_t max_line_length = 80;

std::string join(std::initializer_list<std::string_view> items, std::string_view separator) {
  std::string out;
  for (const auto item : items) {
    if (item.empty()) continue;
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  bool first = true;
  for (const auto& item : items) {
    if (item.empty()) continue;
    if (!first) out += separator;
    out += item;
    first = false;
  }
  return out;
}

std::string wrap(std::string_view start, std::string_view text, std::string_view end = {}) {
  if (text.empty()) return {};
  std::string out(start);
  out += text;
  out += end;
  return out;
}

std::string indent(std::string_view text) {
  if (text.empty()) return {};
  std::string out = "  ";
  for (const char c : text) {
    out.push_back(c);
    if (c == '\n') out += "  ";
  }
  return out;
}

std::string block(const std::vector<std::string>& items) {
  return wrap("{\n", indent(join(items, "\n")), "\n}");
}

// graphql-js measures lines in UTF-16 code units.
std::size_t utf16_length(std::string_view text) {
  std::size_t n = 0;
  for (const char ch : text) {
    const auto b = static_cast<unsigned char>(ch);
    if ((b & 0xC0) != 0x80) n += b >= 0xF0 ? 2 : 1;
  }
  return n;
}

bool has_multiline_items(const std::vector<std::string>& items) {
  for (const auto& item : items) {
    if (item.find('\n') != std::string::npos) return true;
  }
  return false;
}

template <class T, class F>
std::vector<std::string> map(std::span<const T> items, F&& f) {
  std::vector<std::string> out;
  out.reserve(items.size());
  for (const auto& item : items) out.push_back(f(item));
  return out;
}

std::string print_description(const value_node* description) {
  return description != nullptr ? print_value(*description) + "\n" : std::string();
}

std::string print_argument(const argument_node& arg) {
  return std::string(arg.name.value) + ": " + print_value(arg.value);
}

std::string print_directives(std::span<const directive_node> directives) {
  return join(map(directives,
                  [](const directive_node& d) {
                    return "@" + std::string(d.name.value) +
                           wrap("(", join(map(d.arguments, print_argument), ", "), ")");
                  }),
              " ");
}

std::string print_selection_set(selection_span selections) {
  return block(map(selections, [](const selection_node* s) { return print(*s); }));
}

std::string print_variable_definition(const variable_definition_node& var) {
  std::string out = "$" + std::string(var.variable.value) + ": " + print_type(*var.type);
  if (var.default_value != nullptr) out += wrap(" = ", print_value(*var.default_value));
  out += wrap(" ", print_directives(var.directives));
  return out;
}

std::string print_input_value(const input_value_definition_node& input) {
  return print_description(input.description) +
         join({std::string(input.name.value) + ": " + print_type(*input.type),
               input.default_value ? wrap("= ", print_value(*input.default_value)) : std::string(),
               print_directives(input.directives)},
              " ");
}

std::string print_arguments_definition(std::span<const input_value_definition_node> args) {
  const auto printed = map(args, print_input_value);
  if (has_multiline_items(printed)) return wrap("(\n", indent(join(printed, "\n")), "\n)");
  return wrap("(", join(printed, ", "), ")");
}

std::string print_names(std::span<const name_node> names, std::string_view separator) {
  return join(map(names, [](const name_node& n) { return std::string(n.value); }), separator);
}

std::string print_fields_definition(std::span<const field_definition_node> fields) {
  return block(map(fields, [](const field_definition_node& f) {
    return print_description(f.description) + std::string(f.name.value) +
           print_arguments_definition(f.arguments) + ": " + print_type(*f.type) +
           wrap(" ", print_directives(f.directives));
  }));
}

std::string print_operation(const operation_definition_node& op) {
  const std::string var_defs =
      wrap("(", join(map(op.variable_definitions, print_variable_definition), ", "), ")");
  const std::string prefix = join(
      {to_string(op.operation), join({op.name.value, var_defs}, ""), print_directives(op.directives)},
      " ");
  // Anonymous queries without directives or variables use the shorthand.
  return (prefix == "query" ? std::string() : prefix + " ") + print_selection_set(op.selection_set);
}

std::string print_type_system(const definition_node& def) {
  const std::string extend = def.extension ? "extend " : "";
  switch (def.kind) {
    case definition_kind::schema: {
      const auto& d = def.as<schema_definition_node>();
      return print_description(d.description) +
             join({extend + "schema", print_directives(d.directives),
                   block(map(d.operation_types,
                             [](const operation_type_definition_node& o) {
                               return std::string(to_string(o.operation)) + ": " +
                                      std::string(o.type.value);
                             }))},
                  " ");
    }
    case definition_kind::scalar: {
      const auto& d = def.as<scalar_type_definition_node>();
      return print_description(d.description) +
             join({extend + "scalar", d.name.value, print_directives(d.directives)}, " ");
    }
    case definition_kind::object:
    case definition_kind::interface: {
      const auto& d = def.as<object_or_interface_definition_node>();
      return print_description(d.description) +
             join({extend + (def.kind == definition_kind::object ? "type" : "interface"),
                   d.name.value, wrap("implements ", print_names(d.interfaces, " & ")),
                   print_directives(d.directives), print_fields_definition(d.fields)},
                  " ");
    }
    case definition_kind::union_: {
      const auto& d = def.as<union_type_definition_node>();
      return print_description(d.description) +
             join({extend + "union", d.name.value, print_directives(d.directives),
                   wrap("= ", print_names(d.types, " | "))},
                  " ");
    }
    case definition_kind::enum_: {
      const auto& d = def.as<enum_type_definition_node>();
      return print_description(d.description) +
             join({extend + "enum", d.name.value, print_directives(d.directives),
                   block(map(d.values,
                             [](const enum_value_definition_node& v) {
                               return print_description(v.description) +
                                      join({v.name.value, print_directives(v.directives)}, " ");
                             }))},
                  " ");
    }
    case definition_kind::input_object: {
      const auto& d = def.as<input_object_type_definition_node>();
      return print_description(d.description) +
             join({extend + "input", d.name.value, print_directives(d.directives),
                   block(map(d.fields, print_input_value))},
                  " ");
    }
    case definition_kind::directive: {
      const auto& d = def.as<directive_definition_node>();
      return print_description(d.description) + "directive @" + std::string(d.name.value) +
             print_arguments_definition(d.arguments) + (d.repeatable ? " repeatable" : "") +
             " on " + print_names(d.locations, " | ");
    }
    case definition_kind::operation:
    case definition_kind::fragment:
      break;
  }
  return {};
}

}  // namespace

std::string print_string(std::string_view text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    // U+007F..U+009F: DEL, and the C1 controls encoded as C2 80..C2 9F.
    std::uint32_t escaped = 0x100;
    if (c < 0x20 || c == 0x7F) {
      escaped = c;
    } else if (c == 0xC2 && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
      escaped = static_cast<unsigned char>(text[++i]);
    }
    switch (escaped) {
      case 0x100:
        if (c == '"') {
          out += "\\\"";
        } else if (c == '\\') {
          out += "\\\\";
        } else {
          out.push_back(static_cast<char>(c));
        }
        break;
      case '\b': out += "\\b"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\f': out += "\\f"; break;
      case '\r': out += "\\r"; break;
      default:
        out += "\\u00";
        out.push_back(hex[escaped >> 4]);
        out.push_back(hex[escaped & 0xF]);
    }
  }
  out.push_back('"');
  return out;
}

std::string print_value(const value_node& value) {
  switch (value.kind) {
    case value_kind::variable: return "$" + std::string(value.text);
    case value_kind::int_:
    case value_kind::float_:
    case value_kind::enum_: return std::string(value.text);
    case value_kind::string:
      return value.block ? print_block_string(value.text) : print_string(value.text);
    case value_kind::boolean: return value.boolean ? "true" : "false";
    case value_kind::null: return "null";
    case value_kind::list: return "[" + join(map(value.items, print_value), ", ") + "]";
    case value_kind::object:
      return "{" +
             join(map(value.fields,
                      [](const object_field_node& f) {
                        return std::string(f.name.value) + ": " + print_value(f.value);
                      }),
                  ", ") +
             "}";
  }
  return {};
}

std::string print_type(const type_node& type) {
  switch (type.kind) {
    case type_node_kind::named: return std::string(type.name.value);
    case type_node_kind::list: return "[" + print_type(*type.of_type) + "]";
    case type_node_kind::non_null: return print_type(*type.of_type) + "!";
  }
  return {};
}

std::string print(const selection_node& selection) {
  switch (selection.kind) {
    case selection_kind::field: {
      const auto& f = selection.as<field_node>();
      const std::string prefix = wrap("", f.alias.value, ": ") + std::string(f.name.value);
      const auto args = map(f.arguments, print_argument);
      std::string args_line = prefix + wrap("(", join(args, ", "), ")");
      if (utf16_length(args_line) > max_line_length) {
        args_line = prefix + wrap("(\n", indent(join(args, "\n")), "\n)");
      }
      return join({args_line, print_directives(f.directives), print_selection_set(f.selection_set)},
                  " ");
    }
    case selection_kind::fragment_spread: {
      const auto& s = selection.as<fragment_spread_node>();
      return "..." + std::string(s.name.value) + wrap(" ", print_directives(s.directives));
    }
    case selection_kind::inline_fragment: {
      const auto& s = selection.as<inline_fragment_node>();
      return join({"...", wrap("on ", s.type_condition.value), print_directives(s.directives),
                   print_selection_set(s.selection_set)},
                  " ");
    }
  }
  return {};
}

std::string print(const definition_node& definition) {
  switch (definition.kind) {
    case definition_kind::operation:
      return print_operation(definition.as<operation_definition_node>());
    case definition_kind::fragment: {
      const auto& f = definition.as<fragment_definition_node>();
      return "fragment " + std::string(f.name.value) + " on " + std::string(f.type_condition.value) +
             " " + wrap("", print_directives(f.directives), " ") +
             print_selection_set(f.selection_set);
    }
    default:
      return print_type_system(definition);
  }
}

std::string print(const document& doc) {
  return join(map(doc.definitions(), [](const definition_node* d) { return print(*d); }), "\n\n");
}

}  // namespace streamhub::graphql
