// serve --limit NAME=VALUE: each kind of setting, and the refusals.

#include "tools/streamhub/gateway_overrides.hpp"

#include <gtest/gtest.h>

#include "gateway/server_options.hpp"

namespace streamhub::tools {
namespace {

TEST(GatewayOverridesTest, SetsCountsBucketsAndTimeouts) {
  gateway::server_options options;
  ASSERT_TRUE(apply_gateway_override("max_connections_per_ip=2", options));
  ASSERT_TRUE(apply_gateway_override("operations_per_user=5/0.5", options));
  ASSERT_TRUE(apply_gateway_override("connection_init_timeout_ms=200", options));
  ASSERT_TRUE(apply_gateway_override("max_queued_frames=0", options));
  EXPECT_EQ(options.limits.max_connections_per_ip, 2u);
  EXPECT_EQ(options.limits.operations_per_user.capacity, 5);
  EXPECT_EQ(options.limits.operations_per_user.refill_per_second, 0.5);
  EXPECT_EQ(options.connection_init_timeout, std::chrono::milliseconds(200));
  EXPECT_EQ(options.limits.max_queued_frames, 0u);  // 0 disables the cap
}

TEST(GatewayOverridesTest, RefusesUnknownNamesAndBadValuesAndChangesNothing) {
  gateway::server_options options;
  const auto before = options.limits.max_body_bytes;
  for (const char* bad : {"max_body_bytes", "max_body_bytes=", "max_body_bytes=-1", "max_body_bytes=12k",
                          "operations_per_ip=5", "operations_per_ip=5/x", "no_such_limit=1"}) {
    auto applied = apply_gateway_override(bad, options);
    ASSERT_FALSE(applied) << bad;
    EXPECT_EQ(applied.err().code, error_code::invalid) << bad;
  }
  EXPECT_EQ(options.limits.max_body_bytes, before);
  EXPECT_NE(apply_gateway_override("no_such_limit=1", options).err().message.find("max_body_bytes"),
            std::string::npos);  // names the known ones
}

}  // namespace
}  // namespace streamhub::tools
