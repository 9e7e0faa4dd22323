#pragma once
// Block strings ("""...""", spec 2.9.4): the spec's BlockStringValue dedent
// and graphql-js's rules for printing a value back as a block string.

#include <string>
#include <string_view>
#include <vector>

namespace streamhub::graphql {

/// The dedent step of BlockStringValue on a block string split into lines:
/// removes the common indentation of every line but the first, then the
/// leading and trailing lines that are blank (only spaces and tabs).
void dedent_block_string_lines(std::vector<std::string_view>& lines);

/// BlockStringValue(raw): `raw` is the text between the quotes with \"""
/// already turned into """; lines end at \n, \r\n or \r and are joined by \n.
std::string block_string_value(std::string_view raw);

/// Whether `value` survives a round trip through block string syntax
/// (graphql-js isPrintableAsBlockString), e.g. when printing descriptions.
bool is_printable_as_block_string(std::string_view value) noexcept;

/// `value` as a """block string""" literal in graphql-js's layout
/// (printBlockString): """ escaped, leading/trailing newlines added when they
/// help readability or are needed to keep the value. `minimize` keeps it on
/// as few lines as possible.
std::string print_block_string(std::string_view value, bool minimize = false);

}  // namespace streamhub::graphql
