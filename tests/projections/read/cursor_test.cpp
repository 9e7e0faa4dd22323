#include "projections/read/cursor.hpp"

#include <gtest/gtest.h>

namespace streamhub::projections::read {
namespace {

TEST(CursorTest, FieldsRoundTrip) {
  const auto cursor = encode_cursor('l', {"42", "alice"});
  auto fields = decode_cursor(cursor, 'l', 2);
  ASSERT_TRUE(fields) << fields.err().message;
  EXPECT_EQ(*fields, (std::vector<std::string>{"42", "alice"}));
}

TEST(CursorTest, IsBase64UrlWithoutPadding) {
  for (std::size_t n = 0; n < 10; ++n) {
    const auto cursor = encode_cursor('x', {std::string(n, '?')});
    EXPECT_EQ(cursor.find_first_not_of(
                  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos)
        << cursor;
    auto fields = decode_cursor(cursor, 'x', 1);
    ASSERT_TRUE(fields);
    EXPECT_EQ((*fields)[0], std::string(n, '?'));
  }
}

TEST(CursorTest, TheLastFieldKeepsItsColons) {
  auto fields = decode_cursor(encode_cursor('q', {"1", "post", "a:b"}), 'q', 3);
  ASSERT_TRUE(fields);
  EXPECT_EQ((*fields)[2], "a:b");
}

TEST(CursorTest, OtherListsAndGarbageAreInvalid) {
  const auto cursor = number_cursor('m', 7);
  EXPECT_EQ(decode_number_cursor(cursor, 'f').err().code, error_code::invalid);
  EXPECT_EQ(decode_number_cursor("", 'm').err().code, error_code::invalid);
  EXPECT_EQ(decode_number_cursor("not a cursor!", 'm').err().code, error_code::invalid);
  EXPECT_EQ(decode_number_cursor("A", 'm').err().code, error_code::invalid);
  EXPECT_EQ(decode_cursor(encode_cursor('l', {"42"}), 'l', 2).err().code, error_code::invalid);
  EXPECT_EQ(decode_number_cursor(encode_cursor('m', {"-1"}), 'm').err().code, error_code::invalid);
  EXPECT_EQ(decode_number_cursor(encode_cursor('m', {"12x"}), 'm').err().code,
            error_code::invalid);
  EXPECT_EQ(decode_number_cursor(encode_cursor('m', {"9223372036854775808"}), 'm').err().code,
            error_code::invalid);
}

TEST(CursorTest, NumberCursorsRoundTrip) {
  auto n = decode_number_cursor(number_cursor('m', 123456789), 'm');
  ASSERT_TRUE(n);
  EXPECT_EQ(*n, 123456789);
}

}  // namespace
}  // namespace streamhub::projections::read
