#pragma once
// The GraphQL lexer (spec 2.1): source text to tokens.
//
// Ignored tokens (whitespace, line terminators, commas, comments, the BOM)
// are skipped. String and block string tokens carry their decoded value
// (escapes resolved; BlockStringValue dedent applied); when decoding changed
// nothing the value views the source, otherwise it is written to the memory
// resource given at construction. Error messages are graphql-js's.
//
// Not thread-safe; one lexer per parse. No heap allocation per token (a
// scratch buffer is reused for strings that need decoding).

#include <cstddef>
#include <cstdint>
#include <memory_resource>
#include <string>
#include <string_view>
#include <vector>

namespace streamhub::graphql {

enum class token_kind : std::uint8_t {
  sof,
  eof,
  bang,
  dollar,
  amp,
  paren_l,
  paren_r,
  spread,
  colon,
  equals,
  at,
  bracket_l,
  bracket_r,
  brace_l,
  pipe,
  brace_r,
  name,
  int_,
  float_,
  string,
  block_string,
};

/// graphql-js's description of a token kind: "<EOF>", "\"{\"", "Name", ...
std::string_view describe(token_kind kind) noexcept;

struct token {
  token_kind kind = token_kind::sof;
  std::uint32_t start = 0;  // byte offsets into the source
  std::uint32_t end = 0;
  /// name: the name; int_/float_: the literal; string/block_string: the
  /// decoded value; punctuators and eof: empty.
  std::string_view value;
};

/// Byte offset of the first byte that is not part of well-formed UTF-8
/// (overlong forms, surrogates and code points above U+10FFFF included), or
/// npos when `text` is valid.
std::size_t find_invalid_utf8(std::string_view text) noexcept;

class lexer {
 public:
  /// REQUIRES: `source` is valid UTF-8 (find_invalid_utf8) and shorter than
  /// 4 GiB; it and `strings` outlive the lexer and every token it returns.
  lexer(std::string_view source, std::pmr::memory_resource* strings) noexcept
      : source_(source), strings_(strings) {}

  /// Reads the next token into `out` (eof, repeatedly, at the end). Returns
  /// false on a lexical error; then error_offset() and error_message() say
  /// what went wrong and the lexer must not be used further.
  bool next(token& out);

  std::uint32_t error_offset() const noexcept { return error_offset_; }
  /// Without the "Syntax Error: " prefix, e.g. "Unterminated string.".
  const std::string& error_message() const noexcept { return error_message_; }

  /// How a code point at `offset` is named in messages: "\"a\"", "U+00E9",
  /// "<EOF>" (graphql-js's printCodePointAt).
  static std::string describe_code_point(std::string_view source, std::size_t offset);

 private:
  bool fail(std::size_t offset, std::string message);
  bool read_number(std::size_t start, token& out);
  bool read_digits(std::size_t& pos);
  bool read_string(std::size_t start, token& out);
  bool read_escape(std::size_t& pos);
  bool read_block_string(std::size_t start, token& out);
  std::string_view keep(std::string_view decoded);

  std::string_view source_;
  std::pmr::memory_resource* strings_;
  std::size_t pos_ = 0;
  std::string scratch_;
  std::vector<std::string_view> lines_;
  std::uint32_t error_offset_ = 0;
  std::string error_message_;
};

}  // namespace streamhub::graphql
