#include "protocol/graphql/graphql_error.hpp"

#include <gtest/gtest.h>

namespace streamhub::graphql {
namespace {

TEST(GraphqlErrorTest, JsonInResponseFormat) {
  graphql_error err("Cannot query \"x\"\n\ttab", {3, 14});
  err.locations.push_back({4, 1});
  err.path = {std::string("hero"), std::size_t{2}, std::string("na\"me")};
  err.set_extension("code", "BAD_USER_INPUT").set_extension("detail", "\x01");
  std::string out;
  append_json(out, err);
  EXPECT_EQ(out,
            R"({"message":"Cannot query \"x\"\n\ttab","locations":[{"line":3,"column":14},{"line":4,"column":1}],)"
            R"("path":["hero",2,"na\"me"],"extensions":{"code":"BAD_USER_INPUT","detail":"\u0001"}})");
  EXPECT_EQ(err.code(), "BAD_USER_INPUT");
  err.set_extension("code", "INTERNAL");
  EXPECT_EQ(err.extensions.size(), 2u);
  EXPECT_EQ(err.code(), "INTERNAL");
}

TEST(GraphqlErrorTest, OmitsEmptyMembers) {
  const std::vector<graphql_error> errors = {graphql_error("a"), graphql_error("b", {1, 2})};
  EXPECT_EQ(to_json(errors),
            R"([{"message":"a"},{"message":"b","locations":[{"line":1,"column":2}]}])");
  EXPECT_EQ(to_json(std::vector<graphql_error>{}), "[]");
}

TEST(GraphqlErrorTest, OutcomeCarriesErrorsOrValue) {
  outcome<int> ok = 7;
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(*ok, 7);
  outcome<int> failed = std::vector<graphql_error>{graphql_error("x", {2, 3}), graphql_error("y")};
  ASSERT_FALSE(failed.has_value());
  const auto err = failed.to_error();
  EXPECT_EQ(err.code, error_code::invalid);
  EXPECT_EQ(err.message, "x (2:3)\ny");
}

TEST(GraphqlErrorTest, JsonStringEscapes) {
  std::string out;
  append_json_string(out, "q\" b\\ \b\f\n\r\t \x1F \xC3\xA9 /");
  EXPECT_EQ(out, "\"q\\\" b\\\\ \\b\\f\\n\\r\\t \\u001f \xC3\xA9 /\"");
}

}  // namespace
}  // namespace streamhub::graphql
