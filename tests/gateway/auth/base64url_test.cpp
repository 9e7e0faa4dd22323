#include "gateway/auth/base64url.hpp"

#include <gtest/gtest.h>

namespace streamhub::gateway::auth {
namespace {

TEST(base64url, encodes_rfc4648_vectors_without_padding) {
  EXPECT_EQ(base64url_encode(""), "");
  EXPECT_EQ(base64url_encode("f"), "Zg");
  EXPECT_EQ(base64url_encode("fo"), "Zm8");
  EXPECT_EQ(base64url_encode("foo"), "Zm9v");
  EXPECT_EQ(base64url_encode("foob"), "Zm9vYg");
  EXPECT_EQ(base64url_encode("\xfb\xff"), "-_8");
}

TEST(base64url, round_trips_every_byte) {
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  for (std::size_t n = 0; n <= all.size(); n += 37) {
    const std::string bytes = all.substr(0, n);
    EXPECT_EQ(base64url_decode(base64url_encode(bytes)), bytes);
  }
}

TEST(base64url, decoding_is_strict) {
  EXPECT_FALSE(base64url_decode("Zg=="));   // padding
  EXPECT_FALSE(base64url_decode("Zm9v+"));  // standard alphabet
  EXPECT_FALSE(base64url_decode("Zm/v"));
  EXPECT_FALSE(base64url_decode("Z"));      // impossible length
  EXPECT_FALSE(base64url_decode("Zh"));     // non-zero leftover bits
  EXPECT_FALSE(base64url_decode("Zm 9"));
  EXPECT_TRUE(base64url_decode("Zg"));
}

}  // namespace
}  // namespace streamhub::gateway::auth
