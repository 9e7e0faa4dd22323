// Property: whatever commands an entity was given (valid or not, in any
// order, interleaved with passivations and time passing), the state it
// rebuilds from the log after a restart equals the state it had, with or
// without snapshots. Presence (viewers) is ephemeral and excluded by the
// states' operator==.
//
// Seeds: STREAMHUB_PROPERTY_SEED=<n> runs only that seed (to reproduce a
// failure); STREAMHUB_PROPERTY_RUNS=<n> runs that many seeds (default 12).
#include "actors/runtime/rebuild.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <random>
#include <set>
#include <tuple>

#include "tests/actors/runtime_fixture.hpp"

namespace streamhub::actors {
namespace {

using namespace domain;

const std::vector<std::string> kLogins = {"alice", "bob", "carol", "dave", "erin"};
constexpr std::size_t kCommandsPerRun = 300;

struct world_state {
  std::map<std::string, std::pair<user_state, event_number>> users;
  std::map<std::string, std::pair<channel_state, event_number>> channels;
  std::map<std::string, std::pair<chat_state, event_number>> chats;
};

// (seed, snapshot_every)
class RebuildPropertyTest : public testing::runtime_fixture,
                            public ::testing::WithParamInterface<std::tuple<std::uint64_t, std::uint32_t>> {
 protected:
  std::mt19937_64 rng;

  std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng); }
  const std::string& login() { return kLogins[pick(kLogins.size())]; }
  // Mostly a known login, sometimes an unregistered or an invalid one.
  std::string target() {
    if (chance(0.05)) return "x";
    if (chance(0.05)) return "stranger";
    return login();
  }
  template <class T>
  const T& one_of(const std::vector<T>& v) { return v[pick(v.size())]; }

  // Mostly the entity's owner (so that most commands pass), sometimes
  // someone else, an admin or nobody.
  domain::command_context caller() {
    if (chance(0.03)) return as("");
    if (chance(0.05)) return as("root", /*admin=*/true);
    return as(chance(0.4) ? entity_ : login());
  }

  std::string text() {
    static const std::vector<std::string> texts = {
        "hello", "Kappa", "Kappa PogChamp", "caf\xC3\xA9", "   ", "", "bad\x07", "\xC3",
        std::string(500, 'a'), std::string(501, 'a'), "two\nlines", "gg"};
    return one_of(texts);
  }

  std::vector<std::string> posts, messages, tokens;
  std::string entity_;  // The entity the next command goes to.

  user_command user_cmd() {
    switch (pick(10)) {
      case 0: return register_user{chance(0.9) ? entity_ : login(), chance(0.8) ? "a@b.c" : "nope", "", "h"};
      case 1: return update_profile{chance(0.5) ? std::optional<std::string>(text()) : std::nullopt,
                                    chance(0.5) ? std::optional<std::string>(text()) : std::nullopt};
      case 2: return block_user{target()};
      case 3: return unblock_user{target()};
      case 4: return create_post{text()};
      case 5: return delete_post{posts.empty() || chance(0.2) ? "none" : one_of(posts)};
      case 6: return chance(0.5) ? user_command{grant_role{chance(0.9) ? "admin" : "god"}}
                                 : user_command{revoke_role{"admin"}};
      case 7: {
        tokens.push_back("t" + std::to_string(tokens.size()));
        return issue_refresh_token{tokens.back(), "f" + std::to_string(pick(3)),
                                   now_us + static_cast<std::int64_t>(pick(600)) * 1'000'000};
      }
      case 8: {
        tokens.push_back("t" + std::to_string(tokens.size()));
        const auto old = tokens.size() > 1 ? tokens[pick(tokens.size() - 1)] : "none";
        return rotate_refresh_token{old, tokens.back(), now_us + 600'000'000};
      }
      default:
        return chance(0.5) ? user_command{revoke_refresh_token{tokens.empty() ? "none" : one_of(tokens)}}
                           : user_command{mark_notifications_read{pick(100)}};
    }
  }

  channel_command channel_cmd() {
    switch (pick(9)) {
      case 0: return go_live{chance(0.8) ? "Title" : text(), chance(0.9) ? "Games" : ""};
      case 1: return update_stream{chance(0.5) ? std::optional<std::string>(chance(0.8) ? "New" : text())
                                               : std::nullopt,
                                   std::optional<std::string>("Talk")};
      case 2: return go_offline{};
      case 3: return follow_channel{};
      case 4: return unfollow_channel{};
      case 5: return start_raid{target()};
      case 6: return subscribe_channel{static_cast<int>(pick(5)),
                                       chance(0.3) ? std::optional<std::string>(target()) : std::nullopt};
      case 7: return add_moderator{target()};
      default: return remove_moderator{target()};
    }
  }

  chat_command chat_cmd() {
    switch (pick(12)) {
      case 0: return delete_chat_message{messages.empty() || chance(0.2) ? "none" : one_of(messages)};
      case 1: return chance(0.2) ? chat_command{clear_chat{}}
                                 : chat_command{timeout_user{target(), static_cast<std::int64_t>(pick(120)), "r"}};
      case 2: return ban_user{target(), "r"};
      case 3: return unban_user{target()};
      case 4: {
        set_chat_modes m;
        if (chance(0.4)) m.slow_mode_s = static_cast<std::int64_t>(pick(4)) * 2;
        // Restrictive modes mostly off again soon, or few messages would pass.
        if (chance(0.3)) m.followers_only_min = chance(0.3) ? static_cast<std::int64_t>(pick(3)) : -1;
        if (chance(0.3)) m.subscribers_only = chance(0.2);
        if (chance(0.3)) m.emote_only = chance(0.2);
        return m;
      }
      default:
        return send_chat_message{text(), chance(0.1) && !messages.empty()
                                             ? std::optional<std::string>(one_of(messages))
                                             : std::nullopt};
    }
  }

  // Issues 1 to 4 commands before letting the actors run, so appends of one
  // entity are pipelined and entities interleave.
  void random_step() {
    const std::size_t burst = 1 + pick(4);
    for (std::size_t i = 0; i < burst; ++i) issue_one();
    run();
  }

  void issue_one() {
    const auto which = pick(20);
    if (which == 0) {
      now_us += static_cast<std::int64_t>(pick(900)) * 1'000'000;  // Up to 15 minutes.
      return;
    }
    if (which == 1) {
      (chance(0.6) ? rt_->viewer_joined(login()) : rt_->viewer_left(login()));
      return;
    }
    if (which == 2) {
      static const char* kinds[] = {"user:", "channel:", "chat:"};
      rt_->passivate(std::string(kinds[pick(3)]) + login(), [](result<bool>) {});
      return;
    }
    now_us += static_cast<std::int64_t>(pick(3'000'000));
    entity_ = login();
    auto ctx = caller();
    if (which < 8) {
      auto cmd = user_cmd();
      const bool post = std::holds_alternative<create_post>(cmd);
      rt_->execute(entity_, ctx, std::move(cmd), [this, post](result<command_outcome> r) {
        if (post && r) posts.push_back(r->first_event_id.to_string());
      });
    } else if (which < 12) {
      rt_->execute(entity_, ctx, channel_cmd(), [](result<command_outcome>) {});
    } else {
      auto cmd = chat_cmd();
      const bool message = std::holds_alternative<send_chat_message>(cmd);
      rt_->execute(entity_, ctx, std::move(cmd), [this, message](result<command_outcome> r) {
        if (message && r) messages.push_back(r->first_event_id.to_string());
      });
    }
  }

  world_state capture() {
    world_state w;
    for (const auto& l : kLogins) {
      read(&runtime::read_user, l, [&](const user_state& s, event_number v) { w.users[l] = {s, v}; });
      read(&runtime::read_channel, l,
           [&](const channel_state& s, event_number v) { w.channels[l] = {s, v}; });
      read(&runtime::read_chat, l, [&](const chat_state& s, event_number v) { w.chats[l] = {s, v}; });
    }
    run();  // Replicas catch up with what activating the others published.
    return w;
  }

  // On a mismatch, prints both states as their snapshot JSON.
  template <class Entity, class Map>
  void expect_same_in(const Map& before, const Map& after, const std::string& what) {
    for (const auto& l : kLogins) {
      const auto& [b, bv] = before.at(l);
      const auto& [a, av] = after.at(l);
      EXPECT_EQ(bv, av) << what << " " << l << ": version";
      EXPECT_TRUE(b == a) << what << " " << l << "\n before: " << Entity::encode_state(b)
                          << "\n after:  " << Entity::encode_state(a);
    }
  }
  void expect_same(const world_state& before, const world_state& after, const std::string& when) {
    expect_same_in<user_entity>(before.users, after.users, when + ": user");
    expect_same_in<channel_entity>(before.channels, after.channels, when + ": channel");
    expect_same_in<chat_entity>(before.chats, after.chats, when + ": chat");
  }
};

TEST_P(RebuildPropertyTest, StateAfterRestartEqualsStateBefore) {
  const auto [seed, every] = GetParam();
  SCOPED_TRACE("seed " + std::to_string(seed) + ", snapshot_every " + std::to_string(every) +
               " (rerun: STREAMHUB_PROPERTY_SEED=" + std::to_string(seed) + ")");
  rng.seed(seed);
  snapshot_every = every;
  restart_runtime();
  for (const auto& l : kLogins) sign_up(l);
  for (std::size_t i = 0; i < kCommandsPerRun; ++i) random_step();
  const auto before = capture();
  // The sequence must reach most of the domain to prove anything.
  std::set<std::string> types;
  (void)log_.scan_all(1, SIZE_MAX, [&](const event_envelope& e) { return types.insert(e.type), true; });
  ASSERT_GT(log_.head_position(), kCommandsPerRun / 3);
  std::string written;
  for (const auto& t : types) written += t + " ";
  EXPECT_GE(types.size(), 16u) << "event types written: " << written;

  restart_runtime();
  expect_same(before, capture(), "after a restart");
  restart_runtime();
  ASSERT_TRUE(log_.delete_all_snapshots());
  expect_same(before, capture(), "after a restart without snapshots");
}

std::vector<std::uint64_t> seeds() {
  if (const char* one = std::getenv("STREAMHUB_PROPERTY_SEED")) return {std::strtoull(one, nullptr, 10)};
  std::size_t runs = 12;
  if (const char* n = std::getenv("STREAMHUB_PROPERTY_RUNS")) runs = std::strtoull(n, nullptr, 10);
  std::vector<std::uint64_t> out;
  for (std::size_t i = 0; i < runs; ++i) out.push_back(1000 + i);
  return out;
}

INSTANTIATE_TEST_SUITE_P(Seeds, RebuildPropertyTest,
                         ::testing::Combine(::testing::ValuesIn(seeds()),
                                            ::testing::Values(500u, 3u)));

}  // namespace
}  // namespace streamhub::actors
