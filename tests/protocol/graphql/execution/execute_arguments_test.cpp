// Argument coercion at execution (CoerceArgumentValues) and @skip/@include
// conditions without a usable value: their field errors, checked against
// graphql-js 16.8.1 (the `cases` table is what a cross-check script feeds
// to graphql-js's execute(), with hero resolving to R2-D2).

#include "protocol/graphql/execution/execute.hpp"

#include <gtest/gtest.h>

#include "tests/protocol/graphql/execution/execution_fixture.hpp"

namespace streamhub::graphql::testing {
namespace {

struct argument_case {
  std::string_view query;
  std::string_view variables;
  std::string_view response;
};

constexpr argument_case cases[] = {
    {R"(query ($id: ID) { human(id: $id) { name } })", R"({})",
     R"({"data":{"human":null},"errors":[{"message":"Argument \"id\" of required type \"ID!\" was provided the variable \"$id\" which was not provided a runtime value.","locations":[{"line":1,"column":29}],"path":["human"]}]})"},
    {R"(query ($id: ID) { human(id: $id) { name } })", R"({"id":null})",
     R"({"data":{"human":null},"errors":[{"message":"Argument \"id\" of non-null type \"ID!\" must not be null.","locations":[{"line":1,"column":29}],"path":["human"]}]})"},
    {R"({ human(id: null) { name } })", R"({})",
     R"({"data":{"human":null},"errors":[{"message":"Argument \"id\" of non-null type \"ID!\" must not be null.","locations":[{"line":1,"column":13}],"path":["human"]}]})"},
    {R"({ human { name } })", R"({})",
     R"({"data":{"human":null},"errors":[{"message":"Argument \"id\" of required type \"ID!\" was not provided.","locations":[{"line":1,"column":3}],"path":["human"]}]})"},
    {R"({ human(id: true) { name } })", R"({})",
     R"({"data":{"human":null},"errors":[{"message":"Argument \"id\" has invalid value true.","locations":[{"line":1,"column":13}],"path":["human"]}]})"},
    {R"(query ($e: Episode) { characters(filter: {episodes: [$e, JEDI]}) { totalCount } })", R"({})",
     R"({"data":null,"errors":[{"message":"Argument \"filter\" has invalid value {episodes: [$e, JEDI]}.","locations":[{"line":1,"column":42}],"path":["characters"]}]})"},
    {R"(query ($b: Boolean = true) { hero @skip(if: $b) { name } })", R"({"b":null})",
     R"({"data":null,"errors":[{"message":"Argument \"if\" of non-null type \"Boolean!\" must not be null.","locations":[{"line":1,"column":45}]}]})"},
    {R"(query ($b: Boolean = true) { hero { name @include(if: $b) } })", R"({"b":null})",
     R"({"data":{"hero":null},"errors":[{"message":"Argument \"if\" of non-null type \"Boolean!\" must not be null.","locations":[{"line":1,"column":55}],"path":["hero"]}]})"},
    {R"(query ($b: Boolean = true) { hero { name @include(if: $b) } })", R"({"b":false})",
     R"({"data":{"hero":{}}})"},
};

using execute_arguments = star_wars;

TEST_F(execute_arguments, ErrorsAreGraphqlJs) {
  for (const auto& c : cases) {
    EXPECT_EQ(run(c.query, c.variables), c.response) << c.query << "\n" << c.variables;
  }
}

TEST_F(execute_arguments, VariablesInsideLiteralsAreCoercedPerCall) {
  std::vector<std::string> seen;
  ASSERT_TRUE(resolvers_->bind("Mutation", "createReview", [&](const field_call& call) -> field_result {
    const property_object* review = call.args().get_object("review");
    seen.push_back(std::to_string(*review->find("stars")->get_int()) + "/" +
                   std::string(review->find("source")->as_string()) + "/" +
                   (review->find("commentary") != nullptr ? "given" : "absent"));
    return props({{"stars", *review->find("stars")}});
  }));
  auto op = must_prepare(resolvers_, R"(mutation ($s: Int!, $c: String) {
      createReview(episode: JEDI, review: {stars: $s, commentary: $c}) { stars } })");
  EXPECT_EQ(run_sync(op, R"({"s":4})"), R"({"data":{"createReview":{"stars":4}}})");
  EXPECT_EQ(run_sync(op, R"({"s":5,"c":"ok"})"), R"({"data":{"createReview":{"stars":5}}})");
  EXPECT_EQ(seen, (std::vector<std::string>{"4/web/absent", "5/web/given"}));
}

TEST_F(execute_arguments, ArgumentPresenceAndNull) {
  std::string seen;
  ASSERT_TRUE(resolvers_->bind("Human", "friends", [&](const field_call& call) -> field_result {
    const auto& args = call.args();
    seen += std::string(args.has("after") ? (args.is_null("after") ? "null" : "set") : "absent") + ",";
    return list({});
  }));
  run(R"(query ($a: String) { human(id: "1000") {
      x: friends { name } y: friends(after: null) { name } z: friends(after: $a) { name } } })");
  EXPECT_EQ(seen, "absent,null,absent,");
}

}  // namespace
}  // namespace streamhub::graphql::testing
