#pragma once
// One scripted afternoon on StreamHub, touching every read model: four users
// register, follow and unfollow, alice streams (viewers, chat, a deletion, a
// timeout, a follower, a subscription, a raid), chat goes on after the
// stream and is cleared, users post and delete posts, dave reads his
// notifications; one message in bob's room stays. The projection tests assert the exact rows it leaves.

#include "tests/projections/log_writer.hpp"

namespace streamhub::projections::testing {

struct social_scenario {
  appended alice_registered, bob_registered, carol_registered, dave_registered;
  appended bob_follows_alice, carol_follows_alice, alice_follows_bob, carol_unfollows_alice,
      dave_follows_alice, carol_follows_alice_again;
  appended alice_post, bob_post, bob_post_deleted;
  appended live, offline;
  appended hi, first, spam, spam_deleted, timeout, hello, after_stream, cleared, post_clear,
      modes, in_bob_room;
  appended viewers_42, viewers_30;
  appended subscription, raid, moderator;
  appended dave_read;
};

/// Writes the scenario; every event one second after the previous.
social_scenario write_social_scenario(log_writer& w);

}  // namespace streamhub::projections::testing
