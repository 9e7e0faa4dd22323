#include "protocol/graphql/schema_printer.hpp"

#include <vector>

#include "protocol/graphql/block_string.hpp"
#include "protocol/graphql/default_value.hpp"
#include "protocol/graphql/printer.hpp"

// Mirrors graphql-js's utilities/printSchema function by function.

namespace streamhub::graphql {

namespace {

constexpr std::string_view default_deprecation_reason = "No longer supported";

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i != 0) out += separator;
    out += items[i];
  }
  return out;
}

std::string print_description(const std::optional<std::string_view>& description,
                              std::string_view indentation = {}, bool first_in_block = true) {
  if (!description) return {};
  const std::string text = is_printable_as_block_string(*description)
                               ? print_block_string(*description)
                               : print_string(*description);
  std::string out = !indentation.empty() && !first_in_block ? "\n" + std::string(indentation)
                                                             : std::string(indentation);
  for (const char c : text) {
    out.push_back(c);
    if (c == '\n') out += indentation;
  }
  return out + "\n";
}

std::string print_deprecated(const std::optional<std::string_view>& reason) {
  if (!reason) return {};
  if (*reason == default_deprecation_reason) return " @deprecated";
  return " @deprecated(reason: " + print_string(*reason) + ")";
}

std::string print_input_value(const input_value_def& input) {
  std::string out = std::string(input.name) + ": " + input.type.to_string();
  if (auto value = print_default_value(input)) out += " = " + *value;
  return out + print_deprecated(input.deprecation_reason);
}

std::string print_args(const std::vector<input_value_def>& args, std::string_view indentation = {}) {
  if (args.empty()) return {};
  bool any_description = false;
  for (const auto& a : args) any_description = any_description || a.description.has_value();
  std::vector<std::string> printed;
  if (!any_description) {
    for (const auto& a : args) printed.push_back(print_input_value(a));
    return "(" + join(printed, ", ") + ")";
  }
  const std::string inner = "  " + std::string(indentation);
  for (std::size_t i = 0; i < args.size(); ++i) {
    printed.push_back(print_description(args[i].description, inner, i == 0) + inner +
                      print_input_value(args[i]));
  }
  return "(\n" + join(printed, "\n") + "\n" + std::string(indentation) + ")";
}

std::string print_block(const std::vector<std::string>& items) {
  return items.empty() ? std::string() : " {\n" + join(items, "\n") + "\n}";
}

std::string print_fields(const named_type& type) {
  std::vector<std::string> fields;
  for (std::size_t i = 0; i < type.fields.size(); ++i) {
    const auto& f = type.fields[i];
    fields.push_back(print_description(f.description, "  ", i == 0) + "  " + std::string(f.name) +
                     print_args(f.arguments, "  ") + ": " + f.type.to_string() +
                     print_deprecated(f.deprecation_reason));
  }
  return print_block(fields);
}

std::string print_implemented_interfaces(const named_type& type) {
  std::vector<std::string> names;
  for (const auto* i : type.interfaces) names.emplace_back(i->name);
  return names.empty() ? std::string() : " implements " + join(names, " & ");
}

std::string print_type(const named_type& type) {
  const std::string head = print_description(type.description);
  const std::string name(type.name);
  switch (type.kind) {
    case type_kind::scalar:
      return head + "scalar " + name +
             (type.specified_by_url ? " @specifiedBy(url: " + print_string(*type.specified_by_url) + ")"
                                    : std::string());
    case type_kind::object:
      return head + "type " + name + print_implemented_interfaces(type) + print_fields(type);
    case type_kind::interface:
      return head + "interface " + name + print_implemented_interfaces(type) + print_fields(type);
    case type_kind::union_: {
      std::vector<std::string> members;
      for (const auto* m : type.members) members.emplace_back(m->name);
      return head + "union " + name + (members.empty() ? "" : " = " + join(members, " | "));
    }
    case type_kind::enum_: {
      std::vector<std::string> values;
      for (std::size_t i = 0; i < type.enum_values.size(); ++i) {
        const auto& v = type.enum_values[i];
        values.push_back(print_description(v.description, "  ", i == 0) + "  " +
                         std::string(v.name) + print_deprecated(v.deprecation_reason));
      }
      return head + "enum " + name + print_block(values);
    }
    case type_kind::input_object: {
      std::vector<std::string> fields;
      for (std::size_t i = 0; i < type.input_fields.size(); ++i) {
        const auto& f = type.input_fields[i];
        fields.push_back(print_description(f.description, "  ", i == 0) + "  " +
                         print_input_value(f));
      }
      return head + "input " + name + print_block(fields);
    }
  }
  return {};
}

bool is_specified_directive(std::string_view name) {
  return name == "include" || name == "skip" || name == "deprecated" || name == "specifiedBy";
}

std::string print_schema_definition(const schema& s) {
  const auto named = [](const named_type* t, std::string_view expected) {
    return t == nullptr || t->name == expected;
  };
  if (!s.description() && named(s.query_type(), "Query") && named(s.mutation_type(), "Mutation") &&
      named(s.subscription_type(), "Subscription")) {
    return {};
  }
  std::vector<std::string> ops;
  if (s.query_type()) ops.push_back("  query: " + std::string(s.query_type()->name));
  if (s.mutation_type()) ops.push_back("  mutation: " + std::string(s.mutation_type()->name));
  if (s.subscription_type()) {
    ops.push_back("  subscription: " + std::string(s.subscription_type()->name));
  }
  return print_description(s.description()) + "schema {\n" + join(ops, "\n") + "\n}";
}

}  // namespace

std::string print_schema(const schema& s) {
  std::vector<std::string> parts;
  if (auto def = print_schema_definition(s); !def.empty()) parts.push_back(std::move(def));
  for (const directive_def* d : s.directives()) {
    if (is_specified_directive(d->name)) continue;
    std::vector<std::string> locations;
    for (const auto l : d->locations) locations.emplace_back(to_string(l));
    parts.push_back(print_description(d->description) + "directive @" + std::string(d->name) +
                    print_args(d->arguments) + (d->repeatable ? " repeatable" : "") + " on " +
                    join(locations, " | "));
  }
  for (const named_type* t : s.types()) {
    if (t->is_builtin_scalar() || t->is_introspection_type()) continue;
    parts.push_back(print_type(*t));
  }
  return join(parts, "\n\n");
}

}  // namespace streamhub::graphql
