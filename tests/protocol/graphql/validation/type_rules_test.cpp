// KnownTypeNames, FragmentsOnCompositeTypes, VariablesAreInputTypes.
// The spec's examples and our own cases, each expecting the errors
// (messages and locations) graphql-js 16.8.1 gives for it.

#include "protocol/graphql/validation/validate.hpp"

#include <gtest/gtest.h>

#include "tests/protocol/graphql/validation/validation_fixture.hpp"

namespace streamhub::graphql::testing {
namespace {

// Spec 5.5.1.2 counter-example (Fragment Spread Type Existence).
TEST(known_type_names, spec_counter_example_unknown_type_conditions) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(fragment notOnExistingType on NotInSchema { name }
fragment inlineNotExistingType on Dog { ... on NotInSchema { name } }
{ dog { ...notOnExistingType ...inlineNotExistingType } })gql"),
            (std::vector<std::string>{
                "Unknown type \"NotInSchema\". Did you mean \"__Schema\"? (1:31)",
                "Unknown type \"NotInSchema\". Did you mean \"__Schema\"? (2:48)",
            }));
}

// Spec 5.5.1.2 example.
TEST(known_type_names, spec_example_known_type_conditions) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(fragment correctType on Dog { name }
fragment inlineFragment on Dog { ... on Dog { name } }
fragment inlineFragment2 on Dog { ... @include(if: true) { name } }
{ dog { ...correctType ...inlineFragment ...inlineFragment2 } })gql"),
            no_errors);
}

TEST(known_type_names, variable_types_with_suggestions) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(query ($x: Unknown, $y: [Dgo!], $z: Strin) { dog { name } })gql"),
            (std::vector<std::string>{
                "Unknown type \"Unknown\". (1:12)",
                "Unknown type \"Dgo\". Did you mean \"Dog\"? (1:26)",
                "Unknown type \"Strin\". Did you mean \"String\"? (1:37)",
                "Variable \"$x\" is never used. (1:8)",
                "Variable \"$y\" is never used. (1:21)",
                "Variable \"$z\" is never used. (1:33)",
            }));
}

TEST(known_type_names, builtin_scalar_missing_from_the_schema_is_unknown) {
  EXPECT_EQ(validation_errors(field_schema(), R"gql(query ($x: [Float]) { dog { name } })gql"),
            (std::vector<std::string>{
                "Unknown type \"Float\". (1:13)",
                "Cannot query field \"dog\" on type \"Query\". (1:23)",
                "Variable \"$x\" is never used. (1:8)",
            }));
}

// Spec 5.5.1.3 example.
TEST(fragments_on_composite_types, spec_example_composite_conditions) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(fragment fragOnObject on Dog { name }
fragment fragOnInterface on Pet { name }
fragment fragOnUnion on CatOrDog { ... on Dog { name } }
{ dog { ...fragOnObject ...fragOnInterface ...fragOnUnion } })gql"),
            no_errors);
}

// Spec 5.5.1.3 counter-example.
TEST(fragments_on_composite_types, spec_counter_example_scalar_conditions) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(fragment fragOnScalar on Int { something }
fragment inlineFragOnScalar on Dog { ... on Boolean { somethingElse } }
{ dog { ...fragOnScalar ...inlineFragOnScalar } })gql"),
            (std::vector<std::string>{
                "Fragment \"fragOnScalar\" cannot condition on non composite type \"Int\". (1:26)",
                "Fragment cannot condition on non composite type \"Boolean\". (2:45)",
            }));
}

TEST(fragments_on_composite_types, input_object_and_enum_conditions) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(fragment onInput on ComplexInput { name }
{ dog { ...onInput ... on DogCommand { name } } })gql"),
            (std::vector<std::string>{
                "Fragment \"onInput\" cannot condition on non composite type \"ComplexInput\". (1:21)",
                "Fragment cannot condition on non composite type \"DogCommand\". (2:27)",
            }));
}

// Spec 5.8.2 example.
TEST(variables_are_input_types, spec_example_input_types) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(query takesBoolean($atOtherHomes: Boolean) { dog { isHouseTrained(atOtherHomes: $atOtherHomes) } }
query takesComplexInput($complexInput: ComplexInput) { findDog(complex: $complexInput) { name } }
query TakesListOfBooleanBang($booleans: [Boolean!]) { booleanList(booleanListArg: $booleans) })gql"),
            no_errors);
}

// Spec 5.8.2 counter-example (with selections, which the spec elides).
TEST(variables_are_input_types, spec_counter_example_output_types) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(query takesCat($cat: Cat) { dog { name } }
query takesDogBang($dog: Dog!) { dog { name } }
query takesListOfPet($pets: [Pet]) { dog { name } }
query takesCatOrDog($catOrDog: CatOrDog) { dog { name } })gql"),
            (std::vector<std::string>{
                "Variable \"$cat\" cannot be non-input type \"Cat\". (1:22)",
                "Variable \"$cat\" is never used in operation \"takesCat\". (1:16)",
                "Variable \"$dog\" cannot be non-input type \"Dog!\". (2:26)",
                "Variable \"$dog\" is never used in operation \"takesDogBang\". (2:20)",
                "Variable \"$pets\" cannot be non-input type \"[Pet]\". (3:29)",
                "Variable \"$pets\" is never used in operation \"takesListOfPet\". (3:22)",
                "Variable \"$catOrDog\" cannot be non-input type \"CatOrDog\". (4:32)",
                "Variable \"$catOrDog\" is never used in operation \"takesCatOrDog\". (4:21)",
            }));
}

}  // namespace
}  // namespace streamhub::graphql::testing
