#pragma once
// Generated platform traffic for the projection benchmarks
// (bench_projections_replay, bench_projections_lag; docs/PERFORMANCE.md,
// "Projections"): the same deterministic mix of events, appended to a log
// as the entity actors would.
//
// Thread-safety: none; one generator per thread.

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <unordered_set>
#include <vector>

#include "protocol/domain/entity_id.hpp"
#include "protocol/domain/event_codec.hpp"
#include "storage/event_log.hpp"

namespace streamhub::bench {

// Platform traffic: 20,000 users, the first 500 of them channels; mostly
// chat, then follows, viewer samples, streams going live and offline,
// subscriptions, deletions and a few posts (fanned out to followers). Event
// times start at 2023-11-14 and move on by a millisecond an event. Append
// failures throw std::runtime_error.
class platform_traffic {
 public:
  /// Called after each append with the positions it landed at.
  using append_listener = std::function<void(const storage::append_result&)>;

  explicit platform_traffic(storage::event_log& log, append_listener on_append = {})
      : log_(log), on_append_(std::move(on_append)) {}

  /// Appends until the log holds `events` events.
  void write(std::uint64_t events) {
    while (log_.head_position() < events) step(events - log_.head_position());
  }

  /// One action of the platform, at most `max_events` events (64 at most;
  /// a follow may find nothing new to append): the users register first, one
  /// append each, then the mix above, one append an action.
  void step(std::uint64_t max_events = 64) {
    if (users_ < total_users) return register_users(std::min<std::uint64_t>(max_events, 64));
    const int dice = std::uniform_int_distribution<int>(0, 999)(random_);
    if (dice < 850) chat(std::min<std::uint64_t>(max_events, 64));
    else if (dice < 930) follow(std::min<std::uint64_t>(max_events, 8));
    else if (dice < 975) viewers();
    else if (dice < 985) live_or_offline();
    else if (dice < 995) subscription();
    else if (dice < 998) delete_message();
    else post();
  }

 private:
  static constexpr int total_users = 20'000;
  static constexpr int channels = 500;

  std::string login(int i) const { return "user" + std::to_string(i); }
  int any_user() { return std::uniform_int_distribution<int>(0, total_users - 1)(random_); }
  int any_channel() { return std::uniform_int_distribution<int>(0, channels - 1)(random_); }

  storage::proposed_event event(const domain::encoded_payload& payload, std::string actor) {
    storage::proposed_event e;
    e.id = event_id::generate();
    e.type = std::string(payload.type);
    e.schema_version = payload.schema_version;
    e.timestamp_us = now_us_ += 1000;
    e.actor = std::move(actor);
    e.payload = payload.json;
    return e;
  }

  void append(std::string stream, std::vector<storage::proposed_event> events) {
    auto done = log_.append(std::move(stream), expected_version::any(), std::move(events));
    if (!done) throw std::runtime_error("append: " + done.err().message);
    if (on_append_) on_append_(*done);
  }

  void register_users(std::uint64_t n) {
    // One append each.
    for (std::uint64_t i = 0; i < n && users_ < total_users; ++i, ++users_) {
      const auto name = login(users_);
      append(domain::user_stream(name),
             {event(domain::encode(domain::user_registered{name, name + "@example.com", name, "h"}),
                    "user:" + name)});
    }
  }

  void chat(std::uint64_t n) {
    const auto room = login(any_channel());
    std::vector<storage::proposed_event> batch;
    for (std::uint64_t i = 0; i < n; ++i) {
      const auto user = login(any_user());
      batch.push_back(event(domain::encode(domain::chat_message_posted{
                                user, user, "message number " + std::to_string(++messages_),
                                std::nullopt, {}}),
                            "user:" + user));
    }
    last_message_[room] = batch.back().id.to_string();
    append(domain::chat_stream(room), std::move(batch));
  }

  void follow(std::uint64_t n) {
    const int channel = any_channel();
    std::vector<storage::proposed_event> batch;
    for (std::uint64_t i = 0; i < n; ++i) {
      const int follower = any_user();
      const auto key = static_cast<std::uint64_t>(channel) << 32 | static_cast<unsigned>(follower);
      if (follower == channel || !follows_.insert(key).second) continue;
      batch.push_back(event(domain::encode(domain::follower_added{login(follower)}),
                            "user:" + login(follower)));
    }
    if (!batch.empty()) append(domain::channel_stream(login(channel)), std::move(batch));
  }

  void viewers() {
    const auto channel = login(any_channel());
    append(domain::channel_stream(channel),
           {event(domain::encode(domain::viewers_sampled{
                      std::uniform_int_distribution<std::uint64_t>(0, 5000)(random_)}),
                  "system")});
  }

  void live_or_offline() {
    const auto channel = login(any_channel());
    auto it = live_.find(channel);
    if (it == live_.end()) {
      auto e = event(domain::encode(domain::stream_went_live{"Stream", "Games"}), "user:" + channel);
      live_[channel] = e.id.to_string();
      append(domain::channel_stream(channel), {std::move(e)});
    } else {
      auto e = event(domain::encode(domain::stream_went_offline{it->second, 3600, 100}),
                     "user:" + channel);
      live_.erase(it);
      append(domain::channel_stream(channel), {std::move(e)});
    }
  }

  void subscription() {
    const auto channel = login(any_channel());
    domain::subscription_added sub;
    sub.user = login(any_user());
    sub.tier = 1;
    sub.expires_at_us = now_us_ + 30LL * 24 * 3600 * 1'000'000;
    append(domain::channel_stream(channel), {event(domain::encode(sub), "user:" + sub.user)});
  }

  void delete_message() {
    const auto room = login(any_channel());
    auto it = last_message_.find(room);
    if (it == last_message_.end()) return chat(1);
    auto e = event(domain::encode(domain::chat_message_deleted{it->second}), "user:" + room);
    last_message_.erase(it);
    append(domain::chat_stream(room), {std::move(e)});
  }

  void post() {
    const auto author = login(any_channel());
    append(domain::user_stream(author),
           {event(domain::encode(domain::post_created{"news " + std::to_string(++posts_)}),
                  "user:" + author)});
  }

  storage::event_log& log_;
  append_listener on_append_;
  std::mt19937_64 random_{42};
  int users_ = 0;
  std::uint64_t messages_ = 0, posts_ = 0;
  std::int64_t now_us_ = 1'700'000'000'000'000;
  std::unordered_set<std::uint64_t> follows_;
  std::map<std::string, std::string> live_, last_message_;
};

}  // namespace streamhub::bench
