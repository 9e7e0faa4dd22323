// ExecutableDefinitions, UniqueOperationNames, LoneAnonymousOperation.
// The spec's examples and our own cases, each expecting the errors
// (messages and locations) graphql-js 16.8.1 gives for it.

#include "protocol/graphql/validation/validate.hpp"

#include <gtest/gtest.h>

#include "tests/protocol/graphql/validation/validation_fixture.hpp"

namespace streamhub::graphql::testing {
namespace {

// Spec 5.1.1 counter-example.
TEST(executable_definitions, spec_counter_example_type_extension) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(query getDogName {
  dog {
    name
    color
  }
}

extend type Dog {
  color: String
})gql"),
            (std::vector<std::string>{
                "The \"Dog\" definition is not executable. (8:1)",
                "Cannot query field \"color\" on type \"Dog\". (4:5)",
            }));
}

TEST(executable_definitions, accepts_operations_and_fragments) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(query Q { dog { ...F } }
fragment F on Dog { name })gql"),
            no_errors);
}

// Deviation: graphql-js also reports the unknown directive @foo.
TEST(executable_definitions, only_this_rule_looks_inside_type_definitions) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ dog { name } } extend schema @foo)gql"),
            (std::vector<std::string>{
                "The schema definition is not executable. (1:18)",
            }));
}

TEST(executable_definitions, names_each_kind_of_definition) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ dog { name } }
schema { query: Query }
scalar Date
"Described" type Foo { a: Int }
directive @d on FIELD
extend schema { mutation: Mutation })gql"),
            (std::vector<std::string>{
                "The schema definition is not executable. (2:1)",
                "The \"Date\" definition is not executable. (3:1)",
                "The \"Foo\" definition is not executable. (4:1)",
                "The \"d\" definition is not executable. (5:1)",
                "The schema definition is not executable. (6:1)",
            }));
}

// Spec 5.2.1.1 example.
TEST(unique_operation_names, spec_example_distinct_names) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(query getDogName { dog { name } }
query getOwnerName { dog { owner { name } } })gql"),
            no_errors);
}

// Spec 5.2.1.1 counter-example.
TEST(unique_operation_names, spec_counter_example_same_name) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(query getName { dog { name } }
query getName { dog { owner { name } } })gql"),
            (std::vector<std::string>{
                "There can be only one operation named \"getName\". (1:7, 2:7)",
            }));
}

// Spec 5.2.1.1: invalid even if the operation types differ.
TEST(unique_operation_names, spec_counter_example_different_operation_types) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(query dogOperation { dog { name } }
mutation dogOperation { mutateDog { name } })gql"),
            (std::vector<std::string>{
                "There can be only one operation named \"dogOperation\". (1:7, 2:10)",
            }));
}

TEST(unique_operation_names, reports_each_repeat_against_the_first) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(query A { dog { name } }
query A { dog { name } }
query A { dog { name } })gql"),
            (std::vector<std::string>{
                "There can be only one operation named \"A\". (1:7, 2:7)",
                "There can be only one operation named \"A\". (1:7, 3:7)",
            }));
}

// Spec 5.2.2.1 example.
TEST(lone_anonymous_operation, spec_example_single_shorthand) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ dog { name } })gql"),
            no_errors);
}

// Spec 5.2.2.1 counter-example.
TEST(lone_anonymous_operation, spec_counter_example_with_named_operation) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ dog { name } }
query getName { dog { owner { name } } })gql"),
            (std::vector<std::string>{
                "This anonymous operation must be the only defined operation. (1:1)",
            }));
}

TEST(lone_anonymous_operation, fragments_do_not_count_as_operations) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ dog { ...F } }
fragment F on Dog { name })gql"),
            no_errors);
}

TEST(lone_anonymous_operation, reports_every_anonymous_operation) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ dog { name } }
{ dog { nickname } })gql"),
            (std::vector<std::string>{
                "This anonymous operation must be the only defined operation. (1:1)",
                "This anonymous operation must be the only defined operation. (2:1)",
            }));
}

}  // namespace
}  // namespace streamhub::graphql::testing
