// KnownArgumentNames, UniqueArgumentNames, ProvidedRequiredArguments.
// The spec's examples and our own cases, each expecting the errors
// (messages and locations) graphql-js 16.8.1 gives for it.

#include "protocol/graphql/validation/validate.hpp"

#include <gtest/gtest.h>

#include "tests/protocol/graphql/validation/validation_fixture.hpp"

namespace streamhub::graphql::testing {
namespace {

// Spec 5.4.1 example.
TEST(known_argument_names, spec_example_known_arguments) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(fragment argOnRequiredArg on Dog { doesKnowCommand(dogCommand: SIT) }
fragment argOnOptional on Dog { isHouseTrained(atOtherHomes: true) @include(if: true) }
{ dog { ...argOnRequiredArg ...argOnOptional } })gql"),
            no_errors);
}

// Spec 5.4.1 counter-example.
TEST(known_argument_names, spec_counter_example_unknown_field_argument) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(fragment invalidArgName on Dog { doesKnowCommand(command: CLEAN_UP_HOUSE) }
{ dog { ...invalidArgName } })gql"),
            (std::vector<std::string>{
                "Unknown argument \"command\" on field \"Dog.doesKnowCommand\". Did you mean \"dogCommand\"? (1:50)",
                "Field \"doesKnowCommand\" argument \"dogCommand\" of type \"DogCommand!\" is required, but it was not provided. (1:34)",
            }));
}

// Spec 5.4.1 counter-example.
TEST(known_argument_names, spec_counter_example_unknown_directive_argument) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(fragment invalidArgName on Dog { isHouseTrained(atOtherHomes: true) @include(unless: false) }
{ dog { ...invalidArgName } })gql"),
            (std::vector<std::string>{
                "Unknown argument \"unless\" on directive \"@include\". (1:78)",
                "Directive \"@include\" argument \"if\" of type \"Boolean!\" is required, but it was not provided. (1:69)",
            }));
}

// Spec 5.4.1 example.
TEST(known_argument_names, spec_example_argument_order_is_free) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(fragment multipleArgs on Arguments { multipleRequirements(x: 1, y: 2) }
fragment multipleArgsReverseOrder on Arguments { multipleRequirements(y: 2, x: 1) }
{ arguments { ...multipleArgs ...multipleArgsReverseOrder } })gql"),
            no_errors);
}

TEST(known_argument_names, suggestions_and_meta_fields) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ dog { isHouseTrained(atOtherHome: true) name(arg: 1) } __type(nam: "Dog") { name } })gql"),
            (std::vector<std::string>{
                "Unknown argument \"atOtherHome\" on field \"Dog.isHouseTrained\". Did you mean \"atOtherHomes\"? (1:24)",
                "Unknown argument \"arg\" on field \"Dog.name\". (1:48)",
                "Unknown argument \"nam\" on field \"Query.__type\". Did you mean \"name\"? (1:65)",
                "Field \"__type\" argument \"name\" of type \"String!\" is required, but it was not provided. (1:58)",
            }));
}

// As graphql-js: TypeInfo falls back to the field when the directive is unknown.
TEST(known_argument_names, unknown_directive_arguments_are_checked_against_the_field) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ dog { doesKnowCommand(dogCommand: SIT) @unknown(dogCommand: 5) } })gql"),
            (std::vector<std::string>{
                "Unknown directive \"@unknown\". (1:42)",
                "Enum \"DogCommand\" cannot represent non-enum value: 5. (1:63)",
            }));
}

TEST(unique_argument_names, repeated_field_and_directive_arguments) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ arguments { multipleRequirements(x: 1, x: 2, y: 3, y: 4, x: 5) } dog { name @include(if: true, if: false) } })gql"),
            (std::vector<std::string>{
                "There can be only one argument named \"x\". (1:36, 1:42, 1:60)",
                "There can be only one argument named \"y\". (1:48, 1:54)",
                "There can be only one argument named \"if\". (1:88, 1:98)",
            }));
}

// Spec 5.4.2.1 examples.
TEST(provided_required_arguments, spec_example_provided_and_optional) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(fragment goodBooleanArg on Arguments { booleanArgField(booleanArg: true) }
fragment goodNonNullArg on Arguments { nonNullBooleanArgField(nonNullBooleanArg: true) }
fragment goodBooleanArgDefault on Arguments { booleanArgField }
{ arguments { ...goodBooleanArg ...goodNonNullArg ...goodBooleanArgDefault } })gql"),
            (std::vector<std::string>{
                "Fields \"booleanArgField\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional. (1:40, 3:47)",
            }));
}

// Spec 5.4.2.1 counter-example.
TEST(provided_required_arguments, spec_counter_example_missing) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(fragment missingRequiredArg on Arguments { nonNullBooleanArgField }
{ arguments { ...missingRequiredArg } })gql"),
            (std::vector<std::string>{
                "Field \"nonNullBooleanArgField\" argument \"nonNullBooleanArg\" of type \"Boolean!\" is required, but it was not provided. (1:44)",
            }));
}

// Spec 5.4.2.1 counter-example: graphql-js reports the null under ValuesOfCorrectType.
TEST(provided_required_arguments, spec_counter_example_null_is_reported_as_a_value) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(fragment missingRequiredArg on Arguments { nonNullBooleanArgField(nonNullBooleanArg: null) }
{ arguments { ...missingRequiredArg } })gql"),
            (std::vector<std::string>{
                "Expected value of type \"Boolean!\", found null. (1:86)",
            }));
}

TEST(provided_required_arguments, defaults_make_arguments_optional) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ arguments { multipleRequirements optionalNonNullBooleanArgField } })gql"),
            (std::vector<std::string>{
                "Field \"multipleRequirements\" argument \"x\" of type \"Int!\" is required, but it was not provided. (1:15)",
                "Field \"multipleRequirements\" argument \"y\" of type \"Int!\" is required, but it was not provided. (1:15)",
            }));
}

TEST(provided_required_arguments, directive_arguments) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ dog { name @include @skip @withRequired a: name @withRequired(arg: 1) } })gql"),
            (std::vector<std::string>{
                "Directive \"@include\" argument \"if\" of type \"Boolean!\" is required, but it was not provided. (1:14)",
                "Directive \"@skip\" argument \"if\" of type \"Boolean!\" is required, but it was not provided. (1:23)",
                "Directive \"@withRequired\" argument \"arg\" of type \"Int!\" is required, but it was not provided. (1:29)",
            }));
}

}  // namespace
}  // namespace streamhub::graphql::testing
