// The rules graphql-js checks on an SDL document before building a schema
// from it (its specifiedSDLRules), on the syntax tree.

#include <algorithm>
#include <span>
#include <unordered_map>

#include "protocol/graphql/printer.hpp"
#include "protocol/graphql/schema_builder_impl.hpp"
#include "protocol/graphql/suggestions.hpp"

namespace streamhub::graphql::detail {

namespace {

constexpr std::string_view standard_type_names[] = {
    "String",   "Int",           "Float",   "Boolean",       "ID",
    "__Schema", "__Directive",   "__DirectiveLocation",      "__Type",
    "__Field",  "__InputValue",  "__EnumValue",              "__TypeKind",
};

std::string_view kind_name(definition_kind kind) {
  switch (kind) {
    case definition_kind::scalar: return "scalar";
    case definition_kind::object: return "object";
    case definition_kind::interface: return "interface";
    case definition_kind::union_: return "union";
    case definition_kind::enum_: return "enum";
    case definition_kind::input_object: return "input object";
    default: return "";
  }
}

bool reserved(std::string_view name) { return name.size() >= 2 && name[0] == '_' && name[1] == '_'; }

/// Reports every name used more than once: `message(name)` located at the
/// first and the repeated occurrence.
template <class Report>
void report_duplicates(const std::vector<name_node>& names, Report&& report) {
  std::unordered_map<std::string_view, std::uint32_t> first;
  for (const auto& n : names) {
    const auto [it, inserted] = first.emplace(n.value, n.offset);
    if (!inserted) report(n.value, it->second, n.offset);
  }
}

/// Reports each name used more than once, once, located at every use
/// (graphql-js's argument uniqueness rules).
template <class Report>
void report_repeated(std::span<const name_node> names, Report&& report) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    std::vector<std::uint32_t> offsets;
    bool earlier = false;
    for (std::size_t j = 0; j < names.size(); ++j) {
      if (names[j].value != names[i].value) continue;
      earlier = earlier || j < i;
      offsets.push_back(names[j].offset);
    }
    if (!earlier && offsets.size() > 1) report(names[i].value, offsets);
  }
}

template <class Node>
std::vector<name_node> names_of(std::span<const Node> nodes) {
  std::vector<name_node> out;
  for (const auto& n : nodes) out.push_back(n.name);
  return out;
}

}  // namespace

void schema_builder::validate_sdl() {
  validate_reserved_names();
  // One schema definition; each operation type once across it and its
  // extensions.
  bool seen_schema = false;
  std::unordered_map<int, std::uint32_t> operation_types;
  for (const schema_definition_node* def : schema_defs_) {
    if (!def->extension) {
      if (seen_schema) report("Must provide only one schema definition.", {def->offset});
      seen_schema = true;
    }
    for (const auto& op : def->operation_types) {
      const auto [it, inserted] = operation_types.emplace(static_cast<int>(op.operation), op.offset);
      if (!inserted) {
        report("There can be only one " + std::string(to_string(op.operation)) + " type in schema.",
               {it->second, op.offset});
      }
    }
  }
  validate_unique_names();
  validate_known_types();
  validate_type_extensions();
  validate_directive_uses();
}

void schema_builder::validate_reserved_names() {
  const auto check = [&](std::string_view name, std::uint32_t offset) {
    if (reserved(name)) {
      report("Name \"" + std::string(name) +
                 "\" must not begin with \"__\", which is reserved by GraphQL introspection.",
             {offset});
    }
  };
  const auto check_inputs = [&](std::span<const input_value_definition_node> inputs) {
    for (const auto& i : inputs) check(i.name.value, i.offset);
  };
  for (const definition_node* def : sdl_->definitions()) {
    switch (def->kind) {
      case definition_kind::directive: {
        const auto& d = def->as<directive_definition_node>();
        check(d.name.value, d.offset);
        check_inputs(d.arguments);
        break;
      }
      case definition_kind::object:
      case definition_kind::interface: {
        const auto& d = def->as<object_or_interface_definition_node>();
        if (!d.extension) check(d.name.value, d.offset);
        for (const auto& f : d.fields) {
          check(f.name.value, f.offset);
          check_inputs(f.arguments);
        }
        break;
      }
      case definition_kind::enum_: {
        const auto& d = def->as<enum_type_definition_node>();
        if (!d.extension) check(d.name.value, d.offset);
        for (const auto& v : d.values) check(v.name.value, v.offset);
        break;
      }
      case definition_kind::input_object: {
        const auto& d = def->as<input_object_type_definition_node>();
        if (!d.extension) check(d.name.value, d.offset);
        check_inputs(d.fields);
        break;
      }
      case definition_kind::scalar:
      case definition_kind::union_: {
        const auto& d = def->as<type_definition_node>();
        if (!d.extension) check(d.name.value, d.offset);
        break;
      }
      default:
        break;
    }
  }
}

void schema_builder::validate_unique_names() {
  // Types and directives.
  std::vector<name_node> type_names, directive_names;
  for (const auto* def : type_defs_) type_names.push_back(def->name);
  for (const auto* def : directive_defs_) directive_names.push_back(def->name);
  report_duplicates(type_names, [&](std::string_view name, std::uint32_t first, std::uint32_t again) {
    report("There can be only one type named \"" + std::string(name) + "\".", {first, again});
  });
  report_duplicates(directive_names,
                    [&](std::string_view name, std::uint32_t first, std::uint32_t again) {
                      report("There can be only one directive named \"@" + std::string(name) +
                                 "\".",
                             {first, again});
                    });

  const auto unique_arguments = [&](std::span<const input_value_definition_node> args,
                                    const std::string& parent) {
    report_repeated(names_of(args), [&](std::string_view name, const auto& offsets) {
      report("Argument \"" + parent + "(" + std::string(name) + ":)\" can only be defined once.",
             offsets);
    });
  };
  for (const auto* def : directive_defs_) {
    unique_arguments(def->arguments, "@" + std::string(def->name.value));
  }

  // Fields and enum values, across a type's definition and extensions.
  std::unordered_map<std::string_view, std::vector<name_node>> members;
  for (const definition_node* def : sdl_->definitions()) {
    if (!type_definition_node::is(def->kind)) continue;
    const auto& type = def->as<type_definition_node>();
    auto& names = members[type.name.value];
    const std::string type_name(type.name.value);
    switch (def->kind) {
      case definition_kind::object:
      case definition_kind::interface:
        for (const auto& f : def->as<object_or_interface_definition_node>().fields) {
          names.push_back(f.name);
          unique_arguments(f.arguments, type_name + "." + std::string(f.name.value));
        }
        break;
      case definition_kind::input_object:
        for (const auto& f : def->as<input_object_type_definition_node>().fields) {
          names.push_back(f.name);
        }
        break;
      case definition_kind::enum_:
        for (const auto& v : def->as<enum_type_definition_node>().values) names.push_back(v.name);
        break;
      default:
        break;
    }
  }
  for (const definition_node* def : sdl_->definitions()) {
    if (!type_definition_node::is(def->kind) || def->extension) continue;
    const auto& type = def->as<type_definition_node>();
    const auto it = members.find(type.name.value);
    if (it == members.end()) continue;
    const std::string what = def->kind == definition_kind::enum_ ? "Enum value" : "Field";
    report_duplicates(it->second, [&](std::string_view name, std::uint32_t first, std::uint32_t again) {
      report(what + " \"" + std::string(type.name.value) + "." + std::string(name) +
                 "\" can only be defined once.",
             {first, again});
    });
    members.erase(it);  // a repeated type definition is reported once
  }
}

void schema_builder::validate_known_types() {
  std::vector<std::string_view> known(std::begin(standard_type_names), std::end(standard_type_names));
  for (const auto* def : type_defs_) known.push_back(def->name.value);
  const auto check_name = [&](const name_node& name) {
    if (std::find(known.begin(), known.end(), name.value) != known.end()) return;
    const auto suggestions = suggestion_list(name.value, known);
    report("Unknown type \"" + std::string(name.value) + "\"." + did_you_mean(suggestions),
           {name.offset});
  };
  const auto check_type = [&](const type_node* type) {
    while (type->kind != type_node_kind::named) type = type->of_type;
    check_name(type->name);
  };
  const auto check_inputs = [&](std::span<const input_value_definition_node> inputs) {
    for (const auto& i : inputs) check_type(i.type);
  };
  for (const definition_node* def : sdl_->definitions()) {
    switch (def->kind) {
      case definition_kind::schema:
        for (const auto& op : def->as<schema_definition_node>().operation_types) check_name(op.type);
        break;
      case definition_kind::object:
      case definition_kind::interface: {
        const auto& d = def->as<object_or_interface_definition_node>();
        for (const auto& i : d.interfaces) check_name(i);
        for (const auto& f : d.fields) {
          check_inputs(f.arguments);
          check_type(f.type);
        }
        break;
      }
      case definition_kind::union_:
        for (const auto& m : def->as<union_type_definition_node>().types) check_name(m);
        break;
      case definition_kind::input_object:
        check_inputs(def->as<input_object_type_definition_node>().fields);
        break;
      case definition_kind::directive:
        check_inputs(def->as<directive_definition_node>().arguments);
        break;
      default:
        break;
    }
  }
}

void schema_builder::validate_type_extensions() {
  std::unordered_map<std::string_view, const type_definition_node*> defined;
  std::vector<std::string_view> names;
  for (const auto* def : type_defs_) {
    if (defined.emplace(def->name.value, def).second) names.push_back(def->name.value);
  }
  for (const definition_node* d : sdl_->definitions()) {
    if (!type_definition_node::is(d->kind) || !d->extension) continue;
    const auto& ext = d->as<type_definition_node>();
    const auto it = defined.find(ext.name.value);
    if (it == defined.end()) {
      report("Cannot extend type \"" + std::string(ext.name.value) + "\" because it is not defined." +
                 did_you_mean(suggestion_list(ext.name.value, names)),
             {ext.name.offset});
    } else if (it->second->kind != ext.kind) {
      report("Cannot extend non-" + std::string(kind_name(ext.kind)) + " type \"" +
                 std::string(ext.name.value) + "\".",
             {it->second->offset, ext.offset});
    }
  }
}

void schema_builder::validate_object_values(const value_node& value) {
  if (value.kind == value_kind::list) {
    for (const auto& item : value.items) validate_object_values(item);
  } else if (value.kind == value_kind::object) {
    std::vector<name_node> names;
    for (const auto& f : value.fields) {
      names.push_back(f.name);
      validate_object_values(f.value);
    }
    report_duplicates(names, [&](std::string_view name, std::uint32_t first, std::uint32_t again) {
      report("There can be only one input field named \"" + std::string(name) + "\".",
             {first, again});
    });
  }
}

void schema_builder::validate_directive_uses() {
  // The directives an SDL may use: its own, then the built-in ones.
  std::unordered_map<std::string_view, const directive_definition_node*> known;
  for (const auto* def : directive_defs_) known.emplace(def->name.value, def);
  for (const definition_node* def : prelude_->definitions()) {
    if (def->kind == definition_kind::directive) {
      const auto& d = def->as<directive_definition_node>();
      known.emplace(d.name.value, &d);
    }
  }
  // Non-repeatable directives already used, per location; a type and its
  // extensions (and the schema and its extensions) are one location.
  std::unordered_map<std::string_view, std::vector<const directive_node*>> used_on_type;
  std::vector<const directive_node*> used_on_schema;

  const auto check = [&](std::span<const directive_node> uses, directive_location location,
                         std::vector<const directive_node*>& seen) {
    for (const auto& use : uses) {
      const auto it = known.find(use.name.value);
      const std::string name(use.name.value);
      if (it == known.end()) {
        report("Unknown directive \"@" + name + "\".", {use.offset});
        continue;
      }
      const directive_definition_node& def = *it->second;
      const bool allowed = std::any_of(def.locations.begin(), def.locations.end(), [&](auto& l) {
        return l.value == to_string(location);
      });
      if (!allowed) {
        report("Directive \"@" + name + "\" may not be used on " + std::string(to_string(location)) +
                   ".",
               {use.offset});
      }
      if (!def.repeatable) {
        const auto first = std::find_if(seen.begin(), seen.end(),
                                        [&](const directive_node* d) { return d->name.value == use.name.value; });
        if (first != seen.end()) {
          report("The directive \"@" + name + "\" can only be used once at this location.",
                 {(*first)->offset, use.offset});
        } else {
          seen.push_back(&use);
        }
      }
      std::vector<std::string_view> arg_names;
      for (const auto& a : def.arguments) arg_names.push_back(a.name.value);
      for (const auto& arg : use.arguments) {
        validate_object_values(arg.value);
        if (std::find(arg_names.begin(), arg_names.end(), arg.name.value) == arg_names.end()) {
          report("Unknown argument \"" + std::string(arg.name.value) + "\" on directive \"@" + name +
                     "\"." + did_you_mean(suggestion_list(arg.name.value, arg_names)),
                 {arg.offset});
        }
      }
      report_repeated(names_of(use.arguments), [&](std::string_view arg, const auto& offsets) {
        report("There can be only one argument named \"" + std::string(arg) + "\".", offsets);
      });
      for (const auto& a : def.arguments) {
        const bool required = a.type->kind == type_node_kind::non_null && a.default_value == nullptr;
        const bool given = std::any_of(use.arguments.begin(), use.arguments.end(),
                                       [&](auto& u) { return u.name.value == a.name.value; });
        if (required && !given) {
          report("Directive \"@" + name + "\" argument \"" + std::string(a.name.value) +
                     "\" of type \"" + print_type(*a.type) + "\" is required, but it was not provided.",
                 {use.offset});
        }
      }
    }
  };
  const auto check_own = [&](std::span<const directive_node> uses, directive_location location) {
    std::vector<const directive_node*> seen;
    check(uses, location, seen);
  };
  const auto check_inputs = [&](std::span<const input_value_definition_node> inputs,
                                directive_location location) {
    for (const auto& i : inputs) {
      check_own(i.directives, location);
      if (i.default_value != nullptr) validate_object_values(*i.default_value);
    }
  };

  for (const definition_node* def : sdl_->definitions()) {
    switch (def->kind) {
      case definition_kind::schema:
        check(def->as<schema_definition_node>().directives, directive_location::schema,
              used_on_schema);
        break;
      case definition_kind::directive:
        check_inputs(def->as<directive_definition_node>().arguments,
                     directive_location::argument_definition);
        break;
      case definition_kind::operation:
      case definition_kind::fragment:
        break;
      default: {
        const auto& type = def->as<type_definition_node>();
        auto& seen = used_on_type[type.name.value];
        switch (def->kind) {
          case definition_kind::scalar:
            check(type.directives, directive_location::scalar, seen);
            break;
          case definition_kind::object:
          case definition_kind::interface: {
            check(type.directives,
                  def->kind == definition_kind::object ? directive_location::object
                                                       : directive_location::interface,
                  seen);
            for (const auto& f : def->as<object_or_interface_definition_node>().fields) {
              check_own(f.directives, directive_location::field_definition);
              check_inputs(f.arguments, directive_location::argument_definition);
            }
            break;
          }
          case definition_kind::union_:
            check(type.directives, directive_location::union_, seen);
            break;
          case definition_kind::enum_:
            check(type.directives, directive_location::enum_, seen);
            for (const auto& v : def->as<enum_type_definition_node>().values) {
              check_own(v.directives, directive_location::enum_value);
            }
            break;
          case definition_kind::input_object:
            check(type.directives, directive_location::input_object, seen);
            check_inputs(def->as<input_object_type_definition_node>().fields,
                         directive_location::input_field_definition);
            break;
          default:
            break;
        }
      }
    }
  }
}

}  // namespace streamhub::graphql::detail
