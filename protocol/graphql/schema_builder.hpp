#pragma once
// Builds a schema from SDL text (spec section 3), as graphql-js's
// buildSchema does, then validates it as graphql-js's validateSchema does.
//
// Accepted: every type-system definition and extension; `schema { ... }`
// or, without one, root types named Query, Mutation and Subscription;
// @deprecated on fields, arguments, input fields and enum values;
// @specifiedBy on scalars; custom directives. A definition of a built-in
// scalar (`scalar String`) is accepted and ignored, as in graphql-js.
//
// Errors (all collected, each with the SDL locations involved):
//  - syntax errors (one, from parse_sdl);
//  - the SDL rules: one schema definition, unique operation types, type,
//    field, argument, enum value and directive names, known types, known
//    directives used in valid locations once (unless repeatable), known and
//    unique directive arguments with required ones given, unique input
//    object fields, extensions of defined types of the same kind, names not
//    starting with "__";
//  - type validation: a query root type, root types are objects, objects
//    and interfaces have fields, output fields and input values have the
//    right kind of type, interfaces implemented correctly (fields present
//    with covariant types, arguments equal, extra arguments optional,
//    transitive interfaces declared, no self or repeated implementation),
//    unions of object types only and without repeats, enums and input
//    objects not empty, no cycle of non-null input fields, required
//    arguments and input fields not deprecated, directives with locations.
//
// Thread-safety: reentrant.

#include <memory>
#include <string_view>

#include "protocol/graphql/document.hpp"
#include "protocol/graphql/graphql_error.hpp"
#include "protocol/graphql/schema.hpp"

namespace streamhub::graphql {

/// Parses with generous limits (16 MiB, a million tokens, depth 128).
outcome<std::shared_ptr<const schema>> build_schema(std::string_view sdl);

/// From an already parsed SDL document (operations and fragments in it are
/// ignored, as graphql-js does). REQUIRES: sdl != nullptr.
outcome<std::shared_ptr<const schema>> build_schema(std::shared_ptr<const document> sdl);

}  // namespace streamhub::graphql
