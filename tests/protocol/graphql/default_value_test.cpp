#include "protocol/graphql/default_value.hpp"

#include <gtest/gtest.h>

#include "protocol/graphql/parser.hpp"
#include "protocol/graphql/schema_builder.hpp"

namespace streamhub::graphql {
namespace {

TEST(DefaultValueTest, NumbersPrintAsJavaScriptDoes) {
  EXPECT_EQ(format_js_number(0.0), "0");
  EXPECT_EQ(format_js_number(-0.0), "0");
  EXPECT_EQ(format_js_number(1.0), "1");
  EXPECT_EQ(format_js_number(-42.0), "-42");
  EXPECT_EQ(format_js_number(1.5), "1.5");
  EXPECT_EQ(format_js_number(0.1), "0.1");
  EXPECT_EQ(format_js_number(0.000001), "0.000001");
  EXPECT_EQ(format_js_number(1.5e-7), "1.5e-7");
  EXPECT_EQ(format_js_number(1e21), "1e+21");
  EXPECT_EQ(format_js_number(1e20), "100000000000000000000");
  EXPECT_EQ(format_js_number(123456789012345678901234.0), "1.2345678901234569e+23");
  EXPECT_EQ(format_js_number(2147483647.0), "2147483647");
  EXPECT_EQ(format_js_number(-1.25e-10), "-1.25e-10");
}

TEST(DefaultValueTest, CoercesLiteralsToTheirType) {
  auto built = build_schema(R"(
    type Query { a(f: Float, id: ID, c: Color, p: Point, j: Json): Int }
    enum Color { RED }
    input Point { x: Int = 0, y: Int!, tag: String }
    scalar Json
  )");
  ASSERT_TRUE(built.has_value());
  const auto& s = **built;
  const auto print = [&](std::string_view literal, std::string_view type) {
    auto v = parse_value(literal, true);
    auto t = parse_type(type);
    const auto type_ref = v && t ? s.resolve(**t) : std::nullopt;
    if (!type_ref) {
      ADD_FAILURE() << literal << " as " << type;
      return std::optional<std::string>();
    }
    return print_coerced_literal(**v, *type_ref);
  };
  EXPECT_EQ(print("-0", "Int"), "0");
  EXPECT_EQ(print("2147483648", "Int"), std::nullopt);
  EXPECT_EQ(print("1.0", "Int"), std::nullopt);
  EXPECT_EQ(print("2.50", "Float"), "2.5");
  EXPECT_EQ(print("3", "Float"), "3");
  EXPECT_EQ(print("1e400", "Float"), std::nullopt);
  EXPECT_EQ(print("\"\"\"a\nb\"\"\"", "String"), "\"a\\nb\"");
  EXPECT_EQ(print("RED", "String"), std::nullopt);
  EXPECT_EQ(print("\"007\"", "ID"), "\"007\"");
  EXPECT_EQ(print("\"-12\"", "ID"), "-12");
  EXPECT_EQ(print("RED", "Color"), "RED");
  EXPECT_EQ(print("\"RED\"", "Color"), std::nullopt);
  EXPECT_EQ(print("BLUE", "Color"), std::nullopt);
  EXPECT_EQ(print("null", "Int"), "null");
  EXPECT_EQ(print("null", "Int!"), std::nullopt);
  EXPECT_EQ(print("[1, null]", "[Int]"), "[1, null]");
  EXPECT_EQ(print("[1, null]", "[Int!]"), std::nullopt);
  EXPECT_EQ(print("7", "[[Int]]"), "[[7]]");
  EXPECT_EQ(print("{y: 1, tag: \"t\", extra: 2}", "Point"), "{x: 0, y: 1, tag: \"t\"}");
  EXPECT_EQ(print("{y: 1, y: 2}", "Point"), "{x: 0, y: 2}");
  EXPECT_EQ(print("{x: 1}", "Point"), std::nullopt);
  EXPECT_EQ(print("{y: 1, tag: null}", "Point"), "{x: 0, y: 1, tag: null}");
  EXPECT_EQ(print("ENUMISH", "Json"), "\"ENUMISH\"");
  EXPECT_EQ(print("1.50", "Json"), "1.5");
  EXPECT_EQ(print("{a: [1]}", "Json"), "{a: [1]}");
}

}  // namespace
}  // namespace streamhub::graphql
