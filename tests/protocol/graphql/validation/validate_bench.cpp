// Validation speed on a representative client query (about 20 fields, two
// fragments, variables) against the sample schema; the analysis; and the
// document cache's hit path (parse + validate + analyze skipped), alone and
// from several threads at once.
//
//   build/tests/protocol/graphql/validation/graphql_validate_bench

#include <benchmark/benchmark.h>

#include "protocol/graphql/parser.hpp"
#include "protocol/graphql/schema_builder.hpp"
#include "protocol/graphql/validation/document_cache.hpp"
#include "protocol/graphql/validation/operation_analysis.hpp"
#include "protocol/graphql/validation/validate.hpp"
#include "tests/protocol/graphql/fixture.hpp"

namespace streamhub::graphql {
namespace {

constexpr std::string_view query = R"(
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
    edges {
      cursor
      node { id name appearsIn }
    }
    pageInfo { hasNextPage endCursor }
  }
  reviews(episode: $episode) { stars commentary createdAt }
}

fragment CharacterFields on Character {
  id
  name
  appearsIn
  homeworld { ...PlanetFields }
}

fragment PlanetFields on Planet {
  name
  climates
  population
}
)";

const std::shared_ptr<const schema>& sample_schema() {
  static const auto s = *build_schema(testing::read_fixture("star_wars.graphql"));
  return s;
}

void BM_Validate(benchmark::State& state) {
  const auto doc = *parse_executable(query);
  for (auto _ : state) {
    auto errors = validate(*sample_schema(), *doc);
    benchmark::DoNotOptimize(errors);
  }
}
BENCHMARK(BM_Validate);

void BM_ParseAndValidate(benchmark::State& state) {
  for (auto _ : state) {
    auto doc = parse_executable(query);
    auto errors = validate(*sample_schema(), **doc);
    benchmark::DoNotOptimize(errors);
  }
}
BENCHMARK(BM_ParseAndValidate);

void BM_Analyze(benchmark::State& state) {
  const auto doc = *parse_executable(query);
  for (auto _ : state) {
    auto figures = analyze(*sample_schema(), *doc, "HeroPage");
    benchmark::DoNotOptimize(figures);
  }
}
BENCHMARK(BM_Analyze);

// The path a repeated request takes: hash the text, look it up, select the
// operation.
void BM_CacheHit(benchmark::State& state) {
  static document_cache cache;
  const std::string text(query);
  cache.get(sample_schema(), text);
  for (auto _ : state) {
    auto doc = cache.get(sample_schema(), text);
    auto op = doc->select("HeroPage");
    benchmark::DoNotOptimize(op);
  }
}
BENCHMARK(BM_CacheHit)->Threads(1)->Threads(2)->Threads(4);

}  // namespace
}  // namespace streamhub::graphql

BENCHMARK_MAIN();
