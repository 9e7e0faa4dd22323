#pragma once
// Page cursors: opaque to clients, keys into a query's order to us.
//
//   cursor  := base64url-without-padding(tag ':' field (':' field)*)
//
// The tag names the query family ('m' chat messages, 'f' follows, ...), so a
// cursor of one query is refused by another. The last field may itself hold
// ':'. Hand-written base64url (RFC 4648, section 5): 40 lines do not justify
// a dependency of this layer.

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/error.hpp"

namespace streamhub::projections::read {

std::string encode_cursor(char tag, std::initializer_list<std::string_view> fields);

/// The `count` fields of a cursor made by encode_cursor(tag, ...).
/// Errors: invalid (not base64url, another tag, too few fields).
result<std::vector<std::string>> decode_cursor(std::string_view cursor, char tag,
                                               std::size_t count);

/// Cursors of one unsigned number (a log position, a sequence).
std::string number_cursor(char tag, std::uint64_t value);
/// Errors: invalid, as decode_cursor, or when the field is not a number
/// below 2^63 (what PostgreSQL's bigint holds).
result<std::int64_t> decode_number_cursor(std::string_view cursor, char tag);

/// A decimal field of a cursor as a bigint. Errors: invalid.
result<std::int64_t> parse_cursor_number(std::string_view field);

}  // namespace streamhub::projections::read
