// NoFragmentCycles.
// The spec's examples and our own cases, each expecting the errors
// (messages and locations) graphql-js 16.8.1 gives for it.

#include "protocol/graphql/validation/validate.hpp"

#include <gtest/gtest.h>

#include "tests/protocol/graphql/validation/validation_fixture.hpp"

namespace streamhub::graphql::testing {
namespace {

// Spec 5.5.2.2 counter-example.
TEST(no_fragment_cycles, spec_counter_example_infinite_spread) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ dog { ...nameFragment } }
fragment nameFragment on Dog { name ...barkVolumeFragment }
fragment barkVolumeFragment on Dog { barkVolume ...nameFragment })gql"),
            (std::vector<std::string>{
                "Cannot spread fragment \"nameFragment\" within itself via \"barkVolumeFragment\". (2:37, 3:49)",
            }));
}

// Spec 5.5.2.2 counter-example.
TEST(no_fragment_cycles, spec_counter_example_cycle_through_fields) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ dog { ...dogFragment } }
fragment dogFragment on Dog { name owner { ...ownerFragment } }
fragment ownerFragment on Human { name pets { ...dogFragment } })gql"),
            (std::vector<std::string>{
                "Cannot spread fragment \"dogFragment\" within itself via \"ownerFragment\". (2:44, 3:47)",
            }));
}

TEST(no_fragment_cycles, spreading_itself) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ dog { ...A } }
fragment A on Dog { name ...A ...A })gql"),
            (std::vector<std::string>{
                "Cannot spread fragment \"A\" within itself. (2:26)",
                "Cannot spread fragment \"A\" within itself. (2:31)",
            }));
}

TEST(no_fragment_cycles, reports_each_cycle_with_its_path) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ dog { ...A } }
fragment A on Dog { ...B ...C }
fragment B on Dog { ...A ...C }
fragment C on Dog { ...A ...B ...D }
fragment D on Dog { name ...B })gql"),
            (std::vector<std::string>{
                "Cannot spread fragment \"A\" within itself via \"B\". (2:21, 3:21)",
                "Cannot spread fragment \"A\" within itself via \"B\", \"C\". (2:21, 3:26, 4:21)",
                "Cannot spread fragment \"B\" within itself via \"C\". (3:26, 4:26)",
                "Cannot spread fragment \"B\" within itself via \"C\", \"D\". (3:26, 4:31, 5:26)",
            }));
}

TEST(no_fragment_cycles, spreads_are_followed_in_graphql_js_order) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ dog { ...A } }
fragment A on Dog { owner { ...B } }
fragment B on Human { pets { ...A ... on Dog { ...C } } }
fragment C on Dog { owner { ...B } })gql"),
            (std::vector<std::string>{
                "Cannot spread fragment \"A\" within itself via \"B\". (2:29, 3:30)",
                "Cannot spread fragment \"B\" within itself via \"C\". (3:48, 4:29)",
            }));
}

TEST(no_fragment_cycles, repeated_fragment_names_are_followed_by_name) {
  EXPECT_EQ(validation_errors(star_wars_schema(), R"gql({ hero { ...F } }
fragment F on Character { ...G }
fragment G on Character { ...F }
fragment F on Character { name })gql"),
            (std::vector<std::string>{
                "Cannot spread fragment \"F\" within itself via \"G\". (2:27, 3:27)",
                "There can be only one fragment named \"F\". (2:10, 4:10)",
                "Fragment \"G\" is never used. (3:1)",
            }));
}

TEST(no_fragment_cycles, acyclic_diamond_is_valid) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ dog { ...A } }
fragment A on Dog { ...B ...C }
fragment B on Dog { ...D }
fragment C on Dog { ...D }
fragment D on Dog { name })gql"),
            no_errors);
}

}  // namespace
}  // namespace streamhub::graphql::testing
