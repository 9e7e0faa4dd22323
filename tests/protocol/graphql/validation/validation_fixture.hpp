#pragma once
// Schemas and helpers for the validation tests: the spec's validation
// example schema (fixtures/pets.graphql), the engine's sample schema
// (../fixtures/star_wars.graphql) and a tiny one, built once each; errors
// rendered as "message (line:column, ...)" so a failing expectation shows
// every difference at once.

#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/graphql/parser.hpp"
#include "protocol/graphql/schema_builder.hpp"
#include "protocol/graphql/validation/validate.hpp"
#include "tests/protocol/graphql/fixture.hpp"

namespace streamhub::graphql::testing {

inline std::shared_ptr<const schema> build_or_die(std::string_view sdl) {
  auto built = build_schema(sdl);
  if (!built) throw std::runtime_error(to_json(built.errors()));
  return *built;
}

inline const std::shared_ptr<const schema>& pets_schema_ptr() {
  static const auto s = [] {
    std::ifstream in(std::string(STREAMHUB_VALIDATION_FIXTURES) + "/pets.graphql", std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return build_or_die(text.str());
  }();
  return s;
}
inline const schema& pets_schema() { return *pets_schema_ptr(); }

inline const std::shared_ptr<const schema>& star_wars_schema_ptr() {
  static const auto s = build_or_die(read_fixture("star_wars.graphql"));
  return s;
}
inline const schema& star_wars_schema() { return *star_wars_schema_ptr(); }

/// The spec's `field { subfieldA }` examples need a field named "field".
inline const schema& field_schema() {
  static const auto s =
      build_or_die("type Query { a: Int field: Sub }\ntype Sub { subfieldA: Int subfieldB: Int }\n");
  return *s;
}

inline std::string render(const graphql_error& e) {
  std::string out = e.message + " (";
  for (std::size_t i = 0; i < e.locations.size(); ++i) {
    if (i != 0) out += ", ";
    out += std::to_string(e.locations[i].line) + ":" + std::to_string(e.locations[i].column);
  }
  return out + ")";
}

/// Parses `text` and validates it; a syntax error comes back as
/// "syntax: <message>".
inline std::vector<std::string> validation_errors(const schema& s, std::string_view text,
                                                  const validation_options& options = {}) {
  auto doc = parse_executable(text);
  if (!doc) return {"syntax: " + doc.errors().front().message};
  std::vector<std::string> out;
  for (const auto& e : validate(s, **doc, options)) out.push_back(render(e));
  return out;
}

inline const std::vector<std::string> no_errors;

}  // namespace streamhub::graphql::testing
