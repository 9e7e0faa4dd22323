#include "gateway/auth/jwt.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "gateway/auth/base64url.hpp"

namespace streamhub::gateway::auth {
namespace {

using namespace std::chrono_literals;
using clock_type = std::chrono::system_clock;

const std::string secret_a(32, 'a');
const std::string secret_b(40, 'b');

jwt_options options_with(std::string active) {
  jwt_options options;
  options.keys = {{"k1", secret_a}, {"k2", secret_b}};
  options.active_key_id = std::move(active);
  options.issuer = "streamhub";
  options.audience = "streamhub-api";
  options.leeway = 5s;
  return options;
}

class jwt_test : public ::testing::Test {
 protected:
  jwt_codec codec_ = *jwt_codec::create(options_with("k1"));
  clock_type::time_point now_ = clock_type::time_point{} + std::chrono::seconds{1'800'000'000};

  std::string token_for(const access_claims& claims) { return *codec_.sign(claims); }
  access_claims fresh() { return *codec_.issue("user:alice", {"viewer", "admin"}, now_); }

  // A token with the given header and claims, signed with `secret`.
  static std::string forge(const nlohmann::json& header, const nlohmann::json& body,
                           const std::string& signature) {
    return base64url_encode(header.dump()) + "." + base64url_encode(body.dump()) + "." + signature;
  }
  std::string signature_of_valid_token() {
    const std::string token = token_for(fresh());
    return token.substr(token.rfind('.') + 1);
  }
  void expect_refused(std::string_view token, std::string_view reason) {
    auto verified = codec_.verify(token, now_);
    ASSERT_FALSE(verified);
    EXPECT_EQ(verified.err().code, error_code::unauthenticated);
    EXPECT_EQ(verified.err().message, reason);
  }
};

TEST_F(jwt_test, valid_token_round_trips) {
  const access_claims claims = fresh();
  auto verified = codec_.verify(token_for(claims), now_);
  ASSERT_TRUE(verified) << verified.err().message;
  EXPECT_EQ(*verified, claims);
  EXPECT_EQ(verified->roles, (std::vector<std::string>{"viewer", "admin"}));
  EXPECT_EQ(verified->expires_at - verified->issued_at, 15 * 60);
  EXPECT_FALSE(verified->token_id.empty());
}

TEST_F(jwt_test, expired_token_is_refused_after_the_leeway) {
  access_claims claims = fresh();
  claims.expires_at = std::chrono::duration_cast<std::chrono::seconds>(now_.time_since_epoch()).count() - 3;
  EXPECT_TRUE(codec_.verify(token_for(claims), now_)) << "within leeway";
  claims.expires_at -= 10;
  expect_refused(token_for(claims), "token expired");
}

TEST_F(jwt_test, not_before_in_the_future_is_refused) {
  access_claims claims = fresh();
  claims.not_before = claims.issued_at + 60;
  expect_refused(token_for(claims), "token not yet valid");
  claims.not_before = claims.issued_at + 2;
  EXPECT_TRUE(codec_.verify(token_for(claims), now_)) << "within leeway";
}

TEST_F(jwt_test, issued_in_the_future_is_refused) {
  access_claims claims = fresh();
  claims.issued_at += 120;
  claims.expires_at += 120;
  expect_refused(token_for(claims), "token issued in the future");
}

TEST_F(jwt_test, tampered_signature_or_claims_are_refused) {
  std::string token = token_for(fresh());
  std::string bad_sig = token;
  bad_sig.back() = bad_sig.back() == 'A' ? 'Q' : 'A';
  expect_refused(bad_sig, "bad signature");
  // Swap in other claims but keep the signature.
  const auto first = token.find('.');
  const auto second = token.find('.', first + 1);
  nlohmann::json body = nlohmann::json::parse(*base64url_decode(token.substr(first + 1, second - first - 1)));
  body["roles"] = {"admin"};
  body["sub"] = "user:mallory";
  const std::string tampered =
      token.substr(0, first + 1) + base64url_encode(body.dump()) + token.substr(second);
  expect_refused(tampered, "bad signature");
}

TEST_F(jwt_test, alg_none_and_other_algorithms_are_refused) {
  const nlohmann::json body = {{"sub", "user:alice"}, {"exp", 1'900'000'000}, {"iss", "streamhub"},
                               {"aud", "streamhub-api"}};
  expect_refused(forge({{"alg", "none"}, {"kid", "k1"}}, body, ""), "unsupported algorithm");
  expect_refused(forge({{"alg", "none"}, {"kid", "k1"}}, body, signature_of_valid_token()),
                 "unsupported algorithm");
  expect_refused(forge({{"alg", "RS256"}, {"kid", "k1"}}, body, signature_of_valid_token()),
                 "unsupported algorithm");
  expect_refused(forge({{"alg", "hs256"}, {"kid", "k1"}}, body, signature_of_valid_token()),
                 "unsupported algorithm");
  expect_refused(forge({{"kid", "k1"}}, body, signature_of_valid_token()), "unsupported algorithm");
}

TEST_F(jwt_test, wrong_audience_or_issuer_are_refused) {
  access_claims claims = fresh();
  claims.audience = {"someone-else"};
  expect_refused(token_for(claims), "wrong audience");
  claims.audience = {"someone-else", "streamhub-api"};
  EXPECT_TRUE(codec_.verify(token_for(claims), now_));
  claims.issuer = "evil";
  expect_refused(token_for(claims), "wrong issuer");
}

TEST_F(jwt_test, unknown_key_id_is_refused) {
  jwt_options other = options_with("k3");
  other.keys.push_back({"k3", std::string(32, 'c')});
  const jwt_codec stranger = *jwt_codec::create(other);
  expect_refused(*stranger.sign(fresh()), "unknown key id");
}

TEST_F(jwt_test, rotation_keeps_old_tokens_valid_until_the_key_is_dropped) {
  const std::string old_token = token_for(fresh());
  const jwt_codec rotated = *jwt_codec::create(options_with("k2"));
  const std::string new_token = *rotated.sign(fresh());
  EXPECT_TRUE(rotated.verify(old_token, now_));
  EXPECT_TRUE(rotated.verify(new_token, now_));
  EXPECT_TRUE(codec_.verify(new_token, now_)) << "k2 is in the old set too";
  jwt_options dropped = options_with("k2");
  dropped.keys.erase(dropped.keys.begin());
  const jwt_codec retired = *jwt_codec::create(dropped);
  EXPECT_FALSE(retired.verify(old_token, now_));
  EXPECT_TRUE(retired.verify(new_token, now_));
}

TEST_F(jwt_test, malformed_tokens_are_refused) {
  expect_refused("", "malformed token");
  expect_refused("a.b", "malformed token");
  expect_refused("a.b.c.d", "malformed token");
  expect_refused("!!.b.c", "malformed token header");
  expect_refused(std::string(5000, 'a'), "token too long");
  const std::string token = token_for(fresh());
  expect_refused(token + "=", "bad signature");
}

TEST_F(jwt_test, weak_or_inconsistent_key_sets_are_rejected) {
  jwt_options weak = options_with("k1");
  weak.keys[0].secret = "short";
  EXPECT_FALSE(jwt_codec::create(weak));
  EXPECT_FALSE(jwt_codec::create(options_with("missing")));
  jwt_options duplicate = options_with("k1");
  duplicate.keys[1].id = "k1";
  EXPECT_FALSE(jwt_codec::create(duplicate));
}

}  // namespace
}  // namespace streamhub::gateway::auth
