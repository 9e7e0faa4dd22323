#include "protocol/graphql/execution/json_input.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "protocol/graphql/execution/inspect.hpp"

namespace streamhub::graphql::detail {
namespace {

std::string decoded(std::string_view text) {
  auto out = decode_json(text);
  if (!out.decoded) return out.failure == json_failure::too_deep ? "too deep" : "malformed";
  return inspect(*out.decoded);
}

TEST(json_input, decodes_every_kind_of_value) {
  EXPECT_EQ(decoded(R"({"a":[1,-2,2.5,true,false,null,"x"],"b":{}})"),
            R"({ a: [1, -2, 2.5, true, false, null, "x"], b: {} })");
  EXPECT_EQ(decoded(" \t\r\n[ ] \n"), "[]");
  EXPECT_EQ(decoded("null"), "null");
}

TEST(json_input, integers_beyond_64_bits_become_floats) {
  EXPECT_EQ(decoded("9223372036854775807"), "9223372036854775807");
  EXPECT_EQ(decoded("-9223372036854775808"), "-9223372036854775808");
  EXPECT_EQ(decoded("9223372036854775808"), "9223372036854776000");
  EXPECT_EQ(decoded("100000000000000000000000"), "1e+23");
}

TEST(json_input, floats_round_as_strtod_does) {
  // Decimals near a rounding boundary, where a fast approximate reading
  // can miss the nearest double by one unit.
  EXPECT_EQ(decode_json("0.1").decoded->as_float(), 0.1);
  EXPECT_EQ(decode_json("2.2250738585072011e-308").decoded->as_float(), 2.2250738585072011e-308);
  EXPECT_EQ(decode_json("9007199254740993.0").decoded->as_float(), 9007199254740992.0);
  EXPECT_EQ(decode_json("1e400").decoded->as_float(), HUGE_VAL);
}

TEST(json_input, strings_unescape_and_keep_utf8) {
  EXPECT_EQ(decode_json(R"("a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00")").decoded->as_string(),
            "a\"\\/\b\f\n\r\t\xc3\xa9\xf0\x9f\x98\x80");
  EXPECT_EQ(decode_json("\"\xc3\xa9\"").decoded->as_string(), "\xc3\xa9");
}

TEST(json_input, a_repeated_key_keeps_its_first_position_and_last_value) {
  EXPECT_EQ(decoded(R"({"a":1,"b":2,"a":3})"), "{ a: 3, b: 2 }");
}

TEST(json_input, refuses_what_json_parse_refuses) {
  for (const char* text : {"", " ", "{", "[1,]", "{\"a\":1,}", "01", "-", "1.", ".5", "+1", "NaN",
                           "Infinity", "tru", "'a'", "\"\x01\"", "\"\\x\"", "\"\\ud800\"",
                           "\"\\udc00\"", "\"\xff\"", "\"\xc0\xaf\"", "1 2", "{} x", "[1] ]",
                           "/* c */ 1", "// c\n1", "{a:1}"}) {
    EXPECT_EQ(decoded(text), "malformed") << text;
  }
}

TEST(json_input, nesting_is_limited) {
  EXPECT_EQ(decoded(std::string(3, '[') + std::string(3, ']')), "[[[]]]");
  auto out = decode_json("[[[[]]]]", 3);
  ASSERT_FALSE(out.decoded);
  EXPECT_EQ(out.failure, json_failure::too_deep);
  EXPECT_TRUE(decode_json("[[[]]]", 3).decoded);
}

}  // namespace
}  // namespace streamhub::graphql::detail
