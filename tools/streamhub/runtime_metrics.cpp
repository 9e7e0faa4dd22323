#include "tools/streamhub/runtime_metrics.hpp"

#include "actors/runtime.hpp"
#include "storage/event_log.hpp"

namespace streamhub::tools {

namespace {

using gateway::metrics::collected_family;
using gateway::metrics::metric_kind;
using gateway::metrics::sample;

collected_family one(std::string name, std::string help, metric_kind kind, double value) {
  return collected_family{std::move(name), std::move(help), kind, {sample{{}, value}}};
}

double d(std::uint64_t v) { return static_cast<double>(v); }

}  // namespace

gateway::metrics::collector runtime_collector(const actors::runtime& runtime, const storage::event_log& log) {
  return [&runtime, &log] {
    const actors::runtime_stats s = runtime.stats();
    collected_family active{"streamhub_actors_active", "Entity actors in memory, by kind", metric_kind::gauge,
                            {sample{{{"kind", "user"}}, d(s.active_users)},
                             sample{{{"kind", "channel"}}, d(s.active_channels)},
                             sample{{{"kind", "chat"}}, d(s.active_chats)}}};
    std::vector<collected_family> out;
    out.push_back(std::move(active));
    out.push_back(one("streamhub_actor_activations_total", "Entity actors activated (rebuilt from the log)",
                      metric_kind::counter, d(s.activations)));
    out.push_back(one("streamhub_actor_passivations_total", "Idle entity actors passivated", metric_kind::counter,
                      d(s.passivations)));
    out.push_back(one("streamhub_commands_total", "Commands handled by entity actors", metric_kind::counter,
                      d(s.commands)));
    out.push_back(one("streamhub_appends_total", "Appends to the event log acknowledged durable",
                      metric_kind::counter, d(s.appends)));
    out.push_back(one("streamhub_append_failures_total", "Appends that failed or whose outcome is unknown",
                      metric_kind::counter, d(s.append_failures)));
    out.push_back(one("streamhub_events_published_total", "Events published to live subscribers",
                      metric_kind::counter, d(s.events_published)));
    out.push_back(one("streamhub_entity_subscriptions", "Live subscriptions to entity actors", metric_kind::gauge,
                      d(s.subscriptions)));
    out.push_back(one("streamhub_notification_subscribers", "Live notification subscriptions (users listening)",
                      metric_kind::gauge, d(s.notification_subscribers)));
    out.push_back(one("streamhub_notifications_delivered_total",
                      "Live notifications handed to subscribers (one per subscriber and notification)",
                      metric_kind::counter, d(s.notifications_delivered)));
    out.push_back(one("streamhub_log_head_position", "The event log's last position", metric_kind::gauge,
                      d(log.head_position())));
    return out;
  };
}

}  // namespace streamhub::tools
