// Accounts through the API over HTTP: register, login, refreshToken and
// logout against the real server, with the error code of every refusal.
// Rotation spends a refresh token; presenting a spent one again revokes its
// whole session (user_entity's reuse detection), other sessions stay; logout
// makes its session's refresh token unusable.

#include "tests/e2e/support/e2e_test.hpp"

#include <map>

namespace streamhub::e2e {
namespace {

using json = nlohmann::json;
using account_sessions_test = e2e_test;

TEST_F(account_sessions_test, RefreshRotatesReuseRevokesTheSessionAndLogoutEndsIt) {
  ASSERT_TRUE(start_server());
  auto r = run("clients/account_sessions.mjs");
  ASSERT_EQ(r.exit_code, 0) << r.describe();
  std::map<std::string, json> steps;
  for (const auto& line : r.lines())
    if (line.contains("step")) steps[line["step"].get<std::string>()] = line;

  const json ok = nullptr;
  const std::pair<const char*, json> expected[] = {
      {"register Carol", ok},
      {"register carol", "CONFLICT"},
      {"login with a wrong password", "UNAUTHENTICATED"},
      {"login as nobody", "UNAUTHENTICATED"},
      {"login session A", ok},
      {"login session B", ok},
      {"me with the login access token", ok},
      {"refresh A", ok},
      {"me with the refreshed access token", ok},
      {"refresh A again", ok},
      {"reuse the spent A token", "UNAUTHENTICATED"},
      {"refresh the newest A token after reuse", "UNAUTHENTICATED"},
      {"refresh B", ok},
      {"logout B", ok},
      {"refresh B after logout", "UNAUTHENTICATED"},
      {"logout B again", ok},
      {"refresh a malformed token", "UNAUTHENTICATED"},
      {"logout a malformed token", ok},
      {"refresh the registration session", ok},
      {"logout the registration session", ok},
      {"refresh the registration session after logout", "UNAUTHENTICATED"},
  };
  for (const auto& [name, code] : expected) {
    SCOPED_TRACE(name);
    ASSERT_TRUE(steps.contains(name)) << r.describe();
    const json& s = steps[name];
    EXPECT_EQ(s["code"], code) << s;
    if (code.is_null()) {
      EXPECT_EQ(s["status"], 200) << s;
    }
  }
  EXPECT_EQ(steps["register Carol"]["data"]["register"]["user"]["login"], "Carol");
  EXPECT_GT(steps["register Carol"]["data"]["register"]["expiresIn"], 0);
  EXPECT_EQ(steps["login session A"]["data"]["login"]["user"]["login"], "Carol");
  EXPECT_EQ(steps["me with the login access token"]["data"]["me"]["login"], "Carol");
  EXPECT_EQ(steps["me with the refreshed access token"]["data"]["me"]["login"], "Carol");
  // logout answers whether it ended a session.
  EXPECT_EQ(steps["logout B"]["data"]["logout"], true);
  EXPECT_EQ(steps["logout B again"]["data"]["logout"], false);
  EXPECT_EQ(steps["logout a malformed token"]["data"]["logout"], false);
  EXPECT_EQ(steps["logout the registration session"]["data"]["logout"], true);
  // A refused refresh answers no tokens.
  EXPECT_TRUE(steps["reuse the spent A token"]["data"].is_null()) << steps["reuse the spent A token"];
}

}  // namespace
}  // namespace streamhub::e2e
