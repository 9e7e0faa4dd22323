// OverlappingFieldsCanBeMerged.
// The spec's examples and our own cases, each expecting the errors
// (messages and locations) graphql-js 16.8.1 gives for it.

#include "protocol/graphql/validation/validate.hpp"

#include <gtest/gtest.h>

#include "tests/protocol/graphql/validation/validation_fixture.hpp"

namespace streamhub::graphql::testing {
namespace {

// Spec 5.3.2 examples.
TEST(overlapping_fields_can_be_merged, spec_example_identical_fields) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(fragment mergeIdenticalFields on Dog { name name }
fragment mergeIdenticalAliasesAndFields on Dog { otherName: name otherName: name }
{ dog { ...mergeIdenticalFields ...mergeIdenticalAliasesAndFields } })gql"),
            no_errors);
}

// Spec 5.3.2 counter-example.
TEST(overlapping_fields_can_be_merged, spec_counter_example_alias) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(fragment conflictingBecauseAlias on Dog { name: nickname name }
{ dog { ...conflictingBecauseAlias } })gql"),
            (std::vector<std::string>{
                "Fields \"name\" conflict because \"nickname\" and \"name\" are different fields. Use different aliases on the fields to fetch both if this was intentional. (1:43, 1:58)",
            }));
}

// Spec 5.3.2 examples.
TEST(overlapping_fields_can_be_merged, spec_example_identical_arguments) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(fragment mergeIdenticalFieldsWithIdenticalArgs on Dog { doesKnowCommand(dogCommand: SIT) doesKnowCommand(dogCommand: SIT) }
fragment mergeIdenticalFieldsWithIdenticalValues on Dog { doesKnowCommand(dogCommand: $dogCommand) doesKnowCommand(dogCommand: $dogCommand) }
query ($dogCommand: DogCommand!) { dog { ...mergeIdenticalFieldsWithIdenticalArgs ...mergeIdenticalFieldsWithIdenticalValues } })gql"),
            (std::vector<std::string>{
                "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional. (1:57, 2:59)",
                "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional. (1:57, 2:100)",
                "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional. (1:90, 2:59)",
                "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional. (1:90, 2:100)",
            }));
}

// Spec 5.3.2 counter-examples.
TEST(overlapping_fields_can_be_merged, spec_counter_example_differing_arguments) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(fragment conflictingArgsOnValues on Dog { doesKnowCommand(dogCommand: SIT) doesKnowCommand(dogCommand: HEEL) }
fragment conflictingArgsValueAndVar on Dog { doesKnowCommand(dogCommand: SIT) doesKnowCommand(dogCommand: $dogCommand) }
fragment conflictingArgsWithVars on Dog { doesKnowCommand(dogCommand: $varOne) doesKnowCommand(dogCommand: $varTwo) }
fragment differingArgs on Dog { doesKnowCommand(dogCommand: SIT) doesKnowCommand }
query ($dogCommand: DogCommand!, $varOne: DogCommand!, $varTwo: DogCommand!) {
  dog { ...conflictingArgsOnValues ...conflictingArgsValueAndVar ...conflictingArgsWithVars ...differingArgs }
})gql"),
            (std::vector<std::string>{
                "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional. (1:43, 1:76)",
                "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional. (2:46, 2:79)",
                "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional. (3:43, 3:80)",
                "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional. (4:33, 4:66)",
                "Field \"doesKnowCommand\" argument \"dogCommand\" of type \"DogCommand!\" is required, but it was not provided. (4:66)",
                "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional. (1:43, 2:79)",
                "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional. (1:76, 2:46)",
                "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional. (1:76, 2:79)",
                "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional. (1:43, 3:43)",
                "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional. (1:43, 3:80)",
                "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional. (1:76, 3:43)",
                "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional. (1:76, 3:80)",
                "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional. (1:43, 4:66)",
                "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional. (1:76, 4:33)",
                "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional. (1:76, 4:66)",
                "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional. (2:46, 3:43)",
                "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional. (2:46, 3:80)",
                "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional. (2:79, 3:43)",
                "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional. (2:79, 3:80)",
                "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional. (2:46, 4:66)",
                "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional. (2:79, 4:33)",
                "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional. (2:79, 4:66)",
                "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional. (3:43, 4:33)",
                "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional. (3:43, 4:66)",
                "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional. (3:80, 4:33)",
                "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional. (3:80, 4:66)",
            }));
}

// Spec 5.3.2 examples.
TEST(overlapping_fields_can_be_merged, spec_example_safe_on_different_objects) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(fragment safeDifferingFields on Pet { ... on Dog { volume: barkVolume } ... on Cat { volume: meowVolume } }
fragment safeDifferingArgs on Pet { ... on Dog { doesKnowCommand(dogCommand: SIT) } ... on Cat { doesKnowCommand(catCommand: JUMP) } }
{ pet { ...safeDifferingFields ...safeDifferingArgs } })gql"),
            no_errors);
}

// Spec 5.3.2 counter-example.
TEST(overlapping_fields_can_be_merged, spec_counter_example_differing_response_shapes) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(fragment conflictingDifferingResponses on Pet { ... on Dog { someValue: nickname } ... on Cat { someValue: meowVolume } }
{ pet { ...conflictingDifferingResponses } })gql"),
            (std::vector<std::string>{
                "Fields \"someValue\" conflict because they return conflicting types \"String\" and \"Int\". Use different aliases on the fields to fetch both if this was intentional. (1:62, 1:97)",
            }));
}

TEST(overlapping_fields_can_be_merged, argument_order_and_object_field_order_do_not_matter) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ arguments {
  multipleRequirements(x: 1, y: 2) multipleRequirements(y: 2, x: 1)
  complexArgField(complexArg: {name: "a", owner: "b"}) complexArgField(complexArg: {owner: "b", name: "a"})
} })gql"),
            no_errors);
}

TEST(overlapping_fields_can_be_merged, values_compare_as_printed) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ arguments { stringArgField(stringArg: "a") stringArgField(stringArg: """a""") floatArgField(floatArg: 1.0) floatArgField(floatArg: 1.00) } })gql"),
            (std::vector<std::string>{
                "Fields \"stringArgField\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional. (1:15, 1:46)",
                "Fields \"floatArgField\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional. (1:81, 1:110)",
            }));
}

TEST(overlapping_fields_can_be_merged, subfield_conflicts_are_explained) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ dog { owner { a: name b: name } owner { a: name b: pets { name } } } human { x: name } human { x: pets { name } } })gql"),
            (std::vector<std::string>{
                "Fields \"human\" conflict because subfields \"x\" conflict because \"name\" and \"pets\" are different fields. Use different aliases on the fields to fetch both if this was intentional. (1:72, 1:80, 1:90, 1:98)",
                "Fields \"owner\" conflict because subfields \"b\" conflict because \"name\" and \"pets\" are different fields. Use different aliases on the fields to fetch both if this was intentional. (1:9, 1:25, 1:35, 1:51)",
            }));
}

TEST(overlapping_fields_can_be_merged, deep_subfield_conflicts_name_the_path) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ dog { owner { pets { ... on Dog { n: name } } } owner { pets { ... on Dog { n: nickname } } } } })gql"),
            (std::vector<std::string>{
                "Fields \"owner\" conflict because subfields \"pets\" conflict because subfields \"n\" conflict because \"name\" and \"nickname\" are different fields. Use different aliases on the fields to fetch both if this was intentional. (1:9, 1:17, 1:37, 1:51, 1:59, 1:79)",
            }));
}

TEST(overlapping_fields_can_be_merged, conflicts_between_fragments_and_fields) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ dog { x: barkVolume ...A } }
fragment A on Dog { x: nickname ...B }
fragment B on Dog { x: name })gql"),
            (std::vector<std::string>{
                "Fields \"x\" conflict because \"barkVolume\" and \"nickname\" are different fields. Use different aliases on the fields to fetch both if this was intentional. (1:9, 2:21)",
                "Fields \"x\" conflict because \"barkVolume\" and \"name\" are different fields. Use different aliases on the fields to fetch both if this was intentional. (1:9, 3:21)",
                "Fields \"x\" conflict because \"nickname\" and \"name\" are different fields. Use different aliases on the fields to fetch both if this was intentional. (2:21, 3:21)",
            }));
}

TEST(overlapping_fields_can_be_merged, conflicts_between_fragments) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ dog { ...A ...B } }
fragment A on Dog { x: name }
fragment B on Dog { x: nickname })gql"),
            (std::vector<std::string>{
                "Fields \"x\" conflict because \"name\" and \"nickname\" are different fields. Use different aliases on the fields to fetch both if this was intentional. (2:21, 3:21)",
            }));
}

TEST(overlapping_fields_can_be_merged, interfaces_are_not_mutually_exclusive) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ pet { ... on Dog { x: name } ... on Pet { x: name } } p: pet { ... on Dog { x: nickname } ... on Pet { x: name } } })gql"),
            (std::vector<std::string>{
                "Fields \"x\" conflict because \"nickname\" and \"name\" are different fields. Use different aliases on the fields to fetch both if this was intentional. (1:79, 1:106)",
            }));
}

TEST(overlapping_fields_can_be_merged, list_and_non_null_shapes) {
  EXPECT_EQ(validation_errors(star_wars_schema(), R"gql({ search(text: "x") {
  ... on Human { c: starships { id } } ... on Droid { c: homeworld { id } }
  ... on Starship { d: coordinates } ... on Planet { d: climates }
  ... on Human { e: name } ... on Droid { e: primaryFunction }
} })gql"),
            (std::vector<std::string>{
                "Fields \"c\" conflict because they return conflicting types \"[Starship!]!\" and \"Planet\". Use different aliases on the fields to fetch both if this was intentional. (2:18, 2:55)",
                "Fields \"d\" conflict because they return conflicting types \"[[Float!]!]\" and \"[String!]\". Use different aliases on the fields to fetch both if this was intentional. (3:21, 3:54)",
                "Fields \"e\" conflict because they return conflicting types \"String!\" and \"String\". Use different aliases on the fields to fetch both if this was intentional. (4:18, 4:43)",
            }));
}

TEST(overlapping_fields_can_be_merged, fragment_cycles_still_compare) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ dog { ...A } }
fragment A on Dog { x: name ...B }
fragment B on Dog { x: nickname ...A })gql"),
            (std::vector<std::string>{
                "Cannot spread fragment \"A\" within itself via \"B\". (2:29, 3:33)",
                "Fields \"x\" conflict because \"name\" and \"nickname\" are different fields. Use different aliases on the fields to fetch both if this was intentional. (2:21, 3:21)",
                "Fields \"x\" conflict because \"nickname\" and \"name\" are different fields. Use different aliases on the fields to fetch both if this was intentional. (3:21, 2:21)",
            }));
}

}  // namespace
}  // namespace streamhub::graphql::testing
