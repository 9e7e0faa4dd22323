#include "projections/sql/schema_sql.hpp"

namespace streamhub::projections::sql {

bool valid_schema_name(std::string_view name) noexcept {
  if (name.empty() || name.size() > 63) return false;
  if (name.front() >= '0' && name.front() <= '9') return false;
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string with_schema(std::string_view sql, std::string_view schema) {
  constexpr std::string_view placeholder = "{schema}";
  std::string out;
  out.reserve(sql.size() + 64);
  std::size_t from = 0;
  for (std::size_t at = sql.find(placeholder); at != std::string_view::npos;
       at = sql.find(placeholder, from)) {
    out.append(sql.substr(from, at - from));
    out.append(schema);
    from = at + placeholder.size();
  }
  out.append(sql.substr(from));
  return out;
}

}  // namespace streamhub::projections::sql
