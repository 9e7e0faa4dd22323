#pragma once
// A schema as SDL text, exactly as graphql-js's printSchema prints it (to
// compare our introspection with graphql-js's): the schema definition when
// needed, the custom directives, then the types in types() order, skipping
// built-in scalars, built-in directives and introspection types.

#include <string>

#include "protocol/graphql/schema.hpp"

namespace streamhub::graphql {

std::string print_schema(const schema& s);

}  // namespace streamhub::graphql
