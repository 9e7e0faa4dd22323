// SingleFieldSubscriptions.
// The spec's examples and our own cases, each expecting the errors
// (messages and locations) graphql-js 16.8.1 gives for it.

#include "protocol/graphql/validation/validate.hpp"

#include <gtest/gtest.h>

#include "tests/protocol/graphql/validation/validation_fixture.hpp"

namespace streamhub::graphql::testing {
namespace {

// Spec 5.2.3.1 example.
TEST(single_field_subscriptions, spec_example_one_root_field) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(subscription sub { newMessage { body sender } })gql"),
            no_errors);
}

// Spec 5.2.3.1 example.
TEST(single_field_subscriptions, spec_example_through_fragment) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(subscription sub { ...newMessageFields }
fragment newMessageFields on Subscription { newMessage { body sender } })gql"),
            no_errors);
}

// Spec 5.2.3.1 counter-example.
TEST(single_field_subscriptions, spec_counter_example_second_root_field) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(subscription sub {
  newMessage { body sender }
  disallowedSecondRootField
})gql"),
            (std::vector<std::string>{
                "Subscription \"sub\" must select only one top level field. (3:3)",
            }));
}

// Spec 5.2.3.1 counter-example.
TEST(single_field_subscriptions, spec_counter_example_second_field_in_fragment) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(subscription sub { ...multipleSubscriptions }
fragment multipleSubscriptions on Subscription {
  newMessage { body sender }
  disallowedSecondRootField
})gql"),
            (std::vector<std::string>{
                "Subscription \"sub\" must select only one top level field. (4:3)",
            }));
}

// Spec 5.2.3.1 counter-example.
TEST(single_field_subscriptions, spec_counter_example_introspection_root_field) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(subscription sub { __typename })gql"),
            (std::vector<std::string>{
                "Subscription \"sub\" must not select an introspection top level field. (1:20)",
            }));
}

TEST(single_field_subscriptions, anonymous_subscription_reports_extra_and_introspection_fields) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(subscription { newMessage { body } disallowedSecondRootField __typename })gql"),
            (std::vector<std::string>{
                "Anonymous Subscription must select only one top level field. (1:36, 1:62)",
                "Anonymous Subscription must not select an introspection top level field. (1:62)",
            }));
}

TEST(single_field_subscriptions, same_response_name_is_one_field) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(subscription { newMessage { body } newMessage { sender } })gql"),
            no_errors);
}

TEST(single_field_subscriptions, aliases_make_two_fields) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(subscription { a: newMessage { body } b: newMessage { sender } })gql"),
            (std::vector<std::string>{
                "Anonymous Subscription must select only one top level field. (1:39)",
            }));
}

TEST(single_field_subscriptions, literal_skip_and_include_are_honoured) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(subscription {
  newMessage { body }
  disallowedSecondRootField @skip(if: true)
  other: disallowedSecondRootField @include(if: false)
})gql"),
            no_errors);
}

TEST(single_field_subscriptions, literal_skip_false_keeps_the_field) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(subscription { newMessage { body } disallowedSecondRootField @skip(if: false) })gql"),
            (std::vector<std::string>{
                "Anonymous Subscription must select only one top level field. (1:36)",
            }));
}

TEST(single_field_subscriptions, inline_fragment_on_other_type_is_not_collected) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(subscription { newMessage { body } ... on Query { dog { name } } })gql"),
            (std::vector<std::string>{
                "Fragment cannot be spread here as objects of type \"Subscription\" can never be of type \"Query\". (1:36)",
            }));
}

TEST(single_field_subscriptions, inline_fragment_on_subscription_type_is_collected) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(subscription { newMessage { body } ... on Subscription { disallowedSecondRootField } })gql"),
            (std::vector<std::string>{
                "Anonymous Subscription must select only one top level field. (1:58)",
            }));
}

// Deviation: graphql-js throws here; we follow the spec's CollectFields with no variable values.
TEST(single_field_subscriptions, skip_with_a_variable_keeps_the_field) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(subscription ($v: Boolean!) { newMessage { body } disallowedSecondRootField @skip(if: $v) })gql"),
            (std::vector<std::string>{
                "Anonymous Subscription must select only one top level field. (1:51)",
            }));
}

// Deviation: graphql-js throws here; we follow the spec's CollectFields with no variable values.
TEST(single_field_subscriptions, include_with_a_variable_drops_the_field) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(subscription ($v: Boolean!) { newMessage { body } disallowedSecondRootField @include(if: $v) })gql"),
            no_errors);
}

TEST(single_field_subscriptions, fragment_spread_twice_is_collected_once) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(subscription S { ...F ...F }
fragment F on Subscription { newMessage { body } })gql"),
            no_errors);
}

}  // namespace
}  // namespace streamhub::graphql::testing
