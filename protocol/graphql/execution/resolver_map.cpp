#include "protocol/graphql/execution/resolver_map.hpp"

#include <string>

namespace streamhub::graphql {

namespace {

error invalid(std::string message) { return error{error_code::invalid, std::move(message)}; }

template <class Map, class Key>
const typename Map::mapped_type* find_in(const Map& map, Key key) noexcept {
  const auto it = map.find(key);
  return it == map.end() ? nullptr : &it->second;
}

}  // namespace

resolver_map::resolver_map(std::shared_ptr<const graphql::schema> schema)
    : schema_(std::move(schema)) {}

result<const named_type*> resolver_map::lookup_type(std::string_view name) const {
  const named_type* type = schema_->find_type(name);
  if (type == nullptr) return invalid("Type \"" + std::string(name) + "\" is not in the schema.");
  return type;
}

result<void> resolver_map::bind(std::string_view type, std::string_view field, resolver_fn fn) {
  auto found = lookup_type(type);
  if (!found) return std::move(found).err();
  const named_type& parent = **found;
  if (parent.kind != type_kind::object && parent.kind != type_kind::interface) {
    return invalid("Type \"" + std::string(type) + "\" is not an object or interface type.");
  }
  const field_def* def = parent.find_field(field);
  if (def == nullptr) {
    return invalid("Field \"" + std::string(type) + "." + std::string(field) +
                   "\" is not in the schema.");
  }
  if (parent.is_introspection_type()) {
    return invalid("Introspection field \"" + std::string(type) + "." + std::string(field) +
                   "\" cannot be bound.");
  }
  if (!resolvers_.emplace(def, std::move(fn)).second) {
    return invalid("Field \"" + std::string(type) + "." + std::string(field) +
                   "\" has a resolver already.");
  }
  return {};
}

result<void> resolver_map::bind_subscription(std::string_view field, subscribe_fn fn) {
  const named_type* root = schema_->subscription_type();
  if (root == nullptr) return invalid("The schema has no subscription type.");
  const field_def* def = root->find_field(field);
  if (def == nullptr) {
    return invalid("Field \"" + std::string(root->name) + "." + std::string(field) +
                   "\" is not in the schema.");
  }
  if (!subscribers_.emplace(def, std::move(fn)).second) {
    return invalid("Subscription field \"" + std::string(field) +
                   "\" has a source stream resolver already.");
  }
  return {};
}

result<void> resolver_map::bind_type_resolver(std::string_view abstract_type,
                                              type_resolver_fn fn) {
  auto found = lookup_type(abstract_type);
  if (!found) return std::move(found).err();
  if (!(*found)->is_abstract()) {
    return invalid("Type \"" + std::string(abstract_type) + "\" is not an interface or union.");
  }
  if (!type_resolvers_.emplace(*found, std::move(fn)).second) {
    return invalid("Type \"" + std::string(abstract_type) + "\" has a type resolver already.");
  }
  return {};
}

result<void> resolver_map::bind_scalar(std::string_view scalar, scalar_hooks hooks) {
  auto found = lookup_type(scalar);
  if (!found) return std::move(found).err();
  if ((*found)->kind != type_kind::scalar || (*found)->is_builtin_scalar()) {
    return invalid("Type \"" + std::string(scalar) + "\" is not a custom scalar.");
  }
  if (!scalars_.emplace(*found, std::move(hooks)).second) {
    return invalid("Scalar \"" + std::string(scalar) + "\" has hooks already.");
  }
  return {};
}

const resolver_fn* resolver_map::find_resolver(const named_type& object,
                                               const field_def& field) const noexcept {
  if (resolvers_.empty()) return nullptr;
  if (const resolver_fn* own = find_in(resolvers_, &field)) return own;
  for (const named_type* iface : object.interfaces) {
    if (const field_def* inherited = iface->find_field(field.name)) {
      if (const resolver_fn* fn = find_in(resolvers_, inherited)) return fn;
    }
  }
  return nullptr;
}

const subscribe_fn* resolver_map::find_subscriber(const field_def& field) const noexcept {
  return find_in(subscribers_, &field);
}

const type_resolver_fn* resolver_map::find_type_resolver(const named_type& abstract) const noexcept {
  return find_in(type_resolvers_, &abstract);
}

const scalar_hooks* resolver_map::find_scalar(const named_type& scalar) const noexcept {
  return find_in(scalars_, &scalar);
}

}  // namespace streamhub::graphql
