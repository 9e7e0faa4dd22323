#include "protocol/domain/text_rules.hpp"

#include <gtest/gtest.h>

#include <string>

namespace streamhub::domain {
namespace {

using namespace std::string_literals;

TEST(Utf8Test, AcceptsWellFormedSequencesOfEveryLength) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain ascii"));
  EXPECT_TRUE(is_valid_utf8("\xC2\x80"));          // U+0080, smallest 2-byte
  EXPECT_TRUE(is_valid_utf8("\xDF\xBF"));          // U+07FF
  EXPECT_TRUE(is_valid_utf8("\xE0\xA0\x80"));      // U+0800, smallest 3-byte
  EXPECT_TRUE(is_valid_utf8("\xED\x9F\xBF"));      // U+D7FF, just below surrogates
  EXPECT_TRUE(is_valid_utf8("\xEE\x80\x80"));      // U+E000, just above them
  EXPECT_TRUE(is_valid_utf8("\xEF\xBF\xBF"));      // U+FFFF
  EXPECT_TRUE(is_valid_utf8("\xF0\x90\x80\x80"));  // U+10000, smallest 4-byte
  EXPECT_TRUE(is_valid_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF, the last code point
  EXPECT_TRUE(is_valid_utf8("h\xC3\xA9llo \xF0\x9F\x98\x80"));
  EXPECT_TRUE(is_valid_utf8("a\0b"s));             // NUL is valid UTF-8 (a control)
}

TEST(Utf8Test, RejectsOverlongEncodings) {
  EXPECT_FALSE(is_valid_utf8("\xC0\x80"));          // NUL in two bytes
  EXPECT_FALSE(is_valid_utf8("\xC1\xBF"));          // U+007F in two bytes
  EXPECT_FALSE(is_valid_utf8("\xE0\x80\x80"));      // NUL in three bytes
  EXPECT_FALSE(is_valid_utf8("\xE0\x9F\xBF"));      // U+07FF in three bytes
  EXPECT_FALSE(is_valid_utf8("\xF0\x80\x80\x80"));  // NUL in four bytes
  EXPECT_FALSE(is_valid_utf8("\xF0\x8F\xBF\xBF"));  // U+FFFF in four bytes
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // the classic overlong '/'
}

TEST(Utf8Test, RejectsSurrogates) {
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));  // U+D800
  EXPECT_FALSE(is_valid_utf8("\xED\xAD\xBF"));  // U+DB7F
  EXPECT_FALSE(is_valid_utf8("\xED\xBF\xBF"));  // U+DFFF
  // A CESU-8 style pair (high + low surrogate) is not UTF-8 either.
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\xBD\xED\xB8\x80"));
}

TEST(Utf8Test, RejectsCodePointsAboveTheUnicodeRange) {
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));          // U+110000
  EXPECT_FALSE(is_valid_utf8("\xF7\xBF\xBF\xBF"));          // U+1FFFFF
  EXPECT_FALSE(is_valid_utf8("\xF8\x88\x80\x80\x80"));      // old 5-byte form
  EXPECT_FALSE(is_valid_utf8("\xFC\x84\x80\x80\x80\x80"));  // old 6-byte form
  EXPECT_FALSE(is_valid_utf8("\xFE"));
  EXPECT_FALSE(is_valid_utf8("\xFF"));
}

TEST(Utf8Test, RejectsTruncatedAndBrokenSequences) {
  EXPECT_FALSE(is_valid_utf8("\xC3"));              // lead byte at the end
  EXPECT_FALSE(is_valid_utf8("\xE2\x82"));          // 3-byte cut after 2
  EXPECT_FALSE(is_valid_utf8("\xF0\x9F\x98"));      // 4-byte cut after 3
  EXPECT_FALSE(is_valid_utf8("\xE2\x82" "abc"));    // cut, then ASCII
  EXPECT_FALSE(is_valid_utf8("\x80"));              // lone continuation byte
  EXPECT_FALSE(is_valid_utf8("abc\xBF"));
  EXPECT_FALSE(is_valid_utf8("\xC3\x28"));          // continuation replaced by ASCII
  EXPECT_FALSE(is_valid_utf8("\xF0\x9F\x98\x28"));
}

TEST(Utf8Test, CountsCodePointsNotBytes) {
  EXPECT_EQ(code_point_count(""), 0u);
  EXPECT_EQ(code_point_count("abc"), 3u);
  EXPECT_EQ(code_point_count("\xC3\xA9t\xC3\xA9"), 3u);     // "été"
  EXPECT_EQ(code_point_count("\xF0\x9F\x98\x80\xE2\x82\xAC"), 2u);  // emoji + euro sign
}

TEST(CheckTextTest, LengthIsCountedInCodePoints) {
  std::string euros;
  for (int i = 0; i < 500; ++i) euros += "\xE2\x82\xAC";  // 1,500 bytes, 500 code points
  EXPECT_TRUE(check_text("text", euros, 500));
  euros += "\xE2\x82\xAC";
  auto r = check_text("text", euros, 500);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.err().code, error_code::invalid);
  EXPECT_NE(r.err().message.find("at most 500"), std::string::npos);
  EXPECT_TRUE(check_text("text", std::string(500, 'a'), 500));
  EXPECT_FALSE(check_text("text", std::string(501, 'a'), 500));
}

TEST(CheckTextTest, EmptyAndWhiteSpaceOnly) {
  auto empty = check_text("title", "", 10);
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.err().code, error_code::invalid);
  EXPECT_NE(empty.err().message.find("title"), std::string::npos);  // Names the field.
  EXPECT_TRUE(check_text("bio", "", 10, /*required=*/false));
  EXPECT_FALSE(check_text("text", "   ", 10));
  EXPECT_FALSE(check_text("text", "\xC2\xA0\xE3\x80\x80", 10));  // NBSP, ideographic space
  EXPECT_FALSE(check_text("text", "\xE2\x80\x8B", 10));          // zero-width space
  EXPECT_FALSE(check_text("text", "\n\n", 10, true, /*allow_newlines=*/true));
  EXPECT_TRUE(check_text("text", " a ", 10));
}

TEST(CheckTextTest, RejectsControlCharacters) {
  EXPECT_FALSE(check_text("text", "a\0b"s, 10));
  EXPECT_FALSE(check_text("text", "a\x07" "b", 10));  // BEL
  EXPECT_FALSE(check_text("text", "a\x1B[31m", 10));  // ESC
  EXPECT_FALSE(check_text("text", "a\x7F", 10));       // DEL
  EXPECT_FALSE(check_text("text", "a\xC2\x80", 10));   // U+0080, first C1 control
  EXPECT_FALSE(check_text("text", "a\xC2\x85", 10));   // U+0085 NEL
  EXPECT_FALSE(check_text("text", "a\xC2\x9F", 10));   // U+009F, last C1 control
  EXPECT_TRUE(check_text("text", "a\xC2\xA0" "b", 10));  // U+00A0 is not a control
}

TEST(CheckTextTest, NewlinesAndTabsOnlyWhereAllowed) {
  EXPECT_FALSE(check_text("title", "two\nlines", 20));
  EXPECT_FALSE(check_text("title", "cr\rhere", 20));
  EXPECT_FALSE(check_text("title", "tab\there", 20));
  EXPECT_TRUE(check_text("bio", "two\nlines", 20, false, /*allow_newlines=*/true));
  EXPECT_TRUE(check_text("bio", "crlf\r\nok", 20, false, true));
  EXPECT_TRUE(check_text("bio", "tab\there", 20, false, true));
  EXPECT_FALSE(check_text("bio", "bell\x07", 20, false, true));  // Other controls never.
}

TEST(CheckTextTest, RejectsInvalidUtf8WithTheRuleNamed) {
  auto r = check_text("text", "ok \xED\xA0\x80", 10);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.err().code, error_code::invalid);
  EXPECT_NE(r.err().message.find("UTF-8"), std::string::npos);
  EXPECT_FALSE(check_text("text", "\xC0\xAF", 10));
  EXPECT_FALSE(check_text("text", "\xF4\x90\x80\x80", 10));
  EXPECT_FALSE(check_text("text", "cut \xE2\x82", 10));
}

}  // namespace
}  // namespace streamhub::domain
