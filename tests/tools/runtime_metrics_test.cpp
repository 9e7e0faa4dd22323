#include "tools/streamhub/runtime_metrics.hpp"

#include <gtest/gtest.h>

#include "actors/runtime.hpp"
#include "storage/memory_event_log.hpp"
#include "tests/storage/event_log_contract.hpp"

namespace streamhub::tools {
namespace {

TEST(RuntimeMetricsTest, ExposesActiveActorsByKindNotificationsAndTheLogHead) {
  storage::memory_event_log log;
  actors::runtime runtime(log);
  gateway::metrics::registry registry;
  registry.add_collector(runtime_collector(runtime, log));

  std::string text = registry.expose();
  EXPECT_NE(text.find("streamhub_actors_active{kind=\"chat\"} 0"), std::string::npos) << text;
  EXPECT_NE(text.find("streamhub_appends_total 0"), std::string::npos) << text;
  EXPECT_NE(text.find("streamhub_log_head_position 0"), std::string::npos) << text;
  EXPECT_NE(text.find("streamhub_notification_subscribers 0"), std::string::npos) << text;
  EXPECT_NE(text.find("streamhub_notifications_delivered_total 0"), std::string::npos) << text;

  ASSERT_TRUE(log.append("user:alice", expected_version::no_stream(), storage::testing::make_events(3)));
  text = registry.expose();
  EXPECT_NE(text.find("streamhub_log_head_position 3"), std::string::npos) << text;
}

}  // namespace
}  // namespace streamhub::tools
