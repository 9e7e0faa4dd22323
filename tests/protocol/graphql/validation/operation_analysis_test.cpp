#include "protocol/graphql/validation/operation_analysis.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <string>

#include "tests/protocol/graphql/validation/validation_fixture.hpp"

namespace streamhub::graphql::testing {
namespace {

std::shared_ptr<const document> parse_valid(const schema& s, std::string_view text) {
  auto doc = parse_executable(text);
  EXPECT_TRUE(doc.has_value());
  EXPECT_EQ(validate(s, **doc), std::vector<graphql_error>{}) << text;
  return *doc;
}

operation_analysis figures(const schema& s, std::string_view text, const int_variable_lookup& variables = {},
                           const analysis_options& options = {}) {
  const auto doc = parse_valid(s, text);
  auto result = analyze(s, *doc, "", variables, options);
  EXPECT_TRUE(result.has_value());
  return *result;
}

const schema& paged_schema() {
  static const auto s = build_or_die(R"(
    type Query { items(first: Int, last: Int): [Item!]! all: [Item] one: Item page(first: Int!): ItemConnection! }
    type Item { id: ID tags(first: Int = 4): [String] children(first: Int): [Item] friends: [Item] more(first: Int!): ItemConnection }
    type ItemConnection { edges: [ItemEdge!]! nodes: [Item!]! }
    type ItemEdge { node: Item! cursor: String! }
  )");
  return *s;
}

TEST(find_operation, picks_the_only_operation_or_the_named_one) {
  const auto doc = *parse_executable("query A { dog { name } } query B { dog { nickname } }");
  const auto a = find_operation(*doc, "A");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ((*a)->name.value, "A");
  EXPECT_EQ((*find_operation(*doc, "B"))->name.value, "B");

  const auto single = *parse_executable("fragment F on Dog { name } { dog { ...F } }");
  EXPECT_TRUE(find_operation(*single, "").has_value());
}

TEST(find_operation, explains_what_is_missing) {
  const auto two = *parse_executable("query A { dog { name } } query B { dog { name } }");
  EXPECT_EQ(find_operation(*two, "").errors().front().message,
            "Must provide operation name if query contains multiple operations.");
  EXPECT_EQ(find_operation(*two, "C").errors().front().message, "Unknown operation named \"C\".");
  const auto none = *parse_executable("fragment F on Dog { name }");
  EXPECT_EQ(find_operation(*none, "").errors().front().message, "Must provide an operation.");
  EXPECT_TRUE(find_operation(*two, "").errors().front().locations.empty());
}

TEST(operation_analysis, counts_depth_fields_and_aliases) {
  const auto f = figures(star_wars_schema(), R"({
    hero { name a: id friends { b: name } }
    c: human(id: 1) { name }
  })");
  EXPECT_EQ(f.depth, 3u);    // hero > friends > name
  EXPECT_EQ(f.fields, 7u);   // hero name id friends name human name
  EXPECT_EQ(f.aliases, 3u);  // a b c
}

TEST(operation_analysis, expands_fragments_each_time_they_are_spread) {
  const auto f = figures(star_wars_schema(), R"(
    { hero { ...F friends { ...F } } a: villain { ...F } }
    fragment F on Character { x: id ... on Human { homeworld { name } } }
  )");
  // F: 3 fields (id, homeworld, name), 1 alias, depth 2.
  EXPECT_EQ(f.fields, 3u + 3 * 3);  // hero friends villain, then F three times
  EXPECT_EQ(f.aliases, 1u + 3);
  EXPECT_EQ(f.depth, 4u);  // hero > friends > homeworld > name
}

TEST(operation_analysis, list_cost_multiplies_by_first_or_last) {
  // Each field costs 1; items(first: 5) costs 1 + 5 * (its selection).
  EXPECT_EQ(figures(paged_schema(), "{ items(first: 5) { id } }").cost, 1u + 5 * 1);
  EXPECT_EQ(figures(paged_schema(), "{ items(last: 7) { id } }").cost, 1u + 7 * 1);
  EXPECT_EQ(figures(paged_schema(), "{ items(first: 2, last: 3) { id } }").cost, 1u + 3 * 1);
  // Absent without a default: 1. With a default (tags: 4): the default.
  EXPECT_EQ(figures(paged_schema(), "{ items { id } }").cost, 1u + 1);
  EXPECT_EQ(figures(paged_schema(), "{ one { tags } }").cost, 1u + (1 + 4 * 0));
  // Nested lists multiply.
  EXPECT_EQ(figures(paged_schema(), "{ items(first: 10) { children(first: 3) { id } } }").cost,
            1u + 10 * (1 + 3 * 1));
  // A negative count is none.
  EXPECT_EQ(figures(paged_schema(), "{ items(first: -5) { id } }").cost, 1u);
}

TEST(operation_analysis, connections_multiply_by_their_page_once) {
  // page(first: 50): its edges and nodes are the 50 items, not 10 more each.
  EXPECT_EQ(figures(paged_schema(), "{ page(first: 50) { edges { node { id } cursor } } }").cost,
            1u + 50 * (1 + 1 * ((1 + 1) + 1)));
  EXPECT_EQ(figures(paged_schema(), "{ page(first: 50) { nodes { id } } }").cost, 1u + 50 * (1 + 1 * 1));
  // Nested connections multiply: 100 items of 100 each.
  EXPECT_EQ(figures(paged_schema(), "{ page(first: 100) { nodes { more(first: 100) { nodes { id } } } } }").cost,
            1u + 100 * (1 + 1 * (1 + 100 * (1 + 1 * 1))));
  // Also through fragments, spread inside and outside a page.
  EXPECT_EQ(figures(paged_schema(), "{ page(first: 5) { ...P } all { ...I } } fragment P on ItemConnection "
                                    "{ nodes { ...I } } fragment I on Item { id }")
                .cost,
            (1u + 5 * (1 + 1 * 1)) + (1u + 10 * 1));
  // A list inside a page's items is not the page: it takes the default.
  EXPECT_EQ(figures(paged_schema(), "{ page(first: 2) { nodes { friends { id } } } }").cost,
            1u + 2 * (1 + 1 * (1 + 10 * 1)));
}

TEST(operation_analysis, introspection_counts_as_depth_one_and_cost_one) {
  const auto f = figures(paged_schema(),
                         "{ all { id } __schema { t: types { fields { type { ofType { ofType { ofType { name } } } } } } } }");
  EXPECT_EQ(f.depth, 2u);                 // all { id }
  EXPECT_EQ(f.cost, (1u + 10 * 1) + 1);  // all, then __schema
  EXPECT_EQ(f.aliases, 1u);               // still counted inside
  EXPECT_EQ(f.fields, 2u + 8);
  EXPECT_EQ(figures(paged_schema(), "{ __type(name: \"Item\") { fields { type { ofType { name } } } } }").depth, 1u);
}

TEST(operation_analysis, lists_without_paging_arguments_use_the_default_size) {
  EXPECT_EQ(figures(paged_schema(), "{ all { id } }").cost, 1u + 10 * 1);
  analysis_options options;
  options.default_list_size = 3;
  EXPECT_EQ(figures(paged_schema(), "{ all { id } }", {}, options).cost, 1u + 3 * 1);
}

TEST(operation_analysis, star_wars_friends_use_their_schema_default) {
  // friends(first: Int = 10): hero 1 + (name 1 + outer friends).
  // outer friends(first: 3) = 1 + 3 * (name 1 + inner friends 1 + 10 * 1).
  const auto f = figures(star_wars_schema(), "{ hero { name friends(first: 3) { name friends { name } } } }");
  EXPECT_EQ(f.cost, 1u + 1 + (1 + 3 * (1 + (1 + 10 * 1))));
  EXPECT_EQ(f.depth, 4u);
  EXPECT_EQ(f.fields, 6u);
  EXPECT_FALSE(f.cost_uses_variables);
}

TEST(operation_analysis, variables_give_the_count_when_known) {
  const std::string_view text = "query ($n: Int = 5, $m: Int) { items(first: $n) { children(first: $m) { id } } }";
  // No values: $n's default, then $m has none and children has no default.
  const auto defaults = figures(paged_schema(), text);
  EXPECT_TRUE(defaults.cost_uses_variables);
  EXPECT_EQ(defaults.cost, 1u + 5 * (1 + 1 * 1));

  const auto given = figures(paged_schema(), text, [](std::string_view name) -> std::optional<std::int64_t> {
    if (name == "n") return 2;
    if (name == "m") return 50;
    return std::nullopt;
  });
  EXPECT_EQ(given.cost, 1u + 2 * (1 + 50 * 1));
}

TEST(operation_analysis, exponential_expansion_saturates_in_linear_time) {
  // Each fragment spreads the next twice: 2^80 fields once expanded.
  std::string text = "{ ...F0 }\n";
  for (int i = 0; i < 80; ++i) {
    text += "fragment F" + std::to_string(i) + " on Query { one { id } ...F" + std::to_string(i + 1) +
            " ... on Query { ...F" + std::to_string(i + 1) + " } }\n";
  }
  text += "fragment F80 on Query { one { id } }\n";
  const auto f = figures(paged_schema(), text);
  EXPECT_EQ(f.fields, std::numeric_limits<std::uint64_t>::max());
  EXPECT_EQ(f.cost, std::numeric_limits<std::uint64_t>::max());
  EXPECT_EQ(f.depth, 2u);
}

TEST(operation_analysis, analyses_the_named_operation) {
  const auto doc = parse_valid(paged_schema(), "query A { one { id } } query B { items(first: 4) { id } }");
  EXPECT_EQ(analyze(paged_schema(), *doc, "B")->cost, 1u + 4);
  EXPECT_EQ(analyze(paged_schema(), *doc, "A")->cost, 2u);
  EXPECT_FALSE(analyze(paged_schema(), *doc, "").has_value());
}

}  // namespace
}  // namespace streamhub::graphql::testing
