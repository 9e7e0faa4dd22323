#include "protocol/graphql/lexer.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace streamhub::graphql {
namespace {

struct lexed {
  std::vector<token> tokens;
  std::string error;
  std::uint32_t error_offset = 0;
};

// Owns the decoded strings for the duration of a test.
std::pmr::monotonic_buffer_resource strings;

lexed lex(std::string_view source) {
  lexed out;
  lexer lx(source, &strings);
  for (;;) {
    token t;
    if (!lx.next(t)) {
      out.error = lx.error_message();
      out.error_offset = lx.error_offset();
      return out;
    }
    if (t.kind == token_kind::eof) return out;
    out.tokens.push_back(t);
  }
}

std::string_view single_value(std::string_view source, token_kind kind) {
  const auto l = lex(source);
  EXPECT_EQ(l.error, "");
  EXPECT_EQ(l.tokens.size(), 1u);
  if (l.tokens.size() != 1) return {};
  EXPECT_EQ(l.tokens[0].kind, kind);
  return l.tokens[0].value;
}

TEST(LexerTest, PunctuatorsAndIgnoredTokens) {
  const auto l = lex("\xEF\xBB\xBF ! $ & ( ) ... : = @ [ ] { | } ,,\t\r\n# comment \xC3\xA9\n\xEF\xBB\xBF");
  ASSERT_EQ(l.error, "");
  const std::vector<token_kind> expected = {
      token_kind::bang,      token_kind::dollar,    token_kind::amp,     token_kind::paren_l,
      token_kind::paren_r,   token_kind::spread,    token_kind::colon,   token_kind::equals,
      token_kind::at,        token_kind::bracket_l, token_kind::bracket_r, token_kind::brace_l,
      token_kind::pipe,      token_kind::brace_r};
  ASSERT_EQ(l.tokens.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(l.tokens[i].kind, expected[i]);
  EXPECT_EQ(l.tokens[0].start, 4u);
  EXPECT_EQ(l.tokens[5].end - l.tokens[5].start, 3u);
}

TEST(LexerTest, NamesAndNumbers) {
  EXPECT_EQ(single_value("_Name_0", token_kind::name), "_Name_0");
  EXPECT_EQ(single_value("0", token_kind::int_), "0");
  EXPECT_EQ(single_value("-0", token_kind::int_), "-0");
  EXPECT_EQ(single_value("123456789012345678901234567890", token_kind::int_),
            "123456789012345678901234567890");
  EXPECT_EQ(single_value("-1.5", token_kind::float_), "-1.5");
  EXPECT_EQ(single_value("0.0", token_kind::float_), "0.0");
  EXPECT_EQ(single_value("1e10", token_kind::float_), "1e10");
  EXPECT_EQ(single_value("6.02E+23", token_kind::float_), "6.02E+23");
  EXPECT_EQ(single_value("1.5e-3", token_kind::float_), "1.5e-3");
  for (std::string_view bad : {"00", "01", "1.", "1.e1", ".5", "1e", "1e+", "-", "1a", "1.5x",
                               "1_000", "1.2.3", "0x10", "-a"}) {
    EXPECT_NE(lex(bad).error, "") << bad;
  }
}

TEST(LexerTest, StringsAndEscapes) {
  EXPECT_EQ(single_value(R"("simple")", token_kind::string), "simple");
  EXPECT_EQ(single_value(R"("")", token_kind::string), "");
  EXPECT_EQ(single_value(R"(" white space ")", token_kind::string), " white space ");
  EXPECT_EQ(single_value(R"("quote \" slash \/ back \\ \b\f\n\r\t")", token_kind::string),
            "quote \" slash / back \\ \b\f\n\r\t");
  EXPECT_EQ(single_value(R"("\u0041\u00e9\u20AC")", token_kind::string), "A\xC3\xA9\xE2\x82\xAC");
  EXPECT_EQ(single_value(R"("\u{1F600} \u{0} \u{00000041}")", token_kind::string),
            std::string("\xF0\x9F\x98\x80 \0 A", 8));
  EXPECT_EQ(single_value(R"("\uD83D\uDE00")", token_kind::string), "\xF0\x9F\x98\x80");
  EXPECT_EQ(single_value(R"("\uDBFF\uDFFF")", token_kind::string), "\xF4\x8F\xBF\xBF");
  EXPECT_EQ(single_value("\"raw \xE7\x8C\xAB \xF0\x9F\x98\x80 \x07\"", token_kind::string),
            "raw \xE7\x8C\xAB \xF0\x9F\x98\x80 \x07");
  for (std::string_view bad : {R"("\uD800")", R"("\uDC00")", R"("\u{D800}")", R"("\u{110000}")",
                               R"("\u{}")", R"("\u12")", R"("\x")", "\"a\nb\"", "\"open"}) {
    EXPECT_NE(lex(bad).error, "") << bad;
  }
}

TEST(LexerTest, UndecodedStringsViewTheSource) {
  const std::string_view source = R"("plain" "esc\n")";
  const auto l = lex(source);
  ASSERT_EQ(l.tokens.size(), 2u);
  EXPECT_EQ(l.tokens[0].value.data(), source.data() + 1);
  EXPECT_NE(l.tokens[1].value.data(), source.data() + 9);  // decoded copy
}

TEST(LexerTest, BlockStringsFollowTheSpecDedent) {
  EXPECT_EQ(single_value(R"("""simple""")", token_kind::block_string), "simple");
  EXPECT_EQ(single_value(R"("""  white space  """)", token_kind::block_string), "  white space  ");
  EXPECT_EQ(single_value("\"\"\"\n    Hello,\n      World!\n\n    Yours,\n      GraphQL.\n  \"\"\"",
                         token_kind::block_string),
            "Hello,\n  World!\n\nYours,\n  GraphQL.");
  EXPECT_EQ(single_value("\"\"\"first\n   second\n     third\"\"\"", token_kind::block_string),
            "first\nsecond\n  third");
  EXPECT_EQ(single_value("\"\"\"\r\n  a\r\n\r\n  b\r  \r\n\"\"\"", token_kind::block_string), "a\n\nb");
  EXPECT_EQ(single_value("\"\"\"  \n\t\n  \"\"\"", token_kind::block_string), "");
  EXPECT_EQ(single_value(R"("""esc \""" and \n and "" """)", token_kind::block_string),
            R"(esc """ and \n and "" )");
  EXPECT_EQ(single_value("\"\"\"\n  \\\"\"\"\n    x\n\"\"\"", token_kind::block_string),
            "\"\"\"\n  x");
  EXPECT_EQ(lex("\"\"\"open \"\" ").error, "Unterminated string.");
}

TEST(LexerTest, DescribesCodePointsLikeGraphqlJs) {
  EXPECT_EQ(lexer::describe_code_point("a", 0), "\"a\"");
  EXPECT_EQ(lexer::describe_code_point("\"", 0), "'\"'");
  EXPECT_EQ(lexer::describe_code_point("\xC3\xA9", 0), "U+00E9");
  EXPECT_EQ(lexer::describe_code_point("\xF0\x9F\x98\x80", 0), "U+1F600");
  EXPECT_EQ(lexer::describe_code_point("\n", 0), "U+000A");
  EXPECT_EQ(lexer::describe_code_point("", 0), "<EOF>");
}

TEST(LexerTest, FindsInvalidUtf8) {
  EXPECT_EQ(find_invalid_utf8("plain ascii text, long enough for the fast path"), std::string_view::npos);
  EXPECT_EQ(find_invalid_utf8("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xF4\x8F\xBF\xBF"),
            std::string_view::npos);
  EXPECT_EQ(find_invalid_utf8("abcdefgh\x80"), 8u);
  EXPECT_EQ(find_invalid_utf8("a\xC1\xBF"), 1u);          // overlong
  EXPECT_EQ(find_invalid_utf8("ab\xE0\x80\x80"), 2u);     // overlong
  EXPECT_EQ(find_invalid_utf8("\xED\xBF\xBF"), 0u);       // surrogate
  EXPECT_EQ(find_invalid_utf8("\xF4\x90\x80\x80"), 0u);   // above U+10FFFF
  EXPECT_EQ(find_invalid_utf8("\xF8\x88\x80\x80\x80"), 0u);
  EXPECT_EQ(find_invalid_utf8("x\xF0\x9F\x98"), 1u);      // truncated
}

}  // namespace
}  // namespace streamhub::graphql
