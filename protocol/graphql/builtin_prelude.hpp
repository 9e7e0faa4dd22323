#pragma once
// Internal to the schema builder: the SDL text of everything a schema has
// without declaring it (built-in scalars and directives, introspection
// types, meta-fields), parsed once per process.

#include <memory>

#include "protocol/graphql/document.hpp"

namespace streamhub::graphql::detail {

/// Thread-safe; the document lives until the process exits.
const std::shared_ptr<const document>& builtin_prelude();

}  // namespace streamhub::graphql::detail
