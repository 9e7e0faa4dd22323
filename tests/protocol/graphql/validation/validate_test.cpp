// validate() as a whole: a representative valid query, the order of errors
// across rules, and the bounds on hostile documents (error cap, nesting,
// work budget) with the errors they end validation with.

#include "protocol/graphql/validation/validate.hpp"

#include <gtest/gtest.h>

#include <string>

#include "tests/protocol/graphql/validation/validation_fixture.hpp"

namespace streamhub::graphql::testing {
namespace {

constexpr std::string_view hero_page = R"(
query HeroPage($episode: Episode = JEDI, $first: Int = 10, $withFriends: Boolean!, $filter: CharacterFilter) {
  hero(episode: $episode) {
    __typename
    ...CharacterFields
    friends(first: $first) @include(if: $withFriends) {
      ...CharacterFields
      ... on Droid { primaryFunction }
    }
  }
  characters(filter: $filter, first: 20) {
    totalCount
    edges { cursor node { id name appearsIn } }
    pageInfo { hasNextPage endCursor }
  }
  reviews(episode: $episode) { stars commentary createdAt }
}
fragment CharacterFields on Character { id name appearsIn homeworld { ...PlanetFields } }
fragment PlanetFields on Planet { name climates population }
)";

std::string repeat(std::string_view text, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += text;
  return out;
}

TEST(validate, representative_query_is_valid) {
  EXPECT_EQ(validation_errors(star_wars_schema(), hero_page), no_errors);
}

TEST(validate, introspection_query_shape_is_valid) {
  EXPECT_EQ(validation_errors(star_wars_schema(), R"({
    __schema {
      queryType { name } mutationType { name } subscriptionType { name }
      types { kind name description specifiedByURL
        fields(includeDeprecated: true) { name args(includeDeprecated: true) { name defaultValue } type { kind name ofType { kind name } } isDeprecated deprecationReason }
        inputFields { name } interfaces { name } enumValues(includeDeprecated: true) { name } possibleTypes { name } }
      directives { name isRepeatable locations args { name } }
    }
  })"),
            no_errors);
}

// graphql-js visits the tree once with all rules in parallel: errors come
// in document order, rules in their specified order at each node, and the
// operation-level variable rules when leaving the operation.
TEST(validate, errors_follow_graphql_js_order) {
  EXPECT_EQ(validation_errors(pets_schema(), "query Q($u: Int) { dog { nope(x: 1) name @unknown } }"),
            (std::vector<std::string>{
                "Cannot query field \"nope\" on type \"Dog\". Did you mean \"name\"? (1:26)",
                "Unknown directive \"@unknown\". (1:42)",
                "Variable \"$u\" is never used in operation \"Q\". (1:9)",
            }));
}

TEST(validate, columns_count_utf16_units_on_long_lines) {
  // "é" is two bytes and one UTF-16 unit; "😀" four bytes and two units,
  // so the second argument is at column 24 (byte 26).
  EXPECT_EQ(validation_errors(pets_schema(), "{ dog { name(a: \"é😀\", a: 1) } }"),
            (std::vector<std::string>{
                "There can be only one argument named \"a\". (1:14, 1:24)",
                "Unknown argument \"a\" on field \"Dog.name\". (1:14)",
                "Unknown argument \"a\" on field \"Dog.name\". (1:24)",
            }));
}

TEST(validate, stops_after_max_errors_with_graphql_js_message) {
  std::string doc = "{ dog { ";
  for (int i = 0; i < 150; ++i) doc += "f" + std::to_string(i) + " ";
  doc += "} }";
  const auto errors = validation_errors(pets_schema(), doc);
  ASSERT_EQ(errors.size(), 101u);
  EXPECT_EQ(errors[99], "Cannot query field \"f99\" on type \"Dog\". (1:" + std::to_string(9 + 99 * 4 - 10) + ")");
  EXPECT_EQ(errors.back(), "Too many validation errors, error limit reached. Validation aborted. ()");

  validation_options options;
  options.max_errors = 2;
  const auto few = validation_errors(pets_schema(), doc, options);
  ASSERT_EQ(few.size(), 3u);
  EXPECT_EQ(few.back(), "Too many validation errors, error limit reached. Validation aborted. ()");
}

TEST(validate, rejects_fragment_chains_deeper_than_max_nesting) {
  std::string doc = "{ dog { ...F0 } }\n";
  for (int i = 0; i < 300; ++i) {
    doc += "fragment F" + std::to_string(i) + " on Dog { ...F" + std::to_string(i + 1) + " }\n";
  }
  doc += "fragment F300 on Dog { name }\n";
  EXPECT_EQ(validation_errors(pets_schema(), doc),
            (std::vector<std::string>{"Fragment spreads nest deeper than the limit of 256. ()"}));

  validation_options options;
  options.max_nesting = 400;
  EXPECT_EQ(validation_errors(pets_schema(), doc, options), no_errors);
}

TEST(validate, nesting_counts_selection_sets_and_spreads) {
  // { dog { ...F } } with F { owner { name } }: dog's set (1), its
  // selection set (2), F's set (3), owner's set (4).
  const std::string doc = "{ dog { ...F } } fragment F on Dog { owner { name } }";
  validation_options options;
  options.max_nesting = 4;
  EXPECT_EQ(validation_errors(pets_schema(), doc, options), no_errors);
  options.max_nesting = 3;
  EXPECT_EQ(validation_errors(pets_schema(), doc, options),
            (std::vector<std::string>{"Fragment spreads nest deeper than the limit of 3. ()"}));
}

TEST(validate, ends_as_too_complex_when_the_work_budget_runs_out) {
  // 3000 selections of one field: 4.5 million pairs to compare.
  const std::string doc = "{ dog { " + repeat("name ", 3000) + "} }";
  EXPECT_EQ(validation_errors(pets_schema(), doc),
            (std::vector<std::string>{"The document is too complex to validate. Validation aborted. ()"}));

  validation_options options;
  options.max_work = 3;
  EXPECT_EQ(validation_errors(pets_schema(), "{ dog { name name name } }", options),
            (std::vector<std::string>{"The document is too complex to validate. Validation aborted. ()"}));
  options.max_work = 4;
  EXPECT_EQ(validation_errors(pets_schema(), "{ dog { name name name } }", options), no_errors);
}

TEST(validate, many_fragments_spread_by_many_operations_are_bounded) {
  // Every operation references every fragment through F0: quadratic for an
  // unbounded implementation.
  std::string doc = "fragment F0 on Query { ";
  std::string fragments;
  for (int i = 1; i <= 2000; ++i) {
    doc += "...F" + std::to_string(i) + " ";
    fragments += "fragment F" + std::to_string(i) + " on Query { __typename }\n";
  }
  doc += "}\n" + fragments;
  for (int i = 0; i < 2000; ++i) doc += "query Q" + std::to_string(i) + " { ...F0 }\n";
  EXPECT_EQ(validation_errors(pets_schema(), doc),
            (std::vector<std::string>{"The document is too complex to validate. Validation aborted. ()"}));
}

TEST(validate, many_fragments_in_one_selection_set_are_bounded) {
  std::string doc = "{ dog { ";
  std::string fragments;
  for (int i = 0; i < 2000; ++i) {
    doc += "...F" + std::to_string(i) + " ";
    fragments += "fragment F" + std::to_string(i) + " on Dog { name }\n";
  }
  doc += "} }\n" + fragments;
  EXPECT_EQ(validation_errors(pets_schema(), doc),
            (std::vector<std::string>{"The document is too complex to validate. Validation aborted. ()"}));
}

TEST(validate, a_long_fragment_cycle_is_reported_without_deep_recursion) {
  std::string doc = "{ dog { ...F0 } }\n";
  const int n = 100;
  for (int i = 0; i < n; ++i) {
    doc += "fragment F" + std::to_string(i) + " on Dog { ...F" + std::to_string((i + 1) % n) + " }\n";
  }
  const auto errors = validation_errors(pets_schema(), doc);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_TRUE(errors[0].starts_with("Cannot spread fragment \"F0\" within itself via \"F1\", \"F2\","))
      << errors[0];
}

TEST(validate, thousands_of_repeated_arguments_make_one_error) {
  const std::string doc = "{ dog { name(" + repeat("a: 1, ", 5000) + ") } }";
  const auto errors = validation_errors(pets_schema(), doc);
  ASSERT_EQ(errors.size(), 101u);  // the repeat, then "Unknown argument" for each use
  EXPECT_TRUE(errors[0].starts_with("There can be only one argument named \"a\". (1:14, 1:20, 1:26,"));
}

TEST(validate, type_system_definitions_only_are_reported_once_each) {
  EXPECT_EQ(validation_errors(pets_schema(), "type A { a: Int } scalar B"),
            (std::vector<std::string>{
                "The \"A\" definition is not executable. (1:1)",
                "The \"B\" definition is not executable. (1:19)",
            }));
}

TEST(validate, types_defined_in_the_document_are_known) {
  EXPECT_EQ(validation_errors(pets_schema(), "scalar Foo query ($x: Foo, $y: Fo) { dog { name } }"),
            (std::vector<std::string>{
                "The \"Foo\" definition is not executable. (1:1)",
                "Unknown type \"Fo\". Did you mean \"Foo\"? (1:32)",
                "Variable \"$x\" is never used. (1:19)",
                "Variable \"$y\" is never used. (1:28)",
            }));
}

}  // namespace
}  // namespace streamhub::graphql::testing
