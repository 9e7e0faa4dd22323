// UniqueFragmentNames, KnownFragmentNames, NoUnusedFragments, PossibleFragmentSpreads.
// The spec's examples and our own cases, each expecting the errors
// (messages and locations) graphql-js 16.8.1 gives for it.

#include "protocol/graphql/validation/validate.hpp"

#include <gtest/gtest.h>

#include "tests/protocol/graphql/validation/validation_fixture.hpp"

namespace streamhub::graphql::testing {
namespace {

// Spec 5.5.1.1 example.
TEST(unique_fragment_names, spec_example_distinct_fragments) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ dog { ...fragmentOne ...fragmentTwo } }
fragment fragmentOne on Dog { name }
fragment fragmentTwo on Dog { owner { name } })gql"),
            no_errors);
}

// Spec 5.5.1.1 counter-example.
TEST(unique_fragment_names, spec_counter_example_repeated_fragment) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ dog { ...fragmentOne } }
fragment fragmentOne on Dog { name }
fragment fragmentOne on Dog { owner { name } })gql"),
            (std::vector<std::string>{
                "There can be only one fragment named \"fragmentOne\". (2:10, 3:10)",
            }));
}

// Spec 5.5.2.1 counter-example; located at the name.
TEST(known_fragment_names, spec_counter_example_undefined_fragment) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({
  dog {
    ...undefinedFragment
  }
})gql"),
            (std::vector<std::string>{
                "Unknown fragment \"undefinedFragment\". (3:8)",
            }));
}

// Spec 5.5.1.4 counter-example.
TEST(no_unused_fragments, spec_counter_example_unused_fragment) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(fragment nameFragment on Dog { # unused
  name
}

{
  dog {
    name
  }
})gql"),
            (std::vector<std::string>{
                "Fragment \"nameFragment\" is never used. (1:1)",
            }));
}

TEST(no_unused_fragments, used_through_other_fragments_and_operations) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(query Q { ...F }
query R { dog { ...G } }
fragment F on Query { dog { name } }
fragment G on Dog { name }
fragment H on Dog { name }
fragment I on Dog { ...H })gql"),
            (std::vector<std::string>{
                "Fragment \"H\" is never used. (5:1)",
                "Fragment \"I\" is never used. (6:1)",
            }));
}

// Spec 5.5.2.3.1 example and counter-example.
TEST(possible_fragment_spreads, spec_object_spreads_in_object_scope) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(fragment dogFragment on Dog { ... on Dog { barkVolume } }
fragment catInDogFragmentInvalid on Dog { ... on Cat { meowVolume } }
{ dog { ...dogFragment ...catInDogFragmentInvalid } })gql"),
            (std::vector<std::string>{
                "Fragment cannot be spread here as objects of type \"Dog\" can never be of type \"Cat\". (2:43)",
            }));
}

// Spec 5.5.2.3.2 examples.
TEST(possible_fragment_spreads, spec_abstract_spreads_in_object_scope) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(fragment petNameFragment on Pet { name }
fragment interfaceWithinObjectFragment on Dog { ...petNameFragment }
fragment catOrDogNameFragment on CatOrDog { ... on Cat { meowVolume } }
fragment unionWithObjectFragment on Dog { ...catOrDogNameFragment }
{ dog { ...interfaceWithinObjectFragment ...unionWithObjectFragment } })gql"),
            no_errors);
}

// Spec 5.5.2.3.3 examples and counter-examples.
TEST(possible_fragment_spreads, spec_object_spreads_in_abstract_scope) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(fragment petFragment on Pet { name ... on Dog { barkVolume } }
fragment catOrDogFragment on CatOrDog { ... on Cat { meowVolume } }
fragment sentientFragment on Sentient { ... on Dog { barkVolume } }
fragment humanOrAlienFragment on HumanOrAlien { ... on Cat { meowVolume } }
{ pet { ...petFragment } catOrDog { ...catOrDogFragment } sentient { ...sentientFragment } humanOrAlien { ...humanOrAlienFragment } })gql"),
            (std::vector<std::string>{
                "Fragment cannot be spread here as objects of type \"Sentient\" can never be of type \"Dog\". (3:41)",
                "Fragment cannot be spread here as objects of type \"HumanOrAlien\" can never be of type \"Cat\". (4:49)",
            }));
}

// Spec 5.5.2.3.4 example and counter-example.
TEST(possible_fragment_spreads, spec_abstract_spreads_in_abstract_scope) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(fragment unionWithInterface on Pet { ...dogOrHumanFragment }
fragment dogOrHumanFragment on DogOrHuman { ... on Dog { barkVolume } }
fragment nonIntersectingInterfaces on Pet { ...sentientFragment }
fragment sentientFragment on Sentient { name }
{ pet { ...unionWithInterface ...nonIntersectingInterfaces } })gql"),
            (std::vector<std::string>{
                "Fragment \"sentientFragment\" cannot be spread here as objects of type \"Pet\" can never be of type \"Sentient\". (3:45)",
            }));
}

// Spec 5.5.2.3.4: an interface spread in an interface it implements.
TEST(possible_fragment_spreads, spec_interface_spread_in_implemented_interface_scope) {
  EXPECT_EQ(validation_errors(star_wars_schema(), R"gql({ hero { ...nodeFields } }
fragment nodeFields on Node { ...characterFields }
fragment characterFields on Character { name })gql"),
            no_errors);
}

TEST(possible_fragment_spreads, unknown_and_non_composite_fragments_are_left_to_other_rules) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ dog { ...Missing ...OnScalar ... on Boolean { x } } }
fragment OnScalar on Int { x })gql"),
            (std::vector<std::string>{
                "Unknown fragment \"Missing\". (1:12)",
                "Fragment cannot condition on non composite type \"Boolean\". (1:39)",
                "Fragment \"OnScalar\" cannot condition on non composite type \"Int\". (2:22)",
            }));
}

}  // namespace
}  // namespace streamhub::graphql::testing
