#include "protocol/graphql/schema_builder.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

// Type-system errors: each SDL below, with the errors graphql-js 16 reports
// for it (buildSchema, then validateSchema). graphql-js drops the locations
// of its SDL-rule errors ({} below); we check ours for those elsewhere.

namespace streamhub::graphql {
namespace {

struct expected_error {
  const char* message;
  std::vector<source_location> locations;
};

struct sdl_case {
  const char* sdl;
  std::vector<expected_error> errors;
};

const std::vector<sdl_case> sdl_cases = {
    {"type Query { a: Int }\nschema { query: Query }\nschema { query: Query }",
     {{"Must provide only one schema definition.", {}},
      {"There can be only one query type in schema.", {}}}},
    {"type Query { a: Int }\nschema { query: Query query: Query }",
     {{"There can be only one query type in schema.", {}}}},
    {"type Query { a: Int }\ntype A { a: Int }\ntype A { b: Int }",
     {{"There can be only one type named \"A\".", {}}}},
    {"type Query { a: Int }\ntype A { a: Int a: String }",
     {{"Field \"A.a\" can only be defined once.", {}}}},
    {"type Query { a: Int }\ntype A { a: Int }\nextend type A { a: Int }",
     {{"Field \"A.a\" can only be defined once.", {}}}},
    {"type Query { a: Int }\ntype A { a(x: Int, x: Int): Int }",
     {{"Argument \"A.a(x:)\" can only be defined once.", {}}}},
    {"type Query { a: Int }\ndirective @d(x: Int, x: Int) on FIELD",
     {{"Argument \"@d(x:)\" can only be defined once.", {}}}},
    {"type Query { a: Int }\nenum E { A B A }",
     {{"Enum value \"E.A\" can only be defined once.", {}}}},
    {"type Query { a: Int }\ndirective @d on FIELD\ndirective @d on FIELD",
     {{"There can be only one directive named \"@d\".", {}}}},
    {"type Query { a: Int }\ntype A { a: Strin }",
     {{"Unknown type \"Strin\". Did you mean \"String\"?", {}}}},
    {"type Query { a: Int }\ntype A implements Nodee { a: Int }",
     {{"Unknown type \"Nodee\".", {}}}},
    {"type Query { a: Int }\nextend type Missing { a: Int }",
     {{"Cannot extend type \"Missing\" because it is not defined.", {}}}},
    {"type Query { a: Int }\nscalar S\nextend type S @deprecated",
     {{"Cannot extend non-object type \"S\".", {}},
      {"Directive \"@deprecated\" may not be used on OBJECT.", {}}}},
    {"type Query { a: Int }\ntype A @unknown { a: Int }",
     {{"Unknown directive \"@unknown\".", {}}}},
    {"type Query { a: Int }\ntype A { a: Int @specifiedBy(url: \"x\") }",
     {{"Directive \"@specifiedBy\" may not be used on FIELD_DEFINITION.", {}}}},
    {"type Query { a: Int }\ntype A { a: Int @deprecated @deprecated }",
     {{"The directive \"@deprecated\" can only be used once at this location.", {}}}},
    {"type Query { a: Int }\ntype A { a: Int @deprecated(reasn: \"x\") }",
     {{"Unknown argument \"reasn\" on directive \"@deprecated\". Did you mean \"reason\"?", {}}}},
    {"type Query { a: Int }\ntype A { a: Int @deprecated(reason: \"x\", reason: \"y\") }",
     {{"There can be only one argument named \"reason\".", {}}}},
    {"type Query { a: Int }\nscalar S @specifiedBy",
     {{"Directive \"@specifiedBy\" argument \"url\" of type \"String!\" is required, but it was not provided.", {}}}},
    {"type Query { a: Int }\ninput I { a: Int = 1 }\ntype A { a(i: I = {a: 1, a: 2}): Int }",
     {{"There can be only one input field named \"a\".", {}}}},
    {"type Query { a: Int }\ntype __A { a: Int }",
     {{"Name \"__A\" must not begin with \"__\", which is reserved by GraphQL introspection.", {{2, 1}}}}},
    {"type Query { a: Int }\ntype A { __a: Int }",
     {{"Name \"__a\" must not begin with \"__\", which is reserved by GraphQL introspection.", {{2, 10}}}}},
    {"type A { a: Int }",
     {{"Query root type must be provided.", {}}}},
    {"schema { query: S }\nscalar S",
     {{"Query root type must be Object type, it cannot be S.", {{1, 17}}}}},
    {"type Query { a: Int }\nschema { query: Query mutation: E }\nenum E { X }",
     {{"Mutation root type must be Object type if provided, it cannot be E.", {{2, 33}}}}},
    {"type Query { a: Int }\ntype A",
     {{"Type A must define one or more fields.", {{2, 1}}}}},
    {"type Query { a: Int }\ninterface I { a: Int }\ntype A implements I { b: Int }",
     {{"Interface field I.a expected but A does not provide it.", {{2, 15}, {3, 1}}}}},
    {"type Query { a: Int }\ninterface I { a: Int }\ntype A implements I { a: String }",
     {{"Interface field I.a expects type Int but A.a is type String.", {{2, 18}, {3, 26}}}}},
    {"type Query { a: Int }\ninterface I { a: [Int] }\ntype A implements I { a: [Int!]! }",
     {}},
    {"type Query { a: Int }\ninterface I { a(x: Int): Int }\ntype A implements I { a: Int }",
     {{"Interface field argument I.a(x:) expected but A.a does not provide it.", {{2, 17}, {3, 23}}}}},
    {"type Query { a: Int }\ninterface I { a(x: Int): Int }\ntype A implements I { a(x: String): Int }",
     {{"Interface field argument I.a(x:) expects type Int but A.a(x:) is type String.", {{2, 20}, {3, 28}}}}},
    {"type Query { a: Int }\ninterface I { a: Int }\ntype A implements I { a(y: Int!): Int }",
     {{"Object field A.a includes required argument y that is missing from the Interface field I.a.", {{3, 25}, {2, 15}}}}},
    {"type Query { a: Int }\ninterface I { a: Int }\ninterface J implements I { a: Int }\ntype A implements J { a: Int }",
     {{"Type A must implement I because it is implemented by J.", {{3, 24}, {4, 19}}}}},
    {"type Query { a: Int }\ninterface I implements I { a: Int }",
     {{"Type I cannot implement itself because it would create a circular reference.", {{2, 24}}}}},
    {"type Query { a: Int }\ninterface I { a: Int }\ntype A implements I & I { a: Int }",
     {{"Type A can only implement I once.", {{3, 19}, {3, 23}}}}},
    {"type Query { a: Int }\ntype B { a: Int }\ntype A implements B { a: Int }",
     {{"Type A must only implement Interface types, it cannot implement B.", {{3, 19}}}}},
    {"type Query { a: Int }\nunion U",
     {{"Union type U must define one or more member types.", {{2, 1}}}}},
    {"type Query { a: Int }\nunion U = Query | Query",
     {{"Union type U can only include type Query once.", {{2, 11}, {2, 19}}}}},
    {"type Query { a: Int }\nunion U = String",
     {{"Union type U can only include Object types, it cannot include String.", {{2, 11}}}}},
    {"type Query { a: Int }\nenum E",
     {{"Enum type E must define one or more values.", {{2, 1}}}}},
    {"type Query { a: Int }\ninput I",
     {{"Input Object type I must define one or more fields.", {{2, 1}}}}},
    {"type Query { a: Int }\ntype A { a: I }\ninput I { a: Int }",
     {{"The type of A.a must be Output Type but got: I.", {{2, 13}}}}},
    {"type Query { a: Int }\ninput I { a: Query }",
     {{"The type of I.a must be Input Type but got: Query.", {{2, 14}}}}},
    {"type Query { a: Int }\ntype A { a(x: Query): Int }",
     {{"The type of A.a(x:) must be Input Type but got: Query.", {{2, 15}}}}},
    {"type Query { a: Int }\ninput I { a: I! }",
     {{"Cannot reference Input Object \"I\" within itself through a series of non-null fields: \"a\".", {{2, 11}}}}},
    {"type Query { a: Int }\ninput I { a: J! }\ninput J { b: I! }",
     {{"Cannot reference Input Object \"I\" within itself through a series of non-null fields: \"a.b\".", {{2, 11}, {3, 11}}}}},
    {"type Query { a: Int }\ninput I { a: [I!]! b: I }",
     {}},
    {"type Query { a: Int }\ntype A { a(x: Int! @deprecated): Int }",
     {{"Required argument A.a(x:) cannot be deprecated.", {{2, 20}, {2, 15}}}}},
    {"type Query { a: Int }\ninput I { a: Int! @deprecated }",
     {{"Required input field I.a cannot be deprecated.", {{2, 19}, {2, 14}}}}},
    {"type Query { a: Int }\ndirective @d(x: Query) on FIELD",
     {{"The type of @d(x:) must be Input Type but got: Query.", {{2, 14}}}}},
    {"type Query { a: Int }\ndirective @d(x: Int! @deprecated) on FIELD",
     {{"Required argument @d(x:) cannot be deprecated.", {{2, 22}, {2, 17}}}}},
    {"type Query { a: Int }\ntype A { a: Int @deprecated(reason: 1) }",
     {{"Argument \"reason\" has invalid value 1.", {{2, 37}}}}},
    {"type Query { a: Int }\ninterface I { a: Int }\ninterface J implements I { a: Int }\ninterface K implements J & I { a: Int }\ntype A implements K & J { a: Int }",
     {{"Type A must implement I because it is implemented by K.", {{4, 28}, {5, 19}}},
      {"Type A must implement I because it is implemented by J.", {{3, 24}, {5, 23}}}}},
    {"type Query { a: Int }\ninterface I implements J { a: Int }\ninterface J implements I { a: Int }",
     {{"Type I cannot implement J because it would create a circular reference.", {{3, 24}, {2, 24}}},
      {"Type J cannot implement I because it would create a circular reference.", {{2, 24}, {3, 24}}}}},
    {"type Query { a: Int }\nscalar S\nextend scalar S @specifiedBy(url: \"u\")\nextend scalar S @specifiedBy(url: \"v\")",
     {{"The directive \"@specifiedBy\" can only be used once at this location.", {}}}},
    {"type Query { a: Int }\nextend scalar String @specifiedBy(url: \"u\")",
     {{"Cannot extend type \"String\" because it is not defined.", {}}}},
    {"type Query { a: Int }\ndirective @r repeatable on OBJECT\ntype A @r @r { a: Int }\ntype B @d2 { a: Int }\nextend type B @d2\ndirective @d2 on OBJECT",
     {{"The directive \"@d2\" can only be used once at this location.", {}}}},
};

TEST(SchemaValidationTest, ErrorsMatchGraphqlJs) {
  for (const auto& c : sdl_cases) {
    SCOPED_TRACE(c.sdl);
    auto built = build_schema(c.sdl);
    if (c.errors.empty()) {
      EXPECT_TRUE(built.has_value()) << built.errors().front().message;
      continue;
    }
    ASSERT_FALSE(built.has_value());
    const auto& errors = built.errors();
    ASSERT_EQ(errors.size(), c.errors.size()) << errors.front().message;
    for (std::size_t i = 0; i < errors.size(); ++i) {
      EXPECT_EQ(errors[i].message, c.errors[i].message);
      if (!c.errors[i].locations.empty()) {
        EXPECT_EQ(errors[i].locations, c.errors[i].locations);
      }
    }
  }
}

std::vector<graphql_error> errors_of(std::string_view sdl) {
  auto built = build_schema(sdl);
  EXPECT_FALSE(built.has_value());
  return built ? std::vector<graphql_error>{} : built.errors();
}

TEST(SchemaValidationTest, SdlRuleErrorsCarryLocations) {
  auto errors = errors_of("type Query { a: Int }\ntype A { a: Strin }");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].locations, (std::vector<source_location>{{2, 13}}));

  errors = errors_of("type Query { a: Int }\ntype A { a: Int }\ntype A { b: Int }");
  EXPECT_EQ(errors[0].locations, (std::vector<source_location>{{2, 6}, {3, 6}}));

  errors = errors_of("type Query { a: Int @deprecated @deprecated }");
  EXPECT_EQ(errors[0].locations, (std::vector<source_location>{{1, 21}, {1, 33}}));

  errors = errors_of("type Query { a(x: Int, y: Int, x: Int): Int }");
  EXPECT_EQ(errors[0].locations, (std::vector<source_location>{{1, 16}, {1, 32}}));
}

TEST(SchemaValidationTest, SyntaxErrorsAreReported) {
  const auto errors = errors_of("type Query { a: }");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, "Syntax Error: Expected Name, found \"}\".");
  EXPECT_EQ(errors[0].locations, (std::vector<source_location>{{1, 17}}));
}

TEST(SchemaValidationTest, TooDeeplyNestedTypes) {
  std::string type = "Int";
  for (int i = 0; i < 40; ++i) type = "[" + type + "]";
  const auto errors = errors_of("type Query { a: " + type + " }");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].message.find("nests more than 32"), std::string::npos);
}

TEST(SchemaValidationTest, ErrorsSerializeToJson) {
  const auto errors = errors_of("type Query { a: Strin }");
  EXPECT_EQ(to_json(errors),
            R"([{"message":"Unknown type \"Strin\". Did you mean \"String\"?","locations":[{"line":1,"column":17}]}])");
}

}  // namespace
}  // namespace streamhub::graphql
