#pragma once
// SQL written once for any schema: a projection's DDL and statements name
// their tables as {schema}.table, and the projector fills in the schema it
// writes (proj_chat for the live tables, proj_chat_next for a rebuild).

#include <string>
#include <string_view>

namespace streamhub::projections::sql {

/// Whether `name` can name a projection schema without quoting:
/// [a-z_][a-z0-9_]*, at most 63 bytes (PostgreSQL's identifier limit).
bool valid_schema_name(std::string_view name) noexcept;

/// `sql` with every "{schema}" replaced by `schema`.
/// REQUIRES: valid_schema_name(schema).
std::string with_schema(std::string_view sql, std::string_view schema);

}  // namespace streamhub::projections::sql
