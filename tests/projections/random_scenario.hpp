#pragma once
// Random but plausible traffic for property tests: users register, follow
// and unfollow, go live and offline, chat (with deletions, clears, timeouts
// and bans), post and delete posts, subscribe, raid and read their
// notifications, in any order the entity actors would accept. The same seed
// writes the same events.

#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "tests/projections/log_writer.hpp"

namespace streamhub::projections::testing {

class random_scenario {
 public:
  /// Writes through `w`, which must outlive the scenario; at most `users`
  /// users take part, with logins `prefix` + "user" + a number (scenarios
  /// sharing a log need prefixes of their own).
  random_scenario(log_writer& w, std::uint32_t seed, int users = 12, std::string prefix = {});

  /// Writes one event (registering a user first when none exists).
  appended step();

  /// Writes `n` events; returns the last.
  appended run(int n);

 private:
  appended register_user();
  appended channel_step(const std::string& login);
  appended chat_step(const std::string& room);
  appended user_step(const std::string& login);
  const std::string& pick(const std::vector<std::string>& from);
  bool chance(int percent);

  log_writer& write_;
  std::mt19937 random_;
  int max_users_;
  std::string prefix_;
  std::vector<std::string> users_;
  std::set<std::pair<std::string, std::string>> follows_;  // (channel, follower)
  std::map<std::string, std::string> live_;                // channel -> stream.live id
  std::map<std::string, std::vector<std::string>> messages_;  // room -> message ids
  std::map<std::string, std::vector<std::string>> posts_;     // author -> post ids
  std::set<std::pair<std::string, std::string>> banned_;      // (room, user)
  int counter_ = 0;
};

}  // namespace streamhub::projections::testing
