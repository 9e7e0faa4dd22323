#include "gateway/auth/password_hash.hpp"

#include <gtest/gtest.h>

namespace streamhub::gateway::auth {
namespace {

TEST(password_hash, default_parameters_meet_owasp_minimum) {
  auto encoded = hash_password("correct horse battery staple");
  ASSERT_TRUE(encoded) << encoded.err().message;
  EXPECT_EQ(encoded->rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0u) << *encoded;
  auto right = verify_password("correct horse battery staple", *encoded);
  ASSERT_TRUE(right);
  EXPECT_TRUE(*right);
  auto wrong = verify_password("Correct horse battery staple", *encoded);
  ASSERT_TRUE(wrong);
  EXPECT_FALSE(*wrong);
}

TEST(password_hash, salts_differ) {
  const argon2_params cheap{.memory_kib = 64, .iterations = 1};
  EXPECT_NE(*hash_password("pw", cheap), *hash_password("pw", cheap));
}

TEST(password_hash, refuses_garbage_and_oversized_input) {
  EXPECT_FALSE(verify_password("pw", "not a hash"));
  EXPECT_FALSE(verify_password("pw", "$argon2id$v=19$m=19456,t=2,p=1$bad"));
  EXPECT_FALSE(verify_password("pw", "$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaA"));
  EXPECT_FALSE(hash_password(std::string(max_password_bytes + 1, 'x')));
}

}  // namespace
}  // namespace streamhub::gateway::auth
