// The role matrix: every mutation tried by a role that must not use it
// (viewer, moderator, broadcaster, another broadcaster, admin, nobody)
// answers FORBIDDEN (UNAUTHENTICATED when nobody is logged in), and the
// role that may use it succeeds afterwards. Every mutation of the schema
// that needs an access token is tried without one; a moderator of one
// channel is refused moderation of another.

#include "tests/e2e/support/e2e_test.hpp"

namespace streamhub::e2e {
namespace {

using roles_test = e2e_test;

TEST_F(roles_test, EveryMutationRefusedToARoleThatMustNotUseIt) {
  ASSERT_TRUE(start_server({"--admin", "root"}));
  auto r = run("clients/role_matrix.mjs");
  ASSERT_EQ(r.exit_code, 0) << r.describe();
  const auto rows = r.json()["rows"];
  ASSERT_GE(rows.size(), 50u) << r.describe();
  std::size_t forbidden = 0, allowed = 0;
  for (const auto& row : rows) {
    if (row["expect"] == "REFUSED") {
      EXPECT_FALSE(row["code"].is_null()) << row;
      continue;
    }
    EXPECT_EQ(row["code"], row["expect"]) << row;
    forbidden += row["expect"] == "FORBIDDEN";
    allowed += row["expect"].is_null();
  }
  EXPECT_GE(forbidden, 32u);
  EXPECT_GE(allowed, 10u);
  EXPECT_EQ(r.json()["untried"], nlohmann::json::array()) << "mutations never tried without a token";
  std::size_t unauthenticated = 0, cross_channel = 0;
  for (const auto& row : rows) {
    unauthenticated += row["role"] == "nobody" && row["code"] == "UNAUTHENTICATED";
    cross_channel += row["role"] == "mod" && row["mutation"].get<std::string>().starts_with("other") &&
                     row["code"] == "FORBIDDEN";
  }
  EXPECT_GE(unauthenticated, 32u);
  EXPECT_EQ(cross_channel, 6u);
}

}  // namespace
}  // namespace streamhub::e2e
