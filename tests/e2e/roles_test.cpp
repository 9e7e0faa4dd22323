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

// Private fields of User: `email` for the user and admins, `blockedLogins`
// for the user alone (protocol/schema.graphql); null for anyone else.
TEST_F(roles_test, PrivateUserFieldsOnlyForTheUserOrAnAdmin) {
  ASSERT_TRUE(start_server({"--admin", "root"}));
  const std::string keeper = register_user("Keeper");  // mixed case: ids are lower case
  const std::string nosy = register_user("nosy");
  const std::string root = register_user("root");
  ASSERT_FALSE(keeper.empty() || nosy.empty() || root.empty());
  ASSERT_EQ(graphql(R"(mutation { blockUser(login: "nosy") { id } })", {}, keeper)["status"], 200);

  const std::string query = R"({ user(login: "keeper") { login email blockedLogins } })";
  const auto as = [&](const std::string& token) { return graphql(query, {}, token)["json"]["data"]["user"]; };
  const auto own = as(keeper);
  EXPECT_EQ(own["login"], "Keeper") << own;
  ASSERT_TRUE(own["email"].is_string()) << own;
  EXPECT_NE(own["email"].get<std::string>().find("@example.com"), std::string::npos) << own;
  EXPECT_EQ(own["blockedLogins"], nlohmann::json::array({"nosy"})) << own;
  const auto me = graphql("{ me { email blockedLogins } }", {}, keeper)["json"]["data"]["me"];
  EXPECT_EQ(me["email"], own["email"]) << me;
  EXPECT_EQ(me["blockedLogins"], own["blockedLogins"]) << me;

  const auto admin = as(root);
  EXPECT_EQ(admin["email"], own["email"]) << admin;
  EXPECT_TRUE(admin["blockedLogins"].is_null()) << admin;
  for (const auto& [who, token] : {std::pair{"another user", nosy}, std::pair{"nobody", std::string()}}) {
    const auto seen = as(token);
    EXPECT_EQ(seen["login"], "Keeper") << who << ": " << seen;
    EXPECT_TRUE(seen["email"].is_null()) << who << ": " << seen;
    EXPECT_TRUE(seen["blockedLogins"].is_null()) << who << ": " << seen;
  }
}

}  // namespace
}  // namespace streamhub::e2e
