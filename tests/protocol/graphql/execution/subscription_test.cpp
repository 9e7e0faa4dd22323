#include "protocol/graphql/execution/subscription.hpp"

#include <gtest/gtest.h>

#include "tests/protocol/graphql/execution/execution_fixture.hpp"

namespace streamhub::graphql::testing {
namespace {

class subscription_test : public star_wars {
 protected:
  std::shared_ptr<const variable_values> variables(const prepared_operation& op, std::string_view json) {
    auto coerced = coerce_variables(op, json);
    EXPECT_TRUE(coerced);
    return coerced ? coerced.value() : std::make_shared<const variable_values>();
  }

  std::string event(const std::shared_ptr<const prepared_operation>& op,
                    const std::shared_ptr<const variable_values>& vars, value payload) {
    std::optional<std::string> response;
    execute_event(op, vars, std::move(payload), {}, [&](execution_response r) { response = std::move(r.json); });
    EXPECT_TRUE(response);
    return response.value_or("");
  }

  std::string stream_error(std::string_view query, std::string_view json = "{}") {
    auto op = must_prepare(resolvers_, query);
    auto stream = create_source_stream(*op, *variables(*op, json), value(), nullptr);
    return stream ? "stream" : to_json(stream.errors());
  }
};

TEST_F(subscription_test, SourceStreamFromTheSubscriptionResolver) {
  auto marker = std::make_shared<int>(7);
  std::string seen;
  int context = 3;
  ASSERT_TRUE(resolvers_->bind_subscription("reviewAdded", [&](const field_call& call) -> subscribe_result {
    seen = std::string(call.args().get_enum("episode").value_or("none")) + " ctx=" +
           std::to_string(*call.context_as<int>()) + " path=" + std::get<std::string>(call.path()[0]);
    return marker;
  }));
  auto op = must_prepare(resolvers_, "subscription ($e: Episode) { r: reviewAdded(episode: $e) { stars } }");
  auto stream = create_source_stream(*op, *variables(*op, R"({"e":"JEDI"})"), value(), &context);
  ASSERT_TRUE(stream) << to_json(stream.errors());
  EXPECT_EQ(stream.value(), marker);
  EXPECT_EQ(seen, "JEDI ctx=3 path=r");
}

TEST_F(subscription_test, SourceStreamErrors) {
  EXPECT_EQ(stream_error("subscription { reviewAdded { stars } }"),
            R"([{"message":"Subscription field must return Async Iterable. Received: undefined."}])");
  ASSERT_TRUE(resolvers_->bind_subscription("reviewAdded", [](const field_call& call) -> subscribe_result {
    if (call.args().has("episode")) return source_stream();
    return field_error("Not signed in.", "UNAUTHENTICATED");
  }));
  EXPECT_EQ(stream_error("subscription {\n  reviewAdded { stars }\n}"),
            R"([{"message":"Not signed in.","locations":[{"line":2,"column":3}],"path":["reviewAdded"],"extensions":{"code":"UNAUTHENTICATED"}}])");
  EXPECT_EQ(stream_error("subscription { reviewAdded(episode: JEDI) { stars } }"),
            R"([{"message":"Subscription field must return Async Iterable. Received: null."}])");
  EXPECT_EQ(stream_error("subscription { reviewAdded(episode: 5) { stars } }"),
            R"([{"message":"Argument \"episode\" has invalid value 5.","locations":[{"line":1,"column":37}],"path":["reviewAdded"]}])");
}

TEST_F(subscription_test, EachEventExecutesTheSelectionWithTheEventAsTheFieldsValue) {
  auto op = must_prepare(resolvers_,
                         "subscription ($c: Boolean!) { reviewAdded { stars commentary @include(if: $c) __typename } }");
  auto vars = variables(*op, R"({"c":true})");
  EXPECT_EQ(event(op, vars, props({{"stars", 5}, {"commentary", "Great"}})),
            R"({"data":{"reviewAdded":{"stars":5,"commentary":"Great","__typename":"Review"}}})");
  EXPECT_EQ(event(op, vars, props({{"stars", 1}})),
            R"({"data":{"reviewAdded":{"stars":1,"commentary":null,"__typename":"Review"}}})");
  EXPECT_EQ(event(op, vars, props({{"commentary", "no stars"}})),
            R"({"data":null,"errors":[{"message":"Cannot return null for non-nullable field Review.stars.",)"
            R"("locations":[{"line":1,"column":45}],"path":["reviewAdded","stars"]}]})");
}

TEST_F(subscription_test, BoundFieldResolverMapsTheEvent) {
  ASSERT_TRUE(resolvers_->bind("Subscription", "reviewAdded", [](const field_call& call) {
    return field_result::borrow(*call.parent().as_properties()->find("review"));
  }));
  auto op = must_prepare(resolvers_, "subscription { reviewAdded { stars } }");
  EXPECT_EQ(event(op, variables(*op, "{}"), props({{"review", props({{"stars", 4}})}})),
            R"({"data":{"reviewAdded":{"stars":4}}})");
}

TEST(subscription_schema_test, SchemaWithoutSubscriptions) {
  auto resolvers = std::make_shared<resolver_map>(must_build("type Query { a: Int }"));
  auto op = must_prepare(resolvers, "subscription S { a }");
  auto stream = create_source_stream(*op, variable_values(), value(), nullptr);
  ASSERT_FALSE(stream);
  EXPECT_EQ(to_json(stream.errors()),
            R"([{"message":"Schema is not configured to execute subscription operation.","locations":[{"line":1,"column":1}]}])");
  EXPECT_FALSE(resolvers->bind_subscription("a", [](const field_call&) -> subscribe_result { return source_stream(); }));
}

}  // namespace
}  // namespace streamhub::graphql::testing
