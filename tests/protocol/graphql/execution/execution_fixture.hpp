#pragma once
// Shared by the execution tests: the sample schema (star_wars.graphql)
// with a small data set of property objects, and helpers that parse,
// prepare and execute a document synchronously.

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "protocol/graphql/execution/execute.hpp"
#include "protocol/graphql/execution/prepared_operation.hpp"
#include "protocol/graphql/execution/resolver_map.hpp"
#include "protocol/graphql/execution/value.hpp"
#include "protocol/graphql/parser.hpp"
#include "protocol/graphql/schema_builder.hpp"
#include "tests/protocol/graphql/fixture.hpp"

namespace streamhub::graphql::testing {

inline std::shared_ptr<const schema> must_build(std::string_view sdl) {
  auto built = build_schema(sdl);
  if (!built) ADD_FAILURE() << to_json(built.errors());
  return built ? built.value() : nullptr;
}

inline std::shared_ptr<const prepared_operation> must_prepare(
    std::shared_ptr<const resolver_map> resolvers, std::string_view query,
    std::string_view operation_name = {}) {
  auto doc = parse_executable(query);
  if (!doc) {
    ADD_FAILURE() << to_json(doc.errors());
    return nullptr;
  }
  auto op = prepared_operation::prepare(std::move(resolvers), std::move(doc).value(), operation_name);
  if (!op) ADD_FAILURE() << to_json(op.errors());
  return op ? op.value() : nullptr;
}

/// Executes and returns the response; fails the test if the execution
/// does not complete synchronously.
inline std::string run_sync(std::shared_ptr<const prepared_operation> op,
                            std::string_view variables = {}, execution_options options = {}) {
  std::optional<std::string> response;
  execute(std::move(op), variables, std::move(options),
          [&](execution_response r) { response = std::move(r.json); });
  if (!response) {
    ADD_FAILURE() << "execution did not complete synchronously";
    return {};
  }
  return *response;
}

/// A property object from (name, value) pairs.
inline value props(std::initializer_list<std::pair<std::string, value>> entries,
                   std::string_view type_name = {}) {
  property_object obj;
  for (const auto& [name, v] : entries) obj.add(name, v);
  return value::properties(std::move(obj), type_name);
}

inline value list(std::initializer_list<value> items) { return value::list(std::vector<value>(items)); }

/// The sample schema with resolvers over a fixed cast:
///   Luke (1000, Human), Han (1002, Human), R2-D2 (2001, Droid),
///   Tatooine (planet 1).
/// Root.hero(episode): R2-D2, or Luke for EMPIRE; human(id), droid(id),
/// node(id); search(text) gives [Luke, R2-D2, X-wing, Tatooine].
class star_wars : public ::testing::Test {
 protected:
  star_wars();

  /// Parses, prepares and executes `query` synchronously.
  std::string run(std::string_view query, std::string_view variables = {},
                  std::string_view operation_name = {});

  std::shared_ptr<const schema> schema_;
  std::shared_ptr<resolver_map> resolvers_;
  value luke_, han_, r2d2_, tatooine_, xwing_;
};

}  // namespace streamhub::graphql::testing
