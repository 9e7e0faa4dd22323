// FieldsOnCorrectType.
// The spec's examples and our own cases, each expecting the errors
// (messages and locations) graphql-js 16.8.1 gives for it.

#include "protocol/graphql/validation/validate.hpp"

#include <gtest/gtest.h>

#include "tests/protocol/graphql/validation/validation_fixture.hpp"

namespace streamhub::graphql::testing {
namespace {

// Spec 5.3.1 counter-example.
TEST(fields_on_correct_type, spec_counter_example_undefined_fields) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(fragment fieldNotDefined on Dog { meowVolume }
fragment aliasedLyingFieldTargetNotDefined on Dog { barkVolume: kawVolume }
{ dog { ...fieldNotDefined ...aliasedLyingFieldTargetNotDefined } })gql"),
            (std::vector<std::string>{
                "Cannot query field \"meowVolume\" on type \"Dog\". Did you mean \"barkVolume\"? (1:35)",
                "Cannot query field \"kawVolume\" on type \"Dog\". Did you mean \"barkVolume\"? (2:53)",
            }));
}

// Spec 5.3.1 example.
TEST(fields_on_correct_type, spec_example_interface_field) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(fragment interfaceFieldSelection on Pet { name }
{ pet { ...interfaceFieldSelection } })gql"),
            no_errors);
}

// Spec 5.3.1 counter-example.
TEST(fields_on_correct_type, spec_counter_example_implementor_field_on_interface) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(fragment definedOnImplementorsButNotInterface on Pet { nickname }
{ pet { ...definedOnImplementorsButNotInterface } })gql"),
            (std::vector<std::string>{
                "Cannot query field \"nickname\" on type \"Pet\". Did you mean to use an inline fragment on \"Cat\" or \"Dog\"? (1:56)",
            }));
}

// Spec 5.3.1 example.
TEST(fields_on_correct_type, spec_example_union_typename_and_fragments) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(fragment inDirectFieldSelectionOnUnion on CatOrDog {
  __typename
  ... on Pet { name }
  ... on Dog { barkVolume }
}
{ catOrDog { ...inDirectFieldSelectionOnUnion } })gql"),
            no_errors);
}

// Spec 5.3.1 counter-example.
TEST(fields_on_correct_type, spec_counter_example_direct_fields_on_union) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(fragment directFieldSelectionOnUnion on CatOrDog { name barkVolume }
{ catOrDog { ...directFieldSelectionOnUnion } })gql"),
            (std::vector<std::string>{
                "Cannot query field \"name\" on type \"CatOrDog\". Did you mean to use an inline fragment on \"Pet\", \"Cat\", or \"Dog\"? (1:52)",
                "Cannot query field \"barkVolume\" on type \"CatOrDog\". Did you mean to use an inline fragment on \"Dog\"? (1:57)",
            }));
}

TEST(fields_on_correct_type, suggests_similar_field_names) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ dog { nme barkvolume } })gql"),
            (std::vector<std::string>{
                "Cannot query field \"nme\" on type \"Dog\". Did you mean \"name\"? (1:9)",
                "Cannot query field \"barkvolume\" on type \"Dog\". Did you mean \"barkVolume\"? (1:13)",
            }));
}

// graphql-js's order comes from V8's sort with its comparator; ours follows it.
TEST(fields_on_correct_type, suggests_types_for_inline_fragments_most_used_first) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ dogOrHuman { name } sentient { homePlanet } })gql"),
            (std::vector<std::string>{
                "Cannot query field \"name\" on type \"DogOrHuman\". Did you mean to use an inline fragment on \"Sentient\", \"Human\", \"Pet\", or \"Dog\"? (1:16)",
                "Cannot query field \"homePlanet\" on type \"Sentient\". Did you mean to use an inline fragment on \"Alien\"? (1:34)",
            }));
}

TEST(fields_on_correct_type, meta_fields_on_the_query_type_only) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ __typename __schema { queryType { name } } __type(name: "Dog") { name } dog { __schema { queryType { name } } } })gql"),
            (std::vector<std::string>{
                "Cannot query field \"__schema\" on type \"Dog\". (1:81)",
            }));
}

TEST(fields_on_correct_type, unknown_parent_type_is_not_checked) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ unknownField { a b } dog { unknown { x } } })gql"),
            (std::vector<std::string>{
                "Cannot query field \"unknownField\" on type \"Query\". (1:3)",
                "Cannot query field \"unknown\" on type \"Dog\". (1:30)",
            }));
}

}  // namespace
}  // namespace streamhub::graphql::testing
