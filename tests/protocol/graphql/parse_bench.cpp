// Parsing speed: a representative client query (about 20 fields, two
// fragments, variables) and the sample SDL, plus building its schema.
//
//   build/tests/protocol/graphql/graphql_parse_bench

#include <benchmark/benchmark.h>

#include "protocol/graphql/parser.hpp"
#include "protocol/graphql/schema_builder.hpp"
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

void BM_ParseQuery(benchmark::State& state) {
  for (auto _ : state) {
    auto doc = parse_executable(query);
    benchmark::DoNotOptimize(doc);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * query.size()));
}
BENCHMARK(BM_ParseQuery);

void BM_ParseSdl(benchmark::State& state) {
  const std::string sdl = testing::read_fixture("star_wars.graphql");
  for (auto _ : state) {
    auto doc = parse_sdl(sdl);
    benchmark::DoNotOptimize(doc);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * sdl.size()));
}
BENCHMARK(BM_ParseSdl);

void BM_BuildSchema(benchmark::State& state) {
  const std::string sdl = testing::read_fixture("star_wars.graphql");
  for (auto _ : state) {
    auto schema = build_schema(sdl);
    benchmark::DoNotOptimize(schema);
  }
}
BENCHMARK(BM_BuildSchema);

}  // namespace
}  // namespace streamhub::graphql

BENCHMARK_MAIN();
