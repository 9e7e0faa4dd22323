#pragma once
// Introspection (spec 4.2, graphql-js 16.8 type/introspection.js): the
// resolvers of __schema, __type(name:) and of the fields of __Schema,
// __Type, __Field, __InputValue, __EnumValue and __Directive, reading the
// schema model. The planner wires them into every operation; no
// application binding is involved. Internal to execution.
//
// Values: schema elements are borrowed objects (the schema outlives every
// execution); a __Type is the named type with its list/non-null wrappers
// packed into the object's payload word.

#include <string_view>

#include "protocol/graphql/execution/resolver.hpp"
#include "protocol/graphql/schema.hpp"

namespace streamhub::graphql::detail {

/// The resolver of `field` on introspection type `type`, or null.
const resolver_fn* introspection_resolver(const named_type& type, std::string_view field);
/// Query.__schema and Query.__type(name:).
const resolver_fn& schema_meta_resolver();
const resolver_fn& type_meta_resolver();

}  // namespace streamhub::graphql::detail
