// Execution speed on the sample schema: the representative client query
// (about 20 fields, two fragments, variables; the one parse_bench parses)
// over in-memory property objects, with resolvers on the root fields and
// on friends, the rest read by the default resolver.
//
//   BM_ParseValidateExecute  parse + validate + prepare + coerce variables
//                         + execute (a document seen for the first time)
//   BM_CachedExecute    a prepared operation: coerce variables + execute
//   BM_SubscriptionEvent  one event of a prepared subscription
//
//   build/tests/protocol/graphql/execution/graphql_execute_bench

#include <benchmark/benchmark.h>

#include "protocol/graphql/execution/execute.hpp"
#include "protocol/graphql/execution/subscription.hpp"
#include "protocol/graphql/parser.hpp"
#include "protocol/graphql/schema_builder.hpp"
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

constexpr std::string_view variables =
    R"({"episode":"EMPIRE","withFriends":true,"filter":{"faction":"REBELLION"}})";

constexpr std::string_view subscription =
    "subscription ($e: Episode) { reviewAdded(episode: $e) { stars commentary createdAt episode } }";

value props(std::initializer_list<std::pair<std::string, value>> entries, std::string_view type = {}) {
  property_object obj;
  for (const auto& [name, v] : entries) obj.add(name, v);
  return value::properties(std::move(obj), type);
}

value character(std::string id, std::string name, std::string_view type, value homeworld,
                std::vector<value> friends) {
  return props({{"id", std::move(id)},
                {"name", std::move(name)},
                {"appearsIn", value::list({"NEWHOPE", "EMPIRE", "JEDI"})},
                {"homeworld", std::move(homeworld)},
                {"primaryFunction", "Astromech"},
                {"friends", value::list(std::move(friends))}},
               type);
}

struct fixture {
  std::shared_ptr<resolver_map> resolvers;
  value hero;
  value characters;
  value reviews;
  value review;

  fixture() {
    auto schema = build_schema(testing::read_fixture("star_wars.graphql")).value();
    resolvers = std::make_shared<resolver_map>(schema);
    const value tatooine = props({{"name", "Tatooine"}, {"climates", value::list({"arid"})}, {"population", 200000}});
    const value alderaan = props({{"name", "Alderaan"}, {"climates", value::list({"temperate"})}, {"population", 2e9}});
    const value han = character("1002", "Han Solo", "Human", value(), {});
    const value leia = character("1003", "Leia Organa", "Human", alderaan, {});
    const value r2 = character("2001", "R2-D2", "Droid", value(), {});
    hero = character("1000", "Luke Skywalker", "Human", tatooine, {han, leia, r2});
    std::vector<value> edges;
    for (const value& c : {han, leia, r2}) {
      edges.push_back(props({{"cursor", "Y3Vyc29yMQ=="}, {"node", c}}));
    }
    characters = props({{"totalCount", 3},
                        {"edges", value::list(std::move(edges))},
                        {"pageInfo", props({{"hasNextPage", false}, {"endCursor", "Y3Vyc29yMw=="}})}});
    review = props({{"stars", 5}, {"commentary", "Great!"}, {"createdAt", "2024-05-04T12:00:00Z"}, {"episode", "EMPIRE"}});
    reviews = value::list({review, props({{"stars", 3}, {"commentary", nullptr}, {"createdAt", "2024-05-05T08:30:00Z"}})});

    const auto borrow = [](const value& v) {
      return [&v](const field_call&) { return field_result::borrow(v); };
    };
    (void)resolvers->bind("Root", "hero", borrow(hero));
    (void)resolvers->bind("Root", "characters", borrow(characters));
    (void)resolvers->bind("Root", "reviews", borrow(reviews));
    (void)resolvers->bind("Character", "friends", [](const field_call& call) {
      return field_result::borrow(*call.parent().as_properties()->find("friends"));
    });
  }
};

fixture& shared_fixture() {
  static fixture f;
  return f;
}

std::size_t run(const std::shared_ptr<const prepared_operation>& op, std::string_view vars) {
  std::size_t size = 0;
  execute(op, vars, {}, [&](execution_response r) { size = r.json.size(); });
  return size;
}

void BM_ParseValidateExecute(benchmark::State& state) {
  const auto& f = shared_fixture();
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto doc = parse_executable(query);
    if (!validate(f.resolvers->schema(), *doc.value()).empty()) {
      state.SkipWithError("invalid document");
      break;
    }
    auto op = prepared_operation::prepare(f.resolvers, std::move(doc).value());
    bytes = run(op.value(), variables);
  }
  state.counters["response_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_ParseValidateExecute);

void BM_CachedExecute(benchmark::State& state) {
  const auto& f = shared_fixture();
  const auto op = prepared_operation::prepare(f.resolvers, parse_executable(query).value()).value();
  std::size_t bytes = 0;
  for (auto _ : state) bytes = run(op, variables);
  state.counters["response_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_CachedExecute);

void BM_SubscriptionEvent(benchmark::State& state) {
  const auto& f = shared_fixture();
  const auto op = prepared_operation::prepare(f.resolvers, parse_executable(subscription).value()).value();
  const auto vars = coerce_variables(*op, R"({"e":"EMPIRE"})").value();
  std::size_t bytes = 0;
  for (auto _ : state) {
    execute_event(op, vars, f.review, {}, [&](execution_response r) { bytes = r.json.size(); });
  }
  state.counters["response_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_SubscriptionEvent);

}  // namespace
}  // namespace streamhub::graphql

BENCHMARK_MAIN();
