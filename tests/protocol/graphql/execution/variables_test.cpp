// Variable coercion (CoerceVariableValues): every error message, checked
// against graphql-js 16.8.1 on the sample schema (the `cases` table is
// what a cross-check script feeds to graphql-js's execute()).

#include "protocol/graphql/execution/variables.hpp"

#include <gtest/gtest.h>

#include "tests/protocol/graphql/execution/execution_fixture.hpp"

namespace streamhub::graphql::testing {
namespace {

struct coercion_case {
  std::string_view query;
  std::string_view variables;
  std::string_view errors;  // the response's "errors" array
};

constexpr coercion_case cases[] = {
    {R"(query ($id: ID!) { human(id: $id) { name } })", R"({})",
     R"([{"message":"Variable \"$id\" of required type \"ID!\" was not provided.","locations":[{"line":1,"column":8}]}])"},
    {R"(query ($id: ID!) { human(id: $id) { name } })", R"({"id":null})",
     R"([{"message":"Variable \"$id\" of non-null type \"ID!\" must not be null.","locations":[{"line":1,"column":8}]}])"},
    {R"(query ($id: ID!) { human(id: $id) { name } })", R"({"id":1.5})",
     R"([{"message":"Variable \"$id\" got invalid value 1.5; ID cannot represent value: 1.5","locations":[{"line":1,"column":8}]}])"},
    {R"(query ($id: ID!) { human(id: $id) { name } })", R"({"id":true})",
     R"([{"message":"Variable \"$id\" got invalid value true; ID cannot represent value: true","locations":[{"line":1,"column":8}]}])"},
    {R"(query ($e: Episode) { hero(episode: $e) { name } })", R"({"e":"JEDY"})",
     R"([{"message":"Variable \"$e\" got invalid value \"JEDY\"; Value \"JEDY\" does not exist in \"Episode\" enum. Did you mean the enum value \"JEDI\"?","locations":[{"line":1,"column":8}]}])"},
    {R"(query ($e: Episode) { hero(episode: $e) { name } })", R"({"e":1})",
     R"([{"message":"Variable \"$e\" got invalid value 1; Enum \"Episode\" cannot represent non-string value: 1.","locations":[{"line":1,"column":8}]}])"},
    {R"(mutation ($r: ReviewInput!) { createReview(episode: JEDI, review: $r) { stars } })",
     R"({"r":{"stars":"5","bogus":[1,2],"commentari":"x"}})",
     R"([{"message":"Variable \"$r\" got invalid value \"5\" at \"r.stars\"; Int cannot represent non-integer value: \"5\"","locations":[{"line":1,"column":11}]},)"
     R"({"message":"Variable \"$r\" got invalid value { stars: \"5\", bogus: [1, 2], commentari: \"x\" }; Field \"bogus\" is not defined by type \"ReviewInput\".","locations":[{"line":1,"column":11}]},)"
     R"({"message":"Variable \"$r\" got invalid value { stars: \"5\", bogus: [1, 2], commentari: \"x\" }; Field \"commentari\" is not defined by type \"ReviewInput\". Did you mean \"commentary\"?","locations":[{"line":1,"column":11}]}])"},
    {R"(mutation ($r: ReviewInput!) { createReview(episode: JEDI, review: $r) { stars } })", R"({"r":{}})",
     R"([{"message":"Variable \"$r\" got invalid value {}; Field \"stars\" of required type \"Int!\" was not provided.","locations":[{"line":1,"column":11}]}])"},
    {R"(mutation ($r: ReviewInput!) { createReview(episode: JEDI, review: $r) { stars } })", R"({"r":"x"})",
     R"([{"message":"Variable \"$r\" got invalid value \"x\"; Expected type \"ReviewInput\" to be an object.","locations":[{"line":1,"column":11}]}])"},
    // graphql-js reads a list as an object keyed by its indices.
    {R"(mutation ($r: ReviewInput!) { createReview(episode: JEDI, review: $r) { stars } })", R"({"r":[1,2]})",
     R"([{"message":"Variable \"$r\" got invalid value [1, 2]; Field \"stars\" of required type \"Int!\" was not provided.","locations":[{"line":1,"column":11}]},)"
     R"({"message":"Variable \"$r\" got invalid value [1, 2]; Field \"0\" is not defined by type \"ReviewInput\".","locations":[{"line":1,"column":11}]},)"
     R"({"message":"Variable \"$r\" got invalid value [1, 2]; Field \"1\" is not defined by type \"ReviewInput\".","locations":[{"line":1,"column":11}]}])"},
    {R"(query ($f: CharacterFilter) { characters(filter: $f) { totalCount } })",
     R"({"f":{"episodes":["JEDI",null],"homeworld":{"name":7,"deep":{"a":{"b":{"c":1}}}}}})",
     R"([{"message":"Variable \"$f\" got invalid value null at \"f.episodes[1]\"; Expected non-nullable type \"Episode!\" not to be null.","locations":[{"line":1,"column":8}]},)"
     R"({"message":"Variable \"$f\" got invalid value 7 at \"f.homeworld.name\"; String cannot represent a non string value: 7","locations":[{"line":1,"column":8}]},)"
     R"({"message":"Variable \"$f\" got invalid value { name: 7, deep: { a: [Object] } } at \"f.homeworld\"; Field \"deep\" is not defined by type \"PlanetFilter\".","locations":[{"line":1,"column":8}]}])"},
    {R"(query ($n: Int) { hero { friends(first: $n) { name } } })", R"({"n":3000000000})",
     R"([{"message":"Variable \"$n\" got invalid value 3000000000; Int cannot represent non 32-bit signed integer value: 3000000000","locations":[{"line":1,"column":8}]}])"},
    {R"(query ($n: Int) { hero { friends(first: $n) { name } } })", R"({"n":[1,2,3,4,5,6,7,8,9,10,11,12]})",
     R"([{"message":"Variable \"$n\" got invalid value [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ... 2 more items]; Int cannot represent non-integer value: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ... 2 more items]","locations":[{"line":1,"column":8}]}])"},
    {R"(query ($t: String!) { search(text: $t) { __typename } })", R"({"t":5})",
     R"([{"message":"Variable \"$t\" got invalid value 5; String cannot represent a non string value: 5","locations":[{"line":1,"column":8}]}])"},
    {R"(query ($b: Boolean!) { hero @include(if: $b) { name } })", R"({"b":"yes"})",
     R"([{"message":"Variable \"$b\" got invalid value \"yes\"; Boolean cannot represent a non boolean value: \"yes\"","locations":[{"line":1,"column":8}]}])"},
    {R"(query ($u: LengthUnit, $x: Float) { starship(id: 1) { length(unit: $u) } hero { ... on Human { height(unit: $u) mass } } })",
     R"({"x":"1.5","u":"PARSEC"})",
     R"([{"message":"Variable \"$u\" got invalid value \"PARSEC\"; Value \"PARSEC\" does not exist in \"LengthUnit\" enum.","locations":[{"line":1,"column":8}]},)"
     R"({"message":"Variable \"$x\" got invalid value \"1.5\"; Float cannot represent non numeric value: \"1.5\"","locations":[{"line":1,"column":24}]}])"},
    {R"(query ($x: Foo, $y: Character) { hero { name } })", R"({})",
     R"([{"message":"Variable \"$x\" expected value of type \"Foo\" which cannot be used as an input type.","locations":[{"line":1,"column":12}]},)"
     R"({"message":"Variable \"$y\" expected value of type \"Character\" which cannot be used as an input type.","locations":[{"line":1,"column":21}]}])"},
};

class variables_test : public star_wars {
 protected:
  std::string errors_of(std::string_view query, std::string_view json) {
    auto op = must_prepare(resolvers_, query);
    auto coerced = coerce_variables(*op, json);
    if (coerced) return "no errors";
    return to_json(coerced.errors());
  }
};

TEST_F(variables_test, ErrorMessagesAreGraphqlJs) {
  for (const auto& c : cases) {
    EXPECT_EQ(errors_of(c.query, c.variables), c.errors) << c.query << "\n" << c.variables;
  }
}

TEST_F(variables_test, AtMostFiftyErrors) {
  std::string items;
  for (int i = 0; i < 60; ++i) items += std::string(i == 0 ? "" : ",") + "\"x\"";
  const std::string errors =
      errors_of(R"(query ($f: CharacterFilter) { characters(filter: $f) { totalCount } })",
                R"({"f":{"episodes":[)" + items + "]}}");
  EXPECT_EQ(std::count(errors.begin(), errors.end(), '{') - 50 * 2, 1) << errors;
  EXPECT_NE(errors.find("f.episodes[49]"), std::string::npos);
  EXPECT_EQ(errors.find("f.episodes[50]"), std::string::npos);
  EXPECT_NE(errors.find(R"({"message":"Too many errors processing variables, error limit reached. Execution aborted."}])"),
            std::string::npos);
}

TEST_F(variables_test, MalformedJson) {
  const std::string_view query = "query ($e: Episode) { hero(episode: $e) { name } }";
  EXPECT_EQ(errors_of(query, "{"), R"([{"message":"Variables are not valid JSON."}])");
  EXPECT_EQ(errors_of(query, "[1]"),
            R"([{"message":"Variables must be provided as an Object where each property is a variable value. Perhaps look to see if an unparsed JSON string was provided."}])");
  std::string deep(1000, '[');
  EXPECT_EQ(errors_of(query, R"({"e":)" + deep + std::string(1000, ']') + "}"),
            R"([{"message":"Variables are nested too deeply."}])");
  EXPECT_EQ(errors_of(query, "null"), "no errors");
  EXPECT_EQ(errors_of(query, ""), "no errors");
}

TEST_F(variables_test, CoercedValuesDefaultsAndAbsence) {
  auto op = must_prepare(resolvers_, R"(
    query ($e: Episode = EMPIRE, $n: Int, $f: Float, $i: ID, $l: [Episode!], $r: ReviewInput, $absent: String) {
      hero(episode: $e) { name } })");
  auto coerced = coerce_variables(
      *op, R"({"n":7,"f":2,"i":42,"l":"JEDI","r":{"stars":5,"metadata":{"k":[1,"x"]}}})");
  ASSERT_TRUE(coerced) << to_json(coerced.errors());
  const variable_values& v = *coerced.value();
  EXPECT_EQ(v.find("e")->as_string(), "EMPIRE");
  EXPECT_EQ(v.find("n")->get_int(), 7);
  EXPECT_EQ(v.find("f")->type(), value_type::floating);
  EXPECT_EQ(v.find("f")->as_float(), 2.0);
  EXPECT_EQ(v.find("i")->as_string(), "42");
  ASSERT_EQ(v.find("l")->as_list().size(), 1u);
  EXPECT_EQ(v.find("l")->as_list()[0].as_string(), "JEDI");
  const property_object* review = v.find("r")->as_properties();
  EXPECT_EQ(review->find("source")->as_string(), "web");  // the input field's default
  EXPECT_EQ(review->find("commentary"), nullptr);          // absent stays absent
  EXPECT_EQ(review->find("metadata")->as_properties()->find("k")->as_list()[1].as_string(), "x");
  EXPECT_EQ(v.find("absent"), nullptr);
}

TEST_F(variables_test, CustomScalarParseHook) {
  ASSERT_TRUE(resolvers_->bind_scalar("DateTime", {.parse = [](const value& v) -> result<value> {
    if (!v.get_string()) return error{error_code::invalid, "DateTime must be a string."};
    return value("parsed:" + std::string(v.as_string()));
  }}));
  auto op = must_prepare(resolvers_, "query ($at: DateTime, $all: [DateTime]) { hero { name } }");
  auto bad = coerce_variables(*op, R"({"at":5})");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.errors()[0].message, R"(Variable "$at" got invalid value 5; DateTime must be a string.)");
  auto good = coerce_variables(*op, R"({"at":"2024","all":["a","b"]})");
  ASSERT_TRUE(good);
  EXPECT_EQ(good.value()->find("at")->as_string(), "parsed:2024");
  EXPECT_EQ(good.value()->find("all")->as_list()[1].as_string(), "parsed:b");
}

}  // namespace
}  // namespace streamhub::graphql::testing
