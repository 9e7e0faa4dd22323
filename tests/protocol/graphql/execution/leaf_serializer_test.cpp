// Leaf serialisation: what graphql-js 16.8.1's serialize functions give
// for the same inputs (JavaScript numbers written as doubles or integers).

#include "protocol/graphql/execution/leaf_serializer.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "tests/protocol/graphql/execution/execution_fixture.hpp"

namespace streamhub::graphql::testing {
namespace {

class leaf_serializer : public ::testing::Test {
 protected:
  leaf_serializer() : resolvers_(std::make_shared<resolver_map>(must_build(read_fixture("star_wars.graphql")))) {}

  /// The JSON written, or "ERR <message>". The inline path, where it
  /// takes a value, writes the same; it never takes one that fails.
  std::string serialize(std::string_view type, const value& v) {
    detail::json_buffer out;
    detail::json_buffer inline_out;
    const named_type* t = resolvers_->schema().find_type(type);
    const detail::leaf_kind kind = detail::classify_leaf(*t, *resolvers_);
    const bool inline_taken = detail::write_plain_leaf(inline_out, *t, kind, v);
    if (auto problem = detail::serialize_leaf(out, *t, kind, v, *resolvers_)) {
      EXPECT_TRUE(out.empty());
      EXPECT_FALSE(inline_taken);
      return "ERR " + *problem;
    }
    if (inline_taken) {
      EXPECT_EQ(inline_out.view(), out.view());
    }
    return std::string(out.view());
  }

  std::shared_ptr<resolver_map> resolvers_;
};

TEST_F(leaf_serializer, Int) {
  EXPECT_EQ(serialize("Int", 1), "1");
  EXPECT_EQ(serialize("Int", true), "1");
  EXPECT_EQ(serialize("Int", "42"), "42");
  EXPECT_EQ(serialize("Int", " 7 "), "7");
  EXPECT_EQ(serialize("Int", 1.0), "1");
  EXPECT_EQ(serialize("Int", 1.5), "ERR Int cannot represent non-integer value: 1.5");
  EXPECT_EQ(serialize("Int", std::int64_t{3000000000}), "ERR Int cannot represent non 32-bit signed integer value: 3000000000");
  EXPECT_EQ(serialize("Int", std::int64_t{-2147483649}), "ERR Int cannot represent non 32-bit signed integer value: -2147483649");
  EXPECT_EQ(serialize("Int", std::int64_t{2147483647}), "2147483647");
  EXPECT_EQ(serialize("Int", std::int64_t{-2147483648}), "-2147483648");
  EXPECT_EQ(serialize("Int", 1e20), "ERR Int cannot represent non 32-bit signed integer value: 100000000000000000000");
  EXPECT_EQ(serialize("Int", NAN), "ERR Int cannot represent non-integer value: NaN");
  EXPECT_EQ(serialize("Int", "abc"), "ERR Int cannot represent non-integer value: \"abc\"");
  EXPECT_EQ(serialize("Int", ""), "ERR Int cannot represent non-integer value: \"\"");
  EXPECT_EQ(serialize("Int", list({1})), "ERR Int cannot represent non-integer value: [1]");
}

TEST_F(leaf_serializer, Float) {
  EXPECT_EQ(serialize("Float", 1.5), "1.5");
  EXPECT_EQ(serialize("Float", 1), "1");
  EXPECT_EQ(serialize("Float", true), "1");
  EXPECT_EQ(serialize("Float", "2.5"), "2.5");
  EXPECT_EQ(serialize("Float", INFINITY), "ERR Float cannot represent non numeric value: Infinity");
  EXPECT_EQ(serialize("Float", NAN), "ERR Float cannot represent non numeric value: NaN");
  EXPECT_EQ(serialize("Float", "x"), "ERR Float cannot represent non numeric value: \"x\"");
  EXPECT_EQ(serialize("Float", 1e21), "1e+21");
  EXPECT_EQ(serialize("Float", 0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(serialize("Float", 1e-7), "1e-7");
  EXPECT_EQ(serialize("Float", -0.0), "0");
  EXPECT_EQ(serialize("Float", 2e9), "2000000000");
  EXPECT_EQ(serialize("Float", -3.0), "-3");
  EXPECT_EQ(serialize("Float", std::int64_t{9007199254740991}), "9007199254740991");
  EXPECT_EQ(serialize("Float", std::int64_t{9007199254740993}), "9007199254740992");
  EXPECT_EQ(serialize("Float", 9007199254740992.0), "9007199254740992");
}

TEST_F(leaf_serializer, StringBooleanId) {
  EXPECT_EQ(serialize("String", "a\"b\n"), R"("a\"b\n")");
  EXPECT_EQ(serialize("String", true), R"("true")");
  EXPECT_EQ(serialize("String", 5), R"("5")");
  EXPECT_EQ(serialize("String", 1.5), R"("1.5")");
  EXPECT_EQ(serialize("String", 1e21), R"("1e+21")");
  EXPECT_EQ(serialize("String", list({1})), "ERR String cannot represent value: [1]");
  EXPECT_EQ(serialize("String", NAN), "ERR String cannot represent value: NaN");
  EXPECT_EQ(serialize("Boolean", true), "true");
  EXPECT_EQ(serialize("Boolean", 0), "false");
  EXPECT_EQ(serialize("Boolean", 2.5), "true");
  EXPECT_EQ(serialize("Boolean", "true"), "ERR Boolean cannot represent a non boolean value: \"true\"");
  EXPECT_EQ(serialize("ID", "x"), R"("x")");
  EXPECT_EQ(serialize("ID", 5), R"("5")");
  EXPECT_EQ(serialize("ID", 5.0), R"("5")");
  EXPECT_EQ(serialize("ID", 5.5), "ERR ID cannot represent value: 5.5");
  EXPECT_EQ(serialize("ID", true), "ERR ID cannot represent value: true");
}

// Plain text is checked a word at a time with overlapping loads: a
// character to escape must be seen at every position of every length.
TEST_F(leaf_serializer, EscapesAtEveryPositionOfShortStrings) {
  for (std::size_t n = 1; n <= 24; ++n) {
    for (std::size_t at = 0; at < n; ++at) {
      for (const char c : {'"', '\\', '\n', '\x01', '\x1f'}) {
        std::string text(n, 'a');
        text[at] = c;
        std::string expected;
        append_json_string(expected, text);
        EXPECT_EQ(serialize("String", text), expected) << "length " << n << " at " << at;
        EXPECT_EQ(serialize("ID", text), expected) << "length " << n << " at " << at;
      }
    }
    const std::string plain(n, '~');
    EXPECT_EQ(serialize("String", plain), "\"" + plain + "\"");
  }
  EXPECT_EQ(serialize("String", ""), "\"\"");
  EXPECT_EQ(serialize("String", "caf\xc3\xa9 \x7f"), "\"caf\xc3\xa9 \x7f\"");
}

TEST_F(leaf_serializer, Enum) {
  EXPECT_EQ(serialize("Episode", "JEDI"), R"("JEDI")");
  EXPECT_EQ(serialize("Episode", value::enum_value("EMPIRE")), R"("EMPIRE")");
  EXPECT_EQ(serialize("Episode", "SITH"), R"(ERR Enum "Episode" cannot represent value: "SITH")");
  EXPECT_EQ(serialize("Episode", 1), R"(ERR Enum "Episode" cannot represent value: 1)");
}

TEST_F(leaf_serializer, CustomScalarsDefaultToJson) {
  struct opaque {};
  static const opaque thing;
  EXPECT_EQ(serialize("JSON", props({{"a", list({1, "x", nullptr, true})}, {"b\"", 1.5}})),
            R"({"a":[1,"x",null,true],"b\"":1.5})");
  EXPECT_EQ(serialize("JSON", value::raw_json(R"({"pre":"serialised"})")), R"({"pre":"serialised"})");
  EXPECT_EQ(serialize("JSON", value::object_view(&thing)), "ERR JSON cannot represent value: {}");
  EXPECT_EQ(serialize("JSON", "x"), R"("x")");
  EXPECT_EQ(serialize("JSON", "a\"b"), R"("a\"b")");
  EXPECT_EQ(serialize("JSON", std::int64_t{3000000000}), "3000000000");
  EXPECT_EQ(serialize("JSON", false), "false");
  EXPECT_EQ(serialize("JSON", 2.5), "2.5");
  EXPECT_EQ(serialize("JSON", nullptr), "null");
}

TEST_F(leaf_serializer, CustomScalarSerializeHook) {
  ASSERT_TRUE(resolvers_->bind_scalar("DateTime", {.serialize = [](const value& v) -> result<value> {
    if (!v.get_int()) return error{error_code::invalid, "DateTime needs seconds."};
    return value("t+" + std::to_string(*v.get_int()));
  }}));
  EXPECT_EQ(serialize("DateTime", 5), R"("t+5")");
  EXPECT_EQ(serialize("DateTime", "x"), "ERR DateTime needs seconds.");
}

}  // namespace
}  // namespace streamhub::graphql::testing
