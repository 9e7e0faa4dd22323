#pragma once
// The `stats` answer: uptime, active actors by kind, mailbox depths, the log
// head and its append rate, connections and subscriptions. Internal to the
// admin endpoint.

#include <chrono>
#include <deque>
#include <mutex>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "gateway/session_info.hpp"
#include "protocol/event_envelope.hpp"

namespace streamhub::actors {
class runtime;
}

namespace streamhub::gateway::admin {

/// The log head sampled over the last minute. Thread-safe.
class append_rate {
 public:
  using clock = std::chrono::steady_clock;

  void sample(clock::time_point now, log_position head);
  /// Appended events per second over the sampled window (up to a minute);
  /// 0 with fewer than two samples.
  double per_second() const;
  /// Since the first sample.
  clock::duration uptime(clock::time_point now) const;

 private:
  mutable std::mutex mutex_;
  std::deque<std::pair<clock::time_point, log_position>> samples_;
  clock::time_point first_{};
};

/// Everything but the gateway's figures, which add_sessions fills in.
nlohmann::ordered_json stats_json(actors::runtime& rt, const append_rate& rate);

/// Adds "connections" and the GraphQL subscription count to a stats answer.
void add_sessions(nlohmann::ordered_json& stats, const std::vector<session_info>& sessions);

}  // namespace streamhub::gateway::admin
