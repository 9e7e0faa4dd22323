// Type validation on the built schema (spec 3, "Type Validation"
// sub-sections), as graphql-js's validateSchema: same checks, same order,
// same messages. Only the SDL's own types and directives are checked; the
// built-in ones are valid by construction.

#include <algorithm>
#include <functional>
#include <unordered_map>

#include "protocol/graphql/schema_builder_impl.hpp"

namespace streamhub::graphql::detail {

namespace {

std::string inspect(type_ref type) { return type.empty() ? "undefined" : type.to_string(); }

/// The @deprecated directive's offset on a node, if any.
void add_deprecated_offset(std::span<const directive_node> directives,
                           std::vector<std::uint32_t>& out) {
  for (const auto& d : directives) {
    if (d.name.value == "deprecated") out.push_back(d.offset);
  }
}

/// Offsets of the `implements` names (or union members) naming `target`
/// in a type's definition and extensions.
std::vector<std::uint32_t> name_offsets(const named_type& type, std::string_view target) {
  std::vector<const type_definition_node*> nodes;
  if (type.ast != nullptr) nodes.push_back(type.ast);
  nodes.insert(nodes.end(), type.extension_asts.begin(), type.extension_asts.end());
  std::vector<std::uint32_t> out;
  for (const auto* node : nodes) {
    std::span<const name_node> names;
    if (node->kind == definition_kind::union_) {
      names = node->as<union_type_definition_node>().types;
    } else if (object_or_interface_definition_node::is(node->kind)) {
      names = node->as<object_or_interface_definition_node>().interfaces;
    }
    for (const auto& n : names) {
      if (n.value == target) out.push_back(n.offset);
    }
  }
  return out;
}

}  // namespace

void schema_builder::validate_type_system() {
  validate_root_types();
  validate_directive_definitions();
  for (const named_type* type : schema_->types_) {
    if (type->ast == nullptr) continue;  // built in
    switch (type->kind) {
      case type_kind::object:
      case type_kind::interface:
        validate_fields(*type);
        validate_interfaces(*type);
        break;
      case type_kind::union_: validate_union(*type); break;
      case type_kind::enum_: validate_enum(*type); break;
      case type_kind::input_object: validate_input_object(*type); break;
      case type_kind::scalar: break;
    }
  }
  validate_input_cycles();
}

void schema_builder::validate_root_types() {
  const auto operation_offset = [&](operation_type op, const named_type* type) {
    for (const auto* def : schema_defs_) {
      for (const auto& o : def->operation_types) {
        if (o.operation == op) return std::vector<std::uint32_t>{o.type.offset};
      }
    }
    return type->ast ? std::vector<std::uint32_t>{type->ast->offset} : std::vector<std::uint32_t>{};
  };
  const named_type* query = schema_->query_;
  if (query == nullptr) {
    std::vector<std::uint32_t> at;
    for (const auto* def : schema_defs_) {
      if (!def->extension) at.push_back(def->offset);
    }
    report("Query root type must be provided.", at);
  } else if (query->kind != type_kind::object) {
    report("Query root type must be Object type, it cannot be " + std::string(query->name) + ".",
           operation_offset(operation_type::query, query));
  }
  const auto check_optional = [&](const named_type* type, operation_type op, std::string label) {
    if (type != nullptr && type->kind != type_kind::object) {
      report(label + " root type must be Object type if provided, it cannot be " +
                 std::string(type->name) + ".",
             operation_offset(op, type));
    }
  };
  check_optional(schema_->mutation_, operation_type::mutation, "Mutation");
  check_optional(schema_->subscription_, operation_type::subscription, "Subscription");
}

void schema_builder::validate_directive_definitions() {
  for (const directive_def* d : schema_->directives_) {
    if (d->ast == nullptr) continue;  // built in
    const std::string name(d->name);
    if (d->locations.empty()) {
      report("Directive @" + name + " must include 1 or more locations.", {d->ast->offset});
    }
    for (const auto& arg : d->arguments) {
      const std::string label = "@" + name + "(" + std::string(arg.name) + ":)";
      if (!arg.type.empty() && !is_input_type(arg.type)) {
        report("The type of " + label + " must be Input Type but got: " + inspect(arg.type) + ".",
               {arg.ast->offset});  // graphql-js: the argument, not its type
      }
      if (arg.is_required() && arg.deprecation_reason) {
        std::vector<std::uint32_t> at;
        add_deprecated_offset(arg.ast->directives, at);
        at.push_back(arg.ast->type->offset);
        report("Required argument " + label + " cannot be deprecated.", at);
      }
    }
  }
}

void schema_builder::validate_fields(const named_type& type) {
  const std::string type_name(type.name);
  if (type.fields.empty()) {
    report("Type " + type_name + " must define one or more fields.", type_node_offsets(type));
  }
  for (const auto& field : type.fields) {
    const std::string field_name = type_name + "." + std::string(field.name);
    if (!is_output_type(field.type)) {
      report("The type of " + field_name + " must be Output Type but got: " + inspect(field.type) +
                 ".",
             {field.ast->type->offset});
    }
    for (const auto& arg : field.arguments) {
      const std::string label = field_name + "(" + std::string(arg.name) + ":)";
      if (!is_input_type(arg.type)) {
        report("The type of " + label + " must be Input Type but got: " + inspect(arg.type) + ".",
               {arg.ast->type->offset});
      }
      if (arg.is_required() && arg.deprecation_reason) {
        std::vector<std::uint32_t> at;
        add_deprecated_offset(arg.ast->directives, at);
        at.push_back(arg.ast->type->offset);
        report("Required argument " + label + " cannot be deprecated.", at);
      }
    }
  }
}

void schema_builder::validate_interfaces(const named_type& type) {
  const std::string type_name(type.name);
  std::vector<const named_type*> seen;
  for (const named_type* iface : type.interfaces) {
    const std::string iface_name(iface->name);
    if (iface->kind != type_kind::interface) {
      report("Type " + type_name + " must only implement Interface types, it cannot implement " +
                 iface_name + ".",
             name_offsets(type, iface->name));
      continue;
    }
    if (iface == &type) {
      report("Type " + type_name +
                 " cannot implement itself because it would create a circular reference.",
             name_offsets(type, iface->name));
      continue;
    }
    if (std::find(seen.begin(), seen.end(), iface) != seen.end()) {
      report("Type " + type_name + " can only implement " + iface_name + " once.",
             name_offsets(type, iface->name));
      continue;
    }
    seen.push_back(iface);
    // Transitive interfaces must be declared too.
    for (const named_type* transitive : iface->interfaces) {
      if (std::find(type.interfaces.begin(), type.interfaces.end(), transitive) !=
          type.interfaces.end()) {
        continue;
      }
      auto at = name_offsets(*iface, transitive->name);
      const auto own = name_offsets(type, iface->name);
      at.insert(at.end(), own.begin(), own.end());
      report(transitive == &type
                 ? "Type " + type_name + " cannot implement " + iface_name +
                       " because it would create a circular reference."
                 : "Type " + type_name + " must implement " + std::string(transitive->name) +
                       " because it is implemented by " + iface_name + ".",
             at);
    }
    validate_implementation(type, *iface);
  }
}

void schema_builder::validate_implementation(const named_type& type, const named_type& iface) {
  const std::string type_name(type.name);
  const std::string iface_name(iface.name);
  for (const auto& iface_field : iface.fields) {
    const std::string field_name(iface_field.name);
    const field_def* field = type.find_field(iface_field.name);
    if (field == nullptr) {
      std::vector<std::uint32_t> at;
      if (iface_field.ast != nullptr) at.push_back(iface_field.ast->offset);
      const auto own = type_node_offsets(type);
      at.insert(at.end(), own.begin(), own.end());
      report("Interface field " + iface_name + "." + field_name + " expected but " + type_name +
                 " does not provide it.",
             at);
      continue;
    }
    if (!schema_->is_type_sub_type_of(field->type, iface_field.type)) {
      report("Interface field " + iface_name + "." + field_name + " expects type " +
                 inspect(iface_field.type) + " but " + type_name + "." + field_name + " is type " +
                 inspect(field->type) + ".",
             {iface_field.ast->type->offset, field->ast->type->offset});
    }
    for (const auto& iface_arg : iface_field.arguments) {
      const std::string arg_name(iface_arg.name);
      const input_value_def* arg = field->find_argument(iface_arg.name);
      if (arg == nullptr) {
        report("Interface field argument " + iface_name + "." + field_name + "(" + arg_name +
                   ":) expected but " + type_name + "." + field_name + " does not provide it.",
               {iface_arg.ast->offset, field->ast->offset});
        continue;
      }
      if (!(arg->type == iface_arg.type)) {
        report("Interface field argument " + iface_name + "." + field_name + "(" + arg_name +
                   ":) expects type " + inspect(iface_arg.type) + " but " + type_name + "." +
                   field_name + "(" + arg_name + ":) is type " + inspect(arg->type) + ".",
               {iface_arg.ast->type->offset, arg->ast->type->offset});
      }
    }
    for (const auto& arg : field->arguments) {
      if (iface_field.find_argument(arg.name) == nullptr && arg.is_required()) {
        report("Object field " + type_name + "." + field_name + " includes required argument " +
                   std::string(arg.name) + " that is missing from the Interface field " +
                   iface_name + "." + field_name + ".",
               {arg.ast->offset, iface_field.ast->offset});
      }
    }
  }
}

void schema_builder::validate_union(const named_type& type) {
  const std::string name(type.name);
  if (type.members.empty()) {
    report("Union type " + name + " must define one or more member types.", type_node_offsets(type));
  }
  std::vector<const named_type*> seen;
  for (const named_type* member : type.members) {
    if (std::find(seen.begin(), seen.end(), member) != seen.end()) {
      report("Union type " + name + " can only include type " + std::string(member->name) + " once.",
             name_offsets(type, member->name));
      continue;
    }
    seen.push_back(member);
    if (member->kind != type_kind::object) {
      report("Union type " + name + " can only include Object types, it cannot include " +
                 std::string(member->name) + ".",
             name_offsets(type, member->name));
    }
  }
}

void schema_builder::validate_enum(const named_type& type) {
  if (type.enum_values.empty()) {
    report("Enum type " + std::string(type.name) + " must define one or more values.",
           type_node_offsets(type));
  }
}

void schema_builder::validate_input_object(const named_type& type) {
  const std::string name(type.name);
  if (type.input_fields.empty()) {
    report("Input Object type " + name + " must define one or more fields.",
           type_node_offsets(type));
  }
  for (const auto& field : type.input_fields) {
    const std::string label = name + "." + std::string(field.name);
    if (!is_input_type(field.type)) {
      report("The type of " + label + " must be Input Type but got: " + inspect(field.type) + ".",
             {field.ast->type->offset});
    }
    if (field.is_required() && field.deprecation_reason) {
      std::vector<std::uint32_t> at;
      add_deprecated_offset(field.ast->directives, at);
      at.push_back(field.ast->type->offset);
      report("Required input field " + label + " cannot be deprecated.", at);
    }
  }
}

// Input objects may not reference themselves through non-null fields only:
// no finite value could be written. A depth-first walk over such fields,
// as graphql-js's createInputObjectCircularRefsValidator.
void schema_builder::validate_input_cycles() {
  std::unordered_map<const named_type*, bool> visited;
  std::unordered_map<const named_type*, std::size_t> path_index;
  std::vector<const input_value_def*> path;
  const std::function<void(const named_type&)> visit = [&](const named_type& input) {
    if (visited[&input]) return;
    visited[&input] = true;
    path_index[&input] = path.size();
    for (const auto& field : input.input_fields) {
      if (!field.type.is_non_null() || !field.type.of_type().is_named() ||
          field.type.named_type()->kind != type_kind::input_object) {
        continue;
      }
      const named_type& target = *field.type.named_type();
      path.push_back(&field);
      const auto cycle = path_index.find(&target);
      if (cycle == path_index.end()) {
        visit(target);
      } else {
        std::string path_text;
        std::vector<std::uint32_t> at;
        for (std::size_t i = cycle->second; i < path.size(); ++i) {
          if (!path_text.empty()) path_text += '.';
          path_text += path[i]->name;
          if (path[i]->ast != nullptr) at.push_back(path[i]->ast->offset);
        }
        report("Cannot reference Input Object \"" + std::string(target.name) +
                   "\" within itself through a series of non-null fields: \"" + path_text + "\".",
               at);
      }
      path.pop_back();
    }
    path_index.erase(&input);
  };
  for (const named_type* type : schema_->types_) {
    if (type->kind == type_kind::input_object && type->ast != nullptr) visit(*type);
  }
}

}  // namespace streamhub::graphql::detail
