#include "protocol/domain/detail/flat_json.hpp"

#include <gtest/gtest.h>

#include <map>

#include "protocol/domain/detail/payload_json.hpp"
#include "protocol/domain/event_codec.hpp"

namespace streamhub::domain::detail {
namespace {

using kind = flat_value::kind;

// The members of `text` as key -> (kind, raw), or nullopt when declined.
std::optional<std::map<std::string, std::pair<kind, std::string>>> members(std::string_view text) {
  std::map<std::string, std::pair<kind, std::string>> out;
  if (!for_each_flat_member(text, [&](std::string_view k, const flat_value& v) {
        out[std::string(k)] = {v.what, std::string(v.raw)};
        return true;
      }))
    return std::nullopt;
  return out;
}

TEST(FlatJsonTest, ReadsEveryKindOfValue) {
  auto m = members(R"( { "s" : "text", "i":-42, "t":true, "f":false, "n":null, "a":["x", "y"], "e":[] } )");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->at("s"), std::make_pair(kind::string, std::string("text")));
  EXPECT_EQ(m->at("i"), std::make_pair(kind::integer, std::string("-42")));
  EXPECT_EQ(m->at("t").first, kind::boolean);
  EXPECT_EQ(m->at("n").first, kind::null);
  EXPECT_EQ(m->at("a"), std::make_pair(kind::string_array, std::string(R"("x", "y")")));
  EXPECT_EQ(m->at("e"), std::make_pair(kind::string_array, std::string()));
  EXPECT_TRUE(members("{}"));
  EXPECT_TRUE(members(" {\n}\t"));
}

TEST(FlatJsonTest, DeclinesWhatItDoesNotFullyUnderstand) {
  for (const char* text :
       {"", "[]", "\"s\"", "42", "{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{\"a\":1} x", "{a:1}",
        "{\"a\":{\"b\":1}}",          // nesting
        "{\"a\":[1,2]}",              // an array of numbers
        "{\"a\":1.5}", "{\"a\":1e3}", "{\"a\":-}", "{\"a\":01}",  // numbers it does not hold
        "{\"a\":tru}", "{\"a\":nul}", "{\"a\":\"unterminated}",
        "{\"a\":\"raw\ttab\"}",       // a raw control character
        "{\"a\":\"\xC3\"}",           // invalid UTF-8
        "{\"a\":\"\xED\xA0\x80\"}",   // a surrogate, UTF-8 encoded
        "{\"k\\u0061\":1}"}) {        // an escaped key
    EXPECT_FALSE(members(text)) << text;
  }
}

TEST(FlatJsonTest, UnescapesEveryJsonEscape) {
  flat_value v{kind::string, R"(q\" b\\ s\/ \b\f\n\r\t \u00e9 \u20AC \ud83d\ude00 \u0000)", true, false};
  auto s = unescape(v);
  ASSERT_TRUE(s);
  EXPECT_EQ(*s, std::string("q\" b\\ s/ \b\f\n\r\t \xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \0", 28));
}

TEST(FlatJsonTest, RefusesBadEscapes) {
  for (const char* raw : {R"(\x)", R"(\u12)", R"(\u12G4)", R"(\ud83d)", R"(\ud83d\u0041)", R"(\ude00)",
                          R"(\'")"}) {
    EXPECT_FALSE(unescape(flat_value{kind::string, raw, true, false})) << raw;
  }
}

TEST(FlatJsonTest, IntegersMustFit) {
  auto integer = [](std::string_view raw) { return flat_value{kind::integer, raw, false, false}; };
  EXPECT_EQ(to_int64(integer("-9223372036854775808")), std::numeric_limits<std::int64_t>::min());
  EXPECT_FALSE(to_int64(integer("9223372036854775808")));
  EXPECT_EQ(to_uint64(integer("18446744073709551615")), std::numeric_limits<std::uint64_t>::max());
  EXPECT_FALSE(to_uint64(integer("18446744073709551616")));
  EXPECT_FALSE(to_uint64(integer("-1")));
}

// The fast path and nlohmann agree: on every payload the codec accepts, and
// on what they refuse.
TEST(FlatJsonTest, DecoderAgreesWithNlohmann) {
  const std::vector<std::string> payloads = {
      R"({"user":"bob","display_name":"B\u00f6b","text":"hi \"there\"","reply_to":null,"badges":["moderator"]})",
      R"({"text":"only text","unknown":[],"other":{"nested":true}})",
      R"({"user":"bob","user":"carol"})",
      R"({"user":"bob","badges":["a","b\n"],"reply_to":"0190c3a2-7b1e-7cc0-8d7e-2f1a1b2c3d4e"})",
      R"({"user":42})",
      R"({"badges":"not an array"})",
      R"({"text":"\ud83d\ude00"})",
      R"({})"};
  for (const auto& p : payloads) {
    SCOPED_TRACE(p);
    auto ours = decode_chat_event("chat.message", 1, p);
    std::optional<chat_message_posted> theirs;
    try {
      theirs = nlohmann::json::parse(p).get<chat_message_posted>();
    } catch (const nlohmann::json::exception&) {
    }
    ASSERT_EQ(ours.has_value(), theirs.has_value());
    if (theirs) {
      EXPECT_EQ(std::get<chat_message_posted>(*ours), *theirs);
    }
  }
  const std::vector<std::string> numbers = {R"({"viewers":12})", R"({"viewers":-1})", R"({"viewers":1.0})",
                                            R"({"viewers":18446744073709551615})", R"({"viewers":null})"};
  for (const auto& p : numbers) {
    SCOPED_TRACE(p);
    auto ours = decode_channel_event("stream.viewers", 1, p);
    std::optional<viewers_sampled> theirs;
    try {
      theirs = nlohmann::json::parse(p).get<viewers_sampled>();
    } catch (const nlohmann::json::exception&) {
    }
    ASSERT_EQ(ours.has_value(), theirs.has_value());
    if (theirs) {
      EXPECT_EQ(std::get<viewers_sampled>(*ours), *theirs);
    }
  }
}

}  // namespace
}  // namespace streamhub::domain::detail
