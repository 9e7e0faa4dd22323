#include "gateway/auth/refresh_token.hpp"

#include <gtest/gtest.h>

#include "gateway/auth/random.hpp"

namespace streamhub::gateway::auth {
namespace {

TEST(refresh_token, is_256_random_bits_stored_as_sha256) {
  auto a = new_refresh_token();
  auto b = new_refresh_token();
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->token.size(), 43u);
  EXPECT_NE(a->token, b->token);
  EXPECT_EQ(a->hash, hash_refresh_token(a->token));
  EXPECT_EQ(a->hash.size(), 64u);
  EXPECT_TRUE(is_well_formed_refresh_token(a->token));
  EXPECT_FALSE(is_well_formed_refresh_token(a->token + "A"));
  EXPECT_FALSE(is_well_formed_refresh_token(std::string(43, '*')));
}

TEST(refresh_token, hash_matches_known_sha256) {
  EXPECT_EQ(hash_refresh_token("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(random, bytes_have_the_requested_length_and_differ) {
  auto a = random_bytes(32);
  auto b = random_bytes(32);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->size(), 32u);
  EXPECT_NE(*a, *b);
}

}  // namespace
}  // namespace streamhub::gateway::auth
