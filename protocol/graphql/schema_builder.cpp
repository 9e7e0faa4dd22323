#include "protocol/graphql/schema_builder.hpp"

#include <algorithm>
#include <unordered_set>

#include "protocol/graphql/builtin_prelude.hpp"
#include "protocol/graphql/parser.hpp"
#include "protocol/graphql/printer.hpp"
#include "protocol/graphql/schema_builder_impl.hpp"

namespace streamhub::graphql {

namespace detail {

namespace {

constexpr std::string_view default_deprecation_reason = "No longer supported";

type_kind kind_of(definition_kind kind) {
  switch (kind) {
    case definition_kind::object: return type_kind::object;
    case definition_kind::interface: return type_kind::interface;
    case definition_kind::union_: return type_kind::union_;
    case definition_kind::enum_: return type_kind::enum_;
    case definition_kind::input_object: return type_kind::input_object;
    default: return type_kind::scalar;
  }
}

std::optional<std::string_view> description_of(const value_node* description) {
  if (description == nullptr) return std::nullopt;
  return description->text;
}

const directive_node* find_directive(std::span<const directive_node> directives,
                                     std::string_view name) {
  for (const auto& d : directives) {
    if (d.name.value == name) return &d;
  }
  return nullptr;
}

const argument_node* find_argument(const directive_node& directive, std::string_view name) {
  for (const auto& a : directive.arguments) {
    if (a.name.value == name) return &a;
  }
  return nullptr;
}

}  // namespace

schema_builder::schema_builder(std::shared_ptr<const document> sdl)
    : sdl_(std::move(sdl)), prelude_(builtin_prelude()), schema_(new schema()) {}

void schema_builder::report(std::string message, std::initializer_list<std::uint32_t> offsets) {
  report(std::move(message), std::vector<std::uint32_t>(offsets));
}

void schema_builder::report(std::string message, const std::vector<std::uint32_t>& offsets) {
  graphql_error err(std::move(message));
  for (const auto offset : offsets) err.locations.push_back(sdl_->location(offset));
  errors_.push_back(std::move(err));
}

std::vector<std::uint32_t> schema_builder::type_node_offsets(const named_type& type) const {
  std::vector<std::uint32_t> out;
  if (type.ast != nullptr) out.push_back(type.ast->offset);
  for (const auto* ext : type.extension_asts) out.push_back(ext->offset);
  return out;
}

void schema_builder::collect_definitions() {
  for (const definition_node* def : sdl_->definitions()) {
    switch (def->kind) {
      case definition_kind::operation:
      case definition_kind::fragment:
        break;  // not part of a schema; ignored as graphql-js does
      case definition_kind::schema:
        schema_defs_.push_back(&def->as<schema_definition_node>());
        break;
      case definition_kind::directive:
        directive_defs_.push_back(&def->as<directive_definition_node>());
        break;
      default: {
        const auto& type = def->as<type_definition_node>();
        if (type.extension) {
          type_extensions_[type.name.value].push_back(&type);
        } else {
          type_defs_.push_back(&type);
        }
      }
    }
  }
}

named_type& schema_builder::add_type(const type_definition_node& def, bool builtin) {
  named_type& type = schema_->storage_.emplace_back();
  type.kind = kind_of(def.kind);
  type.name = def.name.value;
  type.description = description_of(def.description);
  if (!builtin) type.ast = &def;
  return type;
}

type_ref schema_builder::resolve(const type_node& node) {
  if (node.kind == type_node_kind::named) {
    const auto it = by_name_.find(node.name.value);
    return it == by_name_.end() ? type_ref() : type_ref(it->second);
  }
  const type_ref inner = resolve(*node.of_type);
  if (inner.empty()) return inner;
  if (inner.depth() >= type_ref::max_depth) {
    if (!type_too_deep_) {
      report("Type " + print_type(node) + " nests more than 32 list and non-null wrappers.",
             {node.offset});
    }
    type_too_deep_ = true;
    return type_ref();
  }
  return node.kind == type_node_kind::list ? inner.list_of() : inner.non_null();
}

std::optional<std::string_view> schema_builder::deprecation_reason(
    std::span<const directive_node> directives) {
  const directive_node* deprecated = find_directive(directives, "deprecated");
  if (deprecated == nullptr) return std::nullopt;
  const argument_node* reason = find_argument(*deprecated, "reason");
  if (reason == nullptr) return default_deprecation_reason;
  if (reason->value.kind == value_kind::string) return reason->value.text;
  if (reason->value.kind != value_kind::null) {
    report("Argument \"reason\" has invalid value " + print_value(reason->value) + ".",
           {reason->value.offset});
  }
  return std::nullopt;  // `reason: null` means not deprecated, as in graphql-js
}

input_value_def schema_builder::build_input_value(const input_value_definition_node& node,
                                                  bool builtin) {
  input_value_def input;
  input.name = node.name.value;
  input.description = description_of(node.description);
  input.type = resolve(*node.type);
  input.default_value = node.default_value;
  input.deprecation_reason = deprecation_reason(node.directives);
  if (!builtin) input.ast = &node;
  return input;
}

field_def schema_builder::build_field(const field_definition_node& node, bool builtin) {
  field_def field;
  field.name = node.name.value;
  field.description = description_of(node.description);
  for (const auto& arg : node.arguments) field.arguments.push_back(build_input_value(arg, builtin));
  field.type = resolve(*node.type);
  field.deprecation_reason = deprecation_reason(node.directives);
  if (!builtin) field.ast = &node;
  return field;
}

void schema_builder::fill_type(named_type& type, const type_definition_node* def,
                               const std::vector<const type_definition_node*>& extensions,
                               bool builtin) {
  std::vector<const type_definition_node*> nodes{def};
  nodes.insert(nodes.end(), extensions.begin(), extensions.end());
  if (!builtin) type.extension_asts = extensions;
  const auto named = [&](const name_node& n) {
    const auto it = by_name_.find(n.value);
    return it == by_name_.end() ? nullptr : it->second;
  };
  for (const type_definition_node* node : nodes) {
    switch (type.kind) {
      case type_kind::scalar:
        // Like graphql-js, only the definition's @specifiedBy counts when
        // the scalar is defined in the same document as its extensions.
        if (node != def) break;
        if (const directive_node* by = find_directive(node->directives, "specifiedBy")) {
          if (const argument_node* url = find_argument(*by, "url")) {
            if (url->value.kind == value_kind::string) {
              type.specified_by_url = url->value.text;
            } else {
              report("Argument \"url\" has invalid value " + print_value(url->value) + ".",
                     {url->value.offset});
            }
          }
        }
        break;
      case type_kind::object:
      case type_kind::interface: {
        const auto& d = node->as<object_or_interface_definition_node>();
        for (const auto& iface : d.interfaces) {
          if (const named_type* t = named(iface)) type.interfaces.push_back(t);
        }
        for (const auto& f : d.fields) type.fields.push_back(build_field(f, builtin));
        break;
      }
      case type_kind::union_:
        for (const auto& member : node->as<union_type_definition_node>().types) {
          if (const named_type* t = named(member)) type.members.push_back(t);
        }
        break;
      case type_kind::enum_:
        for (const auto& v : node->as<enum_type_definition_node>().values) {
          enum_value_def value;
          value.name = v.name.value;
          value.description = description_of(v.description);
          value.deprecation_reason = deprecation_reason(v.directives);
          if (!builtin) value.ast = &v;
          type.enum_values.push_back(value);
        }
        break;
      case type_kind::input_object:
        for (const auto& f : node->as<input_object_type_definition_node>().fields) {
          type.input_fields.push_back(build_input_value(f, builtin));
        }
        break;
    }
  }
}

directive_def& schema_builder::add_directive(const directive_definition_node& node, bool builtin) {
  directive_def& d = schema_->directive_storage_.emplace_back();
  d.name = node.name.value;
  d.description = description_of(node.description);
  for (const auto& arg : node.arguments) d.arguments.push_back(build_input_value(arg, builtin));
  for (const auto& location : node.locations) {
    const auto loc = *directive_location_from_string(location.value);  // checked by the parser
    d.locations.push_back(loc);
    d.location_mask_ |= 1u << static_cast<unsigned>(loc);
  }
  d.repeatable = node.repeatable;
  if (!builtin) d.ast = &node;
  return d;
}

void schema_builder::set_root_types() {
  const auto find = [&](std::string_view name) -> const named_type* {
    const auto it = by_name_.find(name);
    return it == by_name_.end() ? nullptr : it->second;
  };
  bool has_definition = false;
  for (const schema_definition_node* def : schema_defs_) {
    if (!def->extension) {
      has_definition = true;
      schema_->description_ = description_of(def->description);
    }
    for (const auto& op : def->operation_types) {
      const named_type* type = find(op.type.value);
      switch (op.operation) {
        case operation_type::query: schema_->query_ = type; break;
        case operation_type::mutation: schema_->mutation_ = type; break;
        case operation_type::subscription: schema_->subscription_ = type; break;
      }
    }
  }
  // Without a schema definition the conventional names win, even over a
  // schema extension's operation types (as graphql-js's buildASTSchema).
  if (!has_definition) {
    if (const auto* t = find("Query")) schema_->query_ = t;
    if (const auto* t = find("Mutation")) schema_->mutation_ = t;
    if (const auto* t = find("Subscription")) schema_->subscription_ = t;
  }
}

// graphql-js's GraphQLSchema constructor order: the SDL's types in document
// order, each followed by the not yet listed (built-in) types it references,
// depth first; then the root types, the directives' argument types and the
// introspection types.
void schema_builder::order_types() {
  std::vector<const named_type*> order;
  std::unordered_set<const named_type*> listed;
  for (const named_type* t : user_types_) {
    if (listed.insert(t).second) order.push_back(t);
  }
  const auto collect = [&](const named_type* root) {
    std::vector<const named_type*> pending{root};
    while (!pending.empty()) {
      const named_type* t = pending.back();
      pending.pop_back();
      if (t == nullptr || !listed.insert(t).second) continue;
      order.push_back(t);
      std::vector<const named_type*> children;
      if (t->kind == type_kind::union_) {
        children = t->members;
      } else if (t->kind == type_kind::object || t->kind == type_kind::interface) {
        children = t->interfaces;
        for (const auto& f : t->fields) {
          children.push_back(f.type.named_type());
          for (const auto& a : f.arguments) children.push_back(a.type.named_type());
        }
      } else if (t->kind == type_kind::input_object) {
        for (const auto& f : t->input_fields) children.push_back(f.type.named_type());
      }
      pending.insert(pending.end(), children.rbegin(), children.rend());
    }
  };
  for (const named_type* t : user_types_) {
    order.erase(std::find(order.begin(), order.end(), t));
    listed.erase(t);
    collect(t);
  }
  collect(schema_->query_);
  collect(schema_->mutation_);
  collect(schema_->subscription_);
  for (const directive_def* d : schema_->directives_) {
    for (const auto& a : d->arguments) collect(a.type.named_type());
  }
  collect(by_name_.at("__Schema"));
  schema_->types_ = std::move(order);
  for (const named_type* t : schema_->types_) schema_->type_index_.emplace(t->name, t);
}

void schema_builder::index_types() {
  for (named_type& t : schema_->storage_) {
    for (std::uint32_t i = 0; i < t.fields.size(); ++i) t.index_.emplace(t.fields[i].name, i);
    for (std::uint32_t i = 0; i < t.enum_values.size(); ++i) {
      t.index_.emplace(t.enum_values[i].name, i);
    }
    for (std::uint32_t i = 0; i < t.input_fields.size(); ++i) {
      t.index_.emplace(t.input_fields[i].name, i);
    }
    if (t.kind == type_kind::union_) t.possible_types_ = t.members;
  }
  // Implementations in type order, as graphql-js's _implementationsMap.
  for (const named_type* t : schema_->types_) {
    for (const named_type* iface : t->interfaces) {
      if (iface->kind != type_kind::interface) continue;
      named_type& target = *by_name_.at(iface->name);
      if (t->kind == type_kind::object) target.possible_types_.push_back(t);
      if (t->kind == type_kind::interface) target.implementing_interfaces_.push_back(t);
    }
  }
  for (named_type& t : schema_->storage_) {
    t.possible_sorted_ = t.possible_types_;
    std::sort(t.possible_sorted_.begin(), t.possible_sorted_.end());
    std::sort(t.implementing_interfaces_.begin(), t.implementing_interfaces_.end());
  }
}

outcome<std::shared_ptr<const schema>> schema_builder::build() {
  collect_definitions();
  validate_sdl();
  if (!errors_.empty()) return std::move(errors_);

  std::vector<const type_definition_node*> builtin_types;
  std::vector<const directive_definition_node*> builtin_directives;
  const type_definition_node* meta_fields = nullptr;
  for (const definition_node* def : prelude_->definitions()) {
    if (def->kind == definition_kind::directive) {
      builtin_directives.push_back(&def->as<directive_definition_node>());
      continue;
    }
    const auto& type = def->as<type_definition_node>();
    if (type.name.value == "__MetaFields") {
      meta_fields = &type;
      continue;
    }
    by_name_[type.name.value] = &add_type(type, true);
    builtin_types.push_back(&type);
  }
  for (const type_definition_node* def : type_defs_) {
    const auto builtin = by_name_.find(def->name.value);
    if (builtin != by_name_.end()) {  // `scalar String`: the built-in one is used
      user_types_.push_back(builtin->second);
      continue;
    }
    named_type& type = add_type(*def, false);
    by_name_[type.name] = &type;
    user_types_.push_back(&type);
    sdl_types_.push_back(&type);
  }
  for (const type_definition_node* def : builtin_types) {
    fill_type(*by_name_.at(def->name.value), def, {}, true);
  }
  static const std::vector<const type_definition_node*> no_extensions;
  for (named_type* type : sdl_types_) {
    const auto ext = type_extensions_.find(type->name);
    fill_type(*type, type->ast, ext == type_extensions_.end() ? no_extensions : ext->second, false);
  }
  named_type& meta = add_type(*meta_fields, true);
  fill_type(meta, meta_fields, {}, true);
  schema_->schema_field_ = &meta.fields.at(0);
  schema_->type_field_ = &meta.fields.at(1);
  schema_->typename_field_ = &meta.fields.at(2);

  for (const auto* def : directive_defs_) schema_->directives_.push_back(&add_directive(*def, false));
  for (const auto* def : builtin_directives) {
    if (schema_->find_directive(def->name.value) == nullptr) {
      schema_->directives_.push_back(&add_directive(*def, true));
    }
  }
  if (!errors_.empty()) return std::move(errors_);

  set_root_types();
  order_types();
  index_types();
  validate_type_system();
  if (!errors_.empty()) return std::move(errors_);
  schema_->documents_ = {sdl_, prelude_};
  return std::shared_ptr<const schema>(std::move(schema_));
}

}  // namespace detail

outcome<std::shared_ptr<const schema>> build_schema(std::string_view sdl) {
  parse_limits limits;
  limits.max_bytes = 16 << 20;
  limits.max_tokens = 1'000'000;
  auto doc = parse_sdl(sdl, limits);
  if (!doc) return std::move(doc).errors();
  return build_schema(std::move(doc).value());
}

outcome<std::shared_ptr<const schema>> build_schema(std::shared_ptr<const document> sdl) {
  return detail::schema_builder(std::move(sdl)).build();
}

}  // namespace streamhub::graphql
