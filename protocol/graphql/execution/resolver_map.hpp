#pragma once
// The application's side of a schema: field resolvers, subscription
// resolvers, type resolvers for interfaces and unions, and custom scalar
// hooks, bound by name once at start-up and checked against the schema.
//
//   auto map = std::make_shared<resolver_map>(schema);
//   map->bind("Query", "channel", resolve_channel).value();   // result<void>
//   map->bind_subscription("chatMessage", subscribe_chat);
//   map->bind_scalar("DateTime", {.serialize = format_time, .parse = parse_time});
//   std::shared_ptr<const resolver_map> frozen = std::move(map);
//
// Fields without a resolver use the default resolver: it reads the
// property named like the field (not the alias) from a property_object
// parent, and gives null for any other parent. Subscription root fields
// without a resolver give the event itself (see subscription.hpp).
// Binding a field of an interface binds it for every implementing object
// type that has no binding of its own.
//
// Thread-safety: binding is start-up work on one thread; once shared as
// shared_ptr<const resolver_map>, every const method is safe from any
// number of threads.

#include <functional>
#include <memory>
#include <string_view>
#include <unordered_map>

#include "protocol/error.hpp"
#include "protocol/graphql/execution/resolver.hpp"
#include "protocol/graphql/execution/value.hpp"
#include "protocol/graphql/schema.hpp"

namespace streamhub::graphql {

/// Hooks of a custom scalar. An empty hook means the default: values pass
/// through unchanged (output: written as JSON, lists as arrays, property
/// objects as objects, json values verbatim; input: any JSON value or
/// literal, literals converted as graphql-js's valueFromASTUntyped does).
struct scalar_hooks {
  /// A resolver's value to the value written to the response. An error's
  /// message becomes the field error's message.
  std::function<result<value>(const value&)> serialize{};
  /// A variable's JSON value, or a literal as a plain value, to the value
  /// resolvers receive. An error's message is used in the coercion error,
  /// e.g. `Variable "$at" got invalid value "x"; <message>`.
  std::function<result<value>(const value&)> parse{};
};

class resolver_map {
 public:
  /// REQUIRES: schema != nullptr.
  explicit resolver_map(std::shared_ptr<const graphql::schema> schema);

  /// Binds `type.field` (an object or interface type). Errors (code
  /// invalid): unknown type or field, a field of another kind of type, a
  /// meta-field (__typename...), or a field bound already.
  result<void> bind(std::string_view type, std::string_view field, resolver_fn fn);
  /// Binds the source stream resolver of a subscription root field. Errors:
  /// no subscription type, unknown field, bound already.
  result<void> bind_subscription(std::string_view field, subscribe_fn fn);
  /// Binds how values of an interface or union name their object type.
  /// Without one, a value's object_type_name() is used. Errors: unknown or
  /// not abstract type, bound already.
  result<void> bind_type_resolver(std::string_view abstract_type, type_resolver_fn fn);
  /// Errors: unknown type, not a scalar, a built-in scalar, bound already.
  result<void> bind_scalar(std::string_view scalar, scalar_hooks hooks);

  const graphql::schema& schema() const noexcept { return *schema_; }
  const std::shared_ptr<const graphql::schema>& schema_ptr() const noexcept { return schema_; }

  /// The resolver of `field` on object type `object`: its own binding, else
  /// a binding on one of its interfaces (in declaration order); null for
  /// the default resolver.
  const resolver_fn* find_resolver(const named_type& object, const field_def& field) const noexcept;
  const subscribe_fn* find_subscriber(const field_def& field) const noexcept;
  const type_resolver_fn* find_type_resolver(const named_type& abstract) const noexcept;
  const scalar_hooks* find_scalar(const named_type& scalar) const noexcept;

 private:
  result<const named_type*> lookup_type(std::string_view name) const;

  std::shared_ptr<const graphql::schema> schema_;
  std::unordered_map<const field_def*, resolver_fn> resolvers_;
  std::unordered_map<const field_def*, subscribe_fn> subscribers_;
  std::unordered_map<const named_type*, type_resolver_fn> type_resolvers_;
  std::unordered_map<const named_type*, scalar_hooks> scalars_;
};

}  // namespace streamhub::graphql
