#pragma once
// Request-target helpers: split path from query, percent-decode, and parse
// application/x-www-form-urlencoded query strings.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace streamhub::gateway {

struct split_target {
  std::string_view path;
  /// After '?', without it; empty when absent.
  std::string_view query;
};

split_target split_request_target(std::string_view target) noexcept;

/// Decodes %XX escapes (and '+' as space when `plus_is_space`). nullopt on a
/// malformed escape.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

/// name=value pairs in order, decoded. nullopt on a malformed escape.
std::optional<std::vector<std::pair<std::string, std::string>>> parse_query(std::string_view query);

}  // namespace streamhub::gateway
