#include "protocol/graphql/execution/introspection.hpp"

#include <string>
#include <unordered_map>
#include <vector>

#include "protocol/graphql/default_value.hpp"
#include "protocol/graphql/directive_location.hpp"

namespace streamhub::graphql::detail {

namespace {

// ---------------------------------------------------------- __Type values

std::uint64_t wrappers_of(type_ref t) {
  std::uint64_t bits = 0;
  unsigned i = 0;
  for (; !t.is_named(); t = t.of_type(), ++i) {
    if (t.is_list()) bits |= 1u << i;
  }
  return (static_cast<std::uint64_t>(i) << 32) | bits;
}

type_ref type_of(const named_type* named, std::uint64_t word) {
  const auto depth = static_cast<unsigned>(word >> 32);
  const auto bits = static_cast<std::uint32_t>(word);
  type_ref t(named);
  for (unsigned i = depth; i-- > 0;) t = (bits >> i) & 1u ? t.list_of() : t.non_null();
  return t;
}

value type_value(type_ref t) { return value::object_view(t.named_type(), {}, wrappers_of(t)); }
value type_value(const named_type* t) { return t == nullptr ? value() : value::object_view(t); }

std::optional<type_ref> parent_type(const field_call& call) {
  const named_type* named = call.parent().as<named_type>();
  if (named == nullptr) return std::nullopt;
  return type_of(named, call.parent().object_word());
}

// The named type of a __Type that has no wrappers, else null.
const named_type* named_parent(const field_call& call) {
  const auto t = parent_type(call);
  return t && t->is_named() ? t->named_type() : nullptr;
}

value text(std::optional<std::string_view> s) { return s ? value::view(*s) : value(); }

bool include_deprecated(const field_call& call) {
  return call.args().get_bool("includeDeprecated").value_or(false);
}

template <class T>
value list_of(const std::vector<T>& items, bool all) {
  std::vector<value> out;
  out.reserve(items.size());
  for (const T& item : items) {
    if (all || !item.deprecation_reason) out.push_back(value::object_view(&item));
  }
  return value::list(std::move(out));
}

value types_list(std::span<const named_type* const> types) {
  std::vector<value> out;
  out.reserve(types.size());
  for (const named_type* t : types) out.push_back(type_value(t));
  return value::list(std::move(out));
}

// ---------------------------------------------------------- the resolvers

using table = std::unordered_map<std::string, resolver_fn>;

void add_schema_fields(table& t) {
  const auto schema_of = [](const field_call& c) { return c.parent().as<schema>(); };
  t["__Schema.description"] = [=](const field_call& c) -> field_result {
    const schema* s = schema_of(c);
    return s ? text(s->description()) : value();
  };
  t["__Schema.types"] = [=](const field_call& c) -> field_result {
    const schema* s = schema_of(c);
    return s ? types_list(s->types()) : value();
  };
  t["__Schema.queryType"] = [=](const field_call& c) -> field_result {
    const schema* s = schema_of(c);
    return s ? type_value(s->query_type()) : value();
  };
  t["__Schema.mutationType"] = [=](const field_call& c) -> field_result {
    const schema* s = schema_of(c);
    return s ? type_value(s->mutation_type()) : value();
  };
  t["__Schema.subscriptionType"] = [=](const field_call& c) -> field_result {
    const schema* s = schema_of(c);
    return s ? type_value(s->subscription_type()) : value();
  };
  t["__Schema.directives"] = [=](const field_call& c) -> field_result {
    const schema* s = schema_of(c);
    if (s == nullptr) return value();
    std::vector<value> out;
    for (const directive_def* d : s->directives()) out.push_back(value::object_view(d));
    return value::list(std::move(out));
  };
}

void add_type_fields(table& t) {
  t["__Type.kind"] = [](const field_call& c) -> field_result {
    const auto type = parent_type(c);
    if (!type) return value();
    if (type->is_list()) return value::enum_value("LIST");
    if (type->is_non_null()) return value::enum_value("NON_NULL");
    return value::enum_value(to_string(type->named_type()->kind));
  };
  t["__Type.name"] = [](const field_call& c) -> field_result {
    const named_type* n = named_parent(c);
    return n ? value::view(n->name) : value();
  };
  t["__Type.description"] = [](const field_call& c) -> field_result {
    const named_type* n = named_parent(c);
    return n ? text(n->description) : value();
  };
  t["__Type.specifiedByURL"] = [](const field_call& c) -> field_result {
    const named_type* n = named_parent(c);
    return n && n->kind == type_kind::scalar ? text(n->specified_by_url) : value();
  };
  t["__Type.fields"] = [](const field_call& c) -> field_result {
    const named_type* n = named_parent(c);
    if (n == nullptr || (n->kind != type_kind::object && n->kind != type_kind::interface)) return value();
    return list_of(n->fields, include_deprecated(c));
  };
  t["__Type.interfaces"] = [](const field_call& c) -> field_result {
    const named_type* n = named_parent(c);
    if (n == nullptr || (n->kind != type_kind::object && n->kind != type_kind::interface)) return value();
    return types_list(n->interfaces);
  };
  t["__Type.possibleTypes"] = [](const field_call& c) -> field_result {
    const named_type* n = named_parent(c);
    if (n == nullptr || !n->is_abstract()) return value();
    return types_list(c.info().schema->possible_types(*n));
  };
  t["__Type.enumValues"] = [](const field_call& c) -> field_result {
    const named_type* n = named_parent(c);
    if (n == nullptr || n->kind != type_kind::enum_) return value();
    return list_of(n->enum_values, include_deprecated(c));
  };
  t["__Type.inputFields"] = [](const field_call& c) -> field_result {
    const named_type* n = named_parent(c);
    if (n == nullptr || n->kind != type_kind::input_object) return value();
    return list_of(n->input_fields, include_deprecated(c));
  };
  t["__Type.ofType"] = [](const field_call& c) -> field_result {
    const auto type = parent_type(c);
    if (!type || type->is_named()) return value();
    return type_value(type->of_type());
  };
}

// name, description, isDeprecated and deprecationReason of T.
template <class T>
void add_common(table& t, const std::string& type) {
  t[type + ".name"] = [](const field_call& c) -> field_result {
    const T* p = c.parent().as<T>();
    return p ? value::view(p->name) : value();
  };
  t[type + ".description"] = [](const field_call& c) -> field_result {
    const T* p = c.parent().as<T>();
    return p ? text(p->description) : value();
  };
  if constexpr (requires(const T& x) { x.deprecation_reason; }) {
    t[type + ".isDeprecated"] = [](const field_call& c) -> field_result {
      const T* p = c.parent().as<T>();
      return p ? value(p->deprecation_reason.has_value()) : value();
    };
    t[type + ".deprecationReason"] = [](const field_call& c) -> field_result {
      const T* p = c.parent().as<T>();
      return p ? text(p->deprecation_reason) : value();
    };
  }
}

void add_member_fields(table& t) {
  add_common<field_def>(t, "__Field");
  t["__Field.args"] = [](const field_call& c) -> field_result {
    const field_def* f = c.parent().as<field_def>();
    return f ? list_of(f->arguments, include_deprecated(c)) : value();
  };
  t["__Field.type"] = [](const field_call& c) -> field_result {
    const field_def* f = c.parent().as<field_def>();
    return f ? type_value(f->type) : value();
  };

  add_common<input_value_def>(t, "__InputValue");
  t["__InputValue.type"] = [](const field_call& c) -> field_result {
    const input_value_def* v = c.parent().as<input_value_def>();
    return v ? type_value(v->type) : value();
  };
  t["__InputValue.defaultValue"] = [](const field_call& c) -> field_result {
    const input_value_def* v = c.parent().as<input_value_def>();
    if (v == nullptr) return value();
    auto printed = print_default_value(*v);
    return printed ? value(std::move(*printed)) : value();
  };

  add_common<enum_value_def>(t, "__EnumValue");

  add_common<directive_def>(t, "__Directive");
  t["__Directive.isRepeatable"] = [](const field_call& c) -> field_result {
    const directive_def* d = c.parent().as<directive_def>();
    return d ? value(d->repeatable) : value();
  };
  t["__Directive.locations"] = [](const field_call& c) -> field_result {
    const directive_def* d = c.parent().as<directive_def>();
    if (d == nullptr) return value();
    std::vector<value> out;
    for (const directive_location l : d->locations) out.push_back(value::enum_value(to_string(l)));
    return value::list(std::move(out));
  };
  t["__Directive.args"] = [](const field_call& c) -> field_result {
    const directive_def* d = c.parent().as<directive_def>();
    return d ? list_of(d->arguments, include_deprecated(c)) : value();
  };
}

const table& resolvers() {
  static const table t = [] {
    table built;
    add_schema_fields(built);
    add_type_fields(built);
    add_member_fields(built);
    return built;
  }();
  return t;
}

}  // namespace

const resolver_fn* introspection_resolver(const named_type& type, std::string_view field) {
  const auto& t = resolvers();
  const auto it = t.find(std::string(type.name) + "." + std::string(field));
  return it == t.end() ? nullptr : &it->second;
}

const resolver_fn& schema_meta_resolver() {
  static const resolver_fn fn = [](const field_call& c) -> field_result {
    return value::object_view(c.info().schema);
  };
  return fn;
}

const resolver_fn& type_meta_resolver() {
  static const resolver_fn fn = [](const field_call& c) -> field_result {
    const auto name = c.args().get_string("name");
    return name ? type_value(c.info().schema->find_type(*name)) : value();
  };
  return fn;
}

}  // namespace streamhub::graphql::detail
