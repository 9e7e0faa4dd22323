#include "tools/streamhub/runtime_metrics.hpp"

#include <gtest/gtest.h>

#include "actors/runtime.hpp"
#include "protocol/event_id.hpp"
#include "storage/memory_event_log.hpp"

namespace streamhub::tools {
namespace {

std::vector<storage::proposed_event> some_events(std::size_t n) {
  std::vector<storage::proposed_event> events(n);
  for (auto& e : events) {
    e.id = event_id::generate();
    e.type = "test.happened";
    e.actor = "user:tester";
    e.payload = "{}";
  }
  return events;
}

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

  ASSERT_TRUE(log.append("user:alice", expected_version::no_stream(), some_events(3)));
  text = registry.expose();
  EXPECT_NE(text.find("streamhub_log_head_position 3"), std::string::npos) << text;
}

}  // namespace
}  // namespace streamhub::tools
