// Refused access tokens, forged in node with the server's own secret:
// expired, tampered, alg none (and another alg's name), wrong audience,
// issuer, key or key id, not yet valid. Each gives 401 over HTTP (with
// WWW-Authenticate), 4403 at connection_init, and 401 on the WebSocket
// upgrade's Authorization header; a valid forged token and an issued one
// pass all three.

#include "tests/e2e/support/e2e_test.hpp"

namespace streamhub::e2e {
namespace {

using json = nlohmann::json;
using auth_test = e2e_test;

TEST_F(auth_test, BadTokensGive401OverHttpAnd4403OnTheSocket) {
  ASSERT_TRUE(start_server());
  auto r = run("clients/auth_failures.mjs");
  ASSERT_EQ(r.exit_code, 0) << r.describe();
  const json report = r.json();

  for (const char* good : {"valid", "issued"}) {
    SCOPED_TRACE(good);
    EXPECT_EQ(report[good]["http"]["status"], 200) << report[good];
    EXPECT_EQ(report[good]["http"]["login"], "holder") << report[good];
    EXPECT_EQ(report[good]["init"]["code"], "acknowledged") << report[good];
    EXPECT_EQ(report[good]["upgrade"], 101) << report[good];
  }
  const std::pair<const char*, const char*> refused[] = {
      {"expired", "token expired"},           {"tampered", "bad signature"},
      {"alg_none", "unsupported algorithm"},  {"alg_hs512", "unsupported algorithm"},
      {"wrong_audience", "wrong audience"},   {"wrong_issuer", "wrong issuer"},
      {"wrong_key", "bad signature"},         {"not_yet_valid", "token not yet valid"},
      {"unknown_key_id", "unknown key id"},
  };
  for (const auto& [kind, reason] : refused) {
    SCOPED_TRACE(kind);
    const json& k = report[kind];
    EXPECT_EQ(k["http"]["status"], 401) << k;
    EXPECT_EQ(k["http"]["code"], "UNAUTHENTICATED") << k;
    EXPECT_EQ(k["http"]["authenticate"], "Bearer error=\"invalid_token\"") << k;
    EXPECT_EQ(k["init"]["code"], 4403) << k;
    EXPECT_EQ(k["init"]["reason"], std::string("Forbidden: ") + reason) << k;
    EXPECT_EQ(k["upgrade"], 401) << k;
  }
}

}  // namespace
}  // namespace streamhub::e2e
