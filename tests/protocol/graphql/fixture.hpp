#pragma once
// Reads a file from tests/protocol/graphql/fixtures/.

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace streamhub::graphql::testing {

inline std::string read_fixture(std::string_view name) {
  std::ifstream in(std::string(STREAMHUB_GRAPHQL_FIXTURES) + "/" + std::string(name),
                   std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace streamhub::graphql::testing
