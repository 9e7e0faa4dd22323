// KnownDirectives, UniqueDirectivesPerLocation.
// The spec's examples and our own cases, each expecting the errors
// (messages and locations) graphql-js 16.8.1 gives for it.

#include "protocol/graphql/validation/validate.hpp"

#include <gtest/gtest.h>

#include "tests/protocol/graphql/validation/validation_fixture.hpp"

namespace streamhub::graphql::testing {
namespace {

// Spec 5.7.2 counter-example.
TEST(known_directives, spec_counter_example_skip_on_query) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(query @skip(if: $foo) {
  dog { name }
})gql"),
            (std::vector<std::string>{
                "Directive \"@skip\" may not be used on QUERY. (1:7)",
                "Variable \"$foo\" is not defined. (1:17, 1:1)",
            }));
}

TEST(known_directives, unknown_directive) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ dog { name @unknown } })gql"),
            (std::vector<std::string>{
                "Unknown directive \"@unknown\". (1:14)",
            }));
}

TEST(known_directives, every_executable_location) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(query Q($x: Boolean @onVariableDefinition) @onQuery { dog @onField { ...F @onFragmentSpread ... @onInlineFragment { name @skip(if: $x) } } }
fragment F on Dog @onFragmentDefinition { name }
mutation @onMutation { mutateDog { name } }
subscription @onSubscription { newMessage { body } })gql"),
            (std::vector<std::string>{
                "Variable \"$x\" of type \"Boolean\" used in position expecting type \"Boolean!\". (1:9, 1:132)",
                "This anonymous operation must be the only defined operation. (3:1)",
                "This anonymous operation must be the only defined operation. (4:1)",
            }));
}

TEST(known_directives, misplaced_directives) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(query Q($y: Boolean @onField) @onMutation { dog @onQuery { ...F @onField ... @onFragmentSpread { name } } }
fragment F on Dog @onInlineFragment { name })gql"),
            (std::vector<std::string>{
                "Directive \"@onField\" may not be used on VARIABLE_DEFINITION. (1:21)",
                "Directive \"@onMutation\" may not be used on QUERY. (1:31)",
                "Directive \"@onQuery\" may not be used on FIELD. (1:49)",
                "Directive \"@onField\" may not be used on FRAGMENT_SPREAD. (1:65)",
                "Directive \"@onFragmentSpread\" may not be used on INLINE_FRAGMENT. (1:78)",
                "Variable \"$y\" is never used in operation \"Q\". (1:9)",
                "Directive \"@onInlineFragment\" may not be used on FRAGMENT_DEFINITION. (2:19)",
            }));
}

TEST(known_directives, type_system_directives_are_not_executable) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ dog { name @deprecated @specifiedBy(url: "x") } })gql"),
            (std::vector<std::string>{
                "Directive \"@deprecated\" may not be used on FIELD. (1:14)",
                "Directive \"@specifiedBy\" may not be used on FIELD. (1:26)",
            }));
}

// Spec 5.7.3 counter-example.
TEST(unique_directives_per_location, spec_counter_example_skip_twice) {
  EXPECT_EQ(validation_errors(field_schema(), R"gql(query ($foo: Boolean = true, $bar: Boolean = false) {
  field @skip(if: $foo) @skip(if: $bar)
})gql"),
            (std::vector<std::string>{
                "Field \"field\" of type \"Sub\" must have a selection of subfields. Did you mean \"field { ... }\"? (2:3)",
                "The directive \"@skip\" can only be used once at this location. (2:9, 2:25)",
            }));
}

// Spec 5.7.3 example.
TEST(unique_directives_per_location, spec_example_once_per_location) {
  EXPECT_EQ(validation_errors(field_schema(), R"gql(query ($foo: Boolean = true, $bar: Boolean = false) {
  field @skip(if: $foo) {
    subfieldA
  }
  field @skip(if: $bar) {
    subfieldB
  }
})gql"),
            no_errors);
}

TEST(unique_directives_per_location, repeatable_directives_may_repeat) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ dog { name @repeatable @repeatable ...F @repeatable @repeatable @onFragmentSpread @onFragmentSpread @onFragmentSpread } }
fragment F on Dog { name })gql"),
            (std::vector<std::string>{
                "The directive \"@onFragmentSpread\" can only be used once at this location. (1:67, 1:85)",
                "The directive \"@onFragmentSpread\" can only be used once at this location. (1:67, 1:103)",
            }));
}

}  // namespace
}  // namespace streamhub::graphql::testing
