#include "gateway/auth/bearer_token.hpp"

#include <gtest/gtest.h>

namespace streamhub::gateway::auth {
namespace {

TEST(bearer_token, from_authorization_header) {
  EXPECT_EQ(bearer_token("Bearer abc"), "abc");
  EXPECT_EQ(bearer_token("bearer  abc "), "abc");
  EXPECT_EQ(bearer_token("Basic abc"), std::nullopt);
  EXPECT_EQ(bearer_token("Bearer "), std::nullopt);
  EXPECT_EQ(bearer_token(""), std::nullopt);
}

TEST(bearer_token, from_connection_init_payload) {
  EXPECT_EQ(token_from_init_payload(R"({"token":"t1"})"), "t1");
  EXPECT_EQ(token_from_init_payload(R"({"Authorization":"Bearer t2"})"), "t2");
  EXPECT_EQ(token_from_init_payload(R"({"authorization":"Bearer t3"})"), "t3");
  EXPECT_EQ(token_from_init_payload(R"({"other":1})"), std::nullopt);
  EXPECT_EQ(token_from_init_payload(""), std::nullopt);
}

}  // namespace
}  // namespace streamhub::gateway::auth
