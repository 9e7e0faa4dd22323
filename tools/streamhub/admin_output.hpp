#pragma once
// How the admin shell prints an answer: one compact JSON line when scripted,
// indented and coloured (ANSI) on a terminal.
//
// Thread-safety: pure functions.

#include <string>
#include <string_view>

namespace streamhub::tools {

enum class admin_style : unsigned char {
  /// One line of compact JSON, as the node sent it.
  plain,
  /// Indented by two, keys, strings, numbers and literals in colours.
  pretty,
};

/// `json` (a JSON text) in `style`, with a trailing newline. Text that is
/// not JSON is returned as it is.
std::string format_answer(std::string_view json, admin_style style);

}  // namespace streamhub::tools
