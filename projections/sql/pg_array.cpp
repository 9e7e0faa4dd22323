#include "projections/sql/pg_array.hpp"

namespace streamhub::projections::sql {

void pg_array::separate() {
  if (size_++ != 0) body_.push_back(',');
}

void pg_array::add(std::string_view text) {
  separate();
  body_.push_back('"');
  for (const char c : text) {
    if (c == '"' || c == '\\') body_.push_back('\\');
    body_.push_back(c);
  }
  body_.push_back('"');
}

void pg_array::add(std::int64_t value) {
  separate();
  body_ += std::to_string(value);
}

void pg_array::add(std::uint64_t value) {
  separate();
  body_ += std::to_string(value);
}

void pg_array::add(bool value) {
  separate();
  body_ += value ? "t" : "f";
}

void pg_array::add(const std::optional<std::string>& text) {
  if (text) {
    add(std::string_view(*text));
  } else {
    add_null();
  }
}

void pg_array::add_null() {
  separate();
  body_ += "NULL";
}

std::string pg_array::literal() const {
  std::string out;
  out.reserve(body_.size() + 2);
  out.push_back('{');
  out += body_;
  out.push_back('}');
  return out;
}

}  // namespace streamhub::projections::sql
