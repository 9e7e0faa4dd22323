#include "tests/projections/social_scenario.hpp"

namespace streamhub::projections::testing {

using namespace domain;

social_scenario write_social_scenario(log_writer& w) {
  social_scenario s;
  s.alice_registered = w.user("alice", user_registered{"Alice", "alice@example.com", "Alice A", "h"});
  s.bob_registered = w.user("bob", user_registered{"bob", "bob@example.com", "bob", "h"});
  s.carol_registered = w.user("carol", user_registered{"Carol", "carol@example.com", "Carol", "h"});
  s.dave_registered = w.user("dave", user_registered{"dave", "dave@example.com", "Dave", "h"});
  w.user("bob", profile_updated{"Bobby", "streams on weekends"});
  w.user("alice", role_granted{"admin"});

  s.bob_follows_alice = w.channel("alice", follower_added{"bob"}, "user:bob");
  s.carol_follows_alice = w.channel("alice", follower_added{"carol"}, "user:carol");
  s.alice_follows_bob = w.channel("bob", follower_added{"alice"}, "user:alice");
  s.carol_unfollows_alice = w.channel("alice", follower_removed{"carol"}, "user:carol");
  s.dave_follows_alice = w.channel("alice", follower_added{"dave"}, "user:dave");

  s.alice_post = w.user("alice", post_created{"Hello world, going live soon"});

  s.live = w.channel("alice", stream_went_live{"Speedrun any%", "Games"}, "user:alice");
  s.hi = w.chat("alice", chat_message_posted{"bob", "Bobby", "hi alice", std::nullopt, {}},
                "user:bob");
  s.first = w.chat("alice",
                   chat_message_posted{"dave", "Dave", "first!", s.hi.id_text(), {"subscriber"}},
                   "user:dave");
  s.spam = w.chat("alice", chat_message_posted{"bob", "Bobby", "buy followers", std::nullopt, {}},
                  "user:bob");
  s.spam_deleted = w.chat("alice", chat_message_deleted{s.spam.id_text()}, "user:alice");
  s.timeout = w.chat("alice", user_timed_out{"bob", 600, w.now_us + 600'000'000, "spam"},
                     "user:alice");
  s.viewers_42 = w.channel("alice", viewers_sampled{42});
  s.carol_follows_alice_again = w.channel("alice", follower_added{"carol"}, "user:carol");
  subscription_added sub;
  sub.user = "dave";
  sub.tier = 2;
  sub.expires_at_us = w.now_us + 30LL * 24 * 3600 * 1'000'000;
  s.subscription = w.channel("alice", sub, "user:dave");
  s.raid = w.channel("alice", raid_received{"raid-1", "bob", 7});
  s.hello = w.chat("alice",
                   chat_message_posted{"carol", "Carol", "hello \"everyone\"", std::nullopt,
                                       {"moderator", "subscriber"}},
                   "user:carol");
  s.viewers_30 = w.channel("alice", viewers_sampled{30});
  s.offline = w.channel("alice", stream_went_offline{s.live.id_text(), 20, 50}, "user:alice");

  s.after_stream = w.chat("alice", chat_message_posted{"bob", "Bobby", "gg", std::nullopt, {}},
                          "user:bob");
  s.cleared = w.chat("alice", chat_cleared{}, "user:alice");
  s.post_clear = w.chat("alice", chat_message_posted{"dave", "Dave", "quiet in here",
                                                     std::nullopt, {}},
                        "user:dave");
  s.modes = w.chat("alice", chat_modes_changed{30, 10, false, true}, "user:alice");

  s.in_bob_room = w.chat("bob",
                         chat_message_posted{"alice", "Alice A", "say \"hi\" \\o/, {all}",
                                             s.first.id_text(), {"moderator", "subscriber"}},
                         "user:alice");
  s.bob_post = w.user("bob", post_created{"bob here"});
  s.bob_post_deleted = w.user("bob", post_deleted{s.bob_post.id_text()});
  s.moderator = w.channel("alice", moderator_added{"carol"}, "user:alice");
  s.dave_read = w.user("dave", notifications_read{s.live.position});
  return s;
}

}  // namespace streamhub::projections::testing
