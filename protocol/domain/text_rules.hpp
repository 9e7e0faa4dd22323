#pragma once
// Rules for user-supplied text: chat messages, posts, titles, bios.

#include <cstddef>
#include <string_view>

#include "protocol/error.hpp"

namespace streamhub::domain {

/// True when `text` is well-formed UTF-8 (no overlongs, no surrogates, at most
/// U+10FFFF).
bool is_valid_utf8(std::string_view text) noexcept;

/// Number of Unicode code points. REQUIRES: is_valid_utf8(text).
std::size_t code_point_count(std::string_view text) noexcept;

/// Checks `text` for a field named `field`: valid UTF-8, between 1 (when
/// `required`) and `max_code_points` code points, no control characters
/// (C0, DEL, C1; also no newlines when `allow_newlines` is false), not only
/// white space. Error: invalid, naming the field and the rule.
result<void> check_text(std::string_view field, std::string_view text,
                        std::size_t max_code_points, bool required = true,
                        bool allow_newlines = false);

}  // namespace streamhub::domain
