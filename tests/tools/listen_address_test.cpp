#include "tools/streamhub/listen_address.hpp"

#include <gtest/gtest.h>

namespace streamhub::tools {
namespace {

TEST(ListenAddressTest, ParsesHostAndPort) {
  auto a = parse_listen_address("127.0.0.1:8080");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->host, "127.0.0.1");
  EXPECT_EQ(a->port, 8080);
  auto v6 = parse_listen_address("[::1]:0");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->port, 0);
  EXPECT_EQ(v6->to_string(), "[::1]:0");
  EXPECT_EQ(parse_listen_address("localhost:443")->to_string(), "localhost:443");
}

TEST(ListenAddressTest, RejectsMalformedAddresses) {
  for (const char* bad : {"8080", "host:", ":80", "host:65536", "host:-1", "host:8o", "::1:80", "[]:80"}) {
    auto a = parse_listen_address(bad);
    ASSERT_FALSE(a) << bad;
    EXPECT_EQ(a.err().code, error_code::invalid);
  }
}

}  // namespace
}  // namespace streamhub::tools
