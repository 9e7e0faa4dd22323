// ScalarLeafs.
// The spec's examples and our own cases, each expecting the errors
// (messages and locations) graphql-js 16.8.1 gives for it.

#include "protocol/graphql/validation/validate.hpp"

#include <gtest/gtest.h>

#include "tests/protocol/graphql/validation/validation_fixture.hpp"

namespace streamhub::graphql::testing {
namespace {

// Spec 5.3.3 example.
TEST(scalar_leafs, spec_example_scalar_without_selection) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(fragment scalarSelection on Dog { barkVolume }
{ dog { ...scalarSelection } })gql"),
            no_errors);
}

// Spec 5.3.3 counter-example; located at the "{".
TEST(scalar_leafs, spec_counter_example_selection_on_scalar) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(fragment scalarSelectionsNotAllowedOnInt on Dog {
  barkVolume {
    sinceWhen
  }
}
{ dog { ...scalarSelectionsNotAllowedOnInt } })gql"),
            (std::vector<std::string>{
                "Field \"barkVolume\" must not have a selection since type \"Int\" has no subfields. (2:14)",
            }));
}

// Spec 5.3.3 counter-examples.
TEST(scalar_leafs, spec_counter_example_composites_without_selection) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(query directQueryOnObjectWithoutSubFields { human }
query directQueryOnInterfaceWithoutSubFields { pet }
query directQueryOnUnionWithoutSubFields { catOrDog })gql"),
            (std::vector<std::string>{
                "Field \"human\" of type \"Human\" must have a selection of subfields. Did you mean \"human { ... }\"? (1:45)",
                "Field \"pet\" of type \"Pet\" must have a selection of subfields. Did you mean \"pet { ... }\"? (2:48)",
                "Field \"catOrDog\" of type \"CatOrDog\" must have a selection of subfields. Did you mean \"catOrDog { ... }\"? (3:44)",
            }));
}

TEST(scalar_leafs, selection_set_located_after_arguments_directives_and_comments) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ dog { barkVolume(x: 1) @include(if: true) # not { this
  { a } } })gql"),
            (std::vector<std::string>{
                "Field \"barkVolume\" must not have a selection since type \"Int\" has no subfields. (2:3)",
                "Unknown argument \"x\" on field \"Dog.barkVolume\". (1:20)",
            }));
}

TEST(scalar_leafs, wrapped_types_are_named_in_full) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ human { pets } arguments { booleanListArgField(booleanListArg: []) { x } } })gql"),
            (std::vector<std::string>{
                "Field \"pets\" of type \"[Pet!]\" must have a selection of subfields. Did you mean \"pets { ... }\"? (1:11)",
                "Field \"booleanListArgField\" must not have a selection since type \"[Boolean]\" has no subfields. (1:70)",
            }));
}

TEST(scalar_leafs, enum_leaf_with_selection) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ arguments { enumArgField { x } } })gql"),
            (std::vector<std::string>{
                "Field \"enumArgField\" must not have a selection since type \"DogCommand\" has no subfields. (1:28)",
            }));
}

}  // namespace
}  // namespace streamhub::graphql::testing
