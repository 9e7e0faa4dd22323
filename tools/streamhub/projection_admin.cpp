#include "tools/streamhub/projection_admin.hpp"

#include <spdlog/fmt/fmt.h>
#include <spdlog/spdlog.h>

#include "gateway/admin/admin_command.hpp"
#include "projections/projection_runtime.hpp"
#include "projections/replay.hpp"

namespace streamhub::tools {

namespace {

error shut_down_error() { return error{error_code::unavailable, "the node's projections are stopping"}; }

}  // namespace

projection_admin::projection_admin(const storage::event_log& log, projections::projection_runtime& runtime,
                                   std::string conninfo)
    : log_(log), runtime_(runtime), conninfo_(std::move(conninfo)) {}

projection_admin::~projection_admin() { shutdown(); }

void projection_admin::shutdown() {
  std::vector<std::jthread> running;
  {
    std::lock_guard lock(mutex_);
    shut_down_ = true;
    for (auto& [name, state] : replays_)
      if (state.thread.joinable()) running.push_back(std::move(state.thread));
  }
  // Outside the lock: a finishing replay takes it to record its outcome.
  for (auto& thread : running) thread.request_stop();
  running.clear();
}

result<std::vector<gateway::admin::projection_info>> projection_admin::list() {
  std::lock_guard lock(mutex_);
  if (shut_down_) return shut_down_error();
  // The runtime stays valid while this call holds the lock (shutdown() takes
  // it first); the projectors' own locks are never taken the other way round.
  std::vector<gateway::admin::projection_info> out;
  for (const auto& s : runtime_.stats()) {
    gateway::admin::projection_info info;
    info.name = s.name;
    info.status = std::string(projections::to_string(s.status));
    info.checkpoint = s.applied;
    info.lag = s.lag_events;
    info.dead_letters = s.dead_letters;
    info.last_error = s.last_error;
    if (auto it = replays_.find(s.name); it != replays_.end()) {
      if (it->second.running) info.status = "replaying";
      info.last_replay = it->second.outcome;
    }
    out.push_back(std::move(info));
  }
  return out;
}

result<void> projection_admin::replay(std::string_view name) {
  std::jthread finished;  // the previous replay's thread, joined after the lock is released
  std::lock_guard lock(mutex_);
  if (shut_down_) return shut_down_error();  // and the runtime may be gone
  if (runtime_.find(name) == nullptr) {
    std::vector<std::string> known;
    for (const auto& s : runtime_.stats()) known.push_back(s.name);
    return error{error_code::not_found, "no projection '" + std::string(name) + "'" +
                                            gateway::admin::did_you_mean(gateway::admin::closest_name(name, known))};
  }
  auto& state = replays_[std::string(name)];
  if (state.running) return error{error_code::conflict, "a replay of " + std::string(name) + " is running"};
  state.running = true;
  finished = std::move(state.thread);
  state.thread = std::jthread([this, name = std::string(name)](std::stop_token stop) { run_replay(name, stop); });
  return {};
}

void projection_admin::run_replay(std::string name, const std::stop_token& stop) {
  // The live projector's own projection: the same read-model options, and
  // alive until the runtime stops, which waits for this replay (shutdown()).
  const auto* target = runtime_.find(name);
  projections::replay_options options;
  options.conninfo = conninfo_;
  options.stop_requested = [&stop] { return stop.stop_requested(); };
  spdlog::info("replay of {} started", name);
  auto summary = projections::replay_projection(*target, log_, options);
  std::string outcome;
  if (summary) {
    outcome = fmt::format("swapped in at position {}: {} events, {} rows, {:.1f} s", summary->position,
                          summary->progress.events_read, summary->rows, summary->seconds);
    // A projector halted at a failing event, or stopped by tables of an
    // older version, may go on from the fresh tables.
    for (const auto& s : runtime_.stats()) {
      if (s.name == name &&
          (s.status == projections::projector_status::halted || s.status == projections::projector_status::stale))
        (void)runtime_.resume(name);
    }
  } else {
    outcome = "failed: " + summary.err().message;
  }
  {
    std::lock_guard lock(mutex_);
    auto& state = replays_[name];
    state.running = false;
    state.outcome = outcome;
  }
  // Logged only once recorded: an operator (or a script) who reads this
  // line finds the same outcome in `projections`, not "replaying".
  if (summary)
    spdlog::info("replay of {} {}", name, outcome);
  else
    spdlog::error("replay of {} {}", name, outcome);
}

}  // namespace streamhub::tools
