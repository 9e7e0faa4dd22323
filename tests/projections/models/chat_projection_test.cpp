#include "projections/models/read_models.hpp"

#include <gtest/gtest.h>

#include "tests/projections/projection_test.hpp"
#include "tests/projections/social_scenario.hpp"

namespace streamhub::projections {
namespace {

using testing::text_rows;
using std::to_string;

class ChatProjectionTest : public testing::projection_test {};

TEST_F(ChatProjectionTest, DeletedAndClearedMessagesAreGoneAndModerationIsLogged) {
  start({read::read_model::chat});
  const auto s = testing::write_social_scenario(write_);
  catch_up();

  // alice's room was cleared after the stream: only the later message is
  // left; bob's room keeps its one message.
  EXPECT_EQ(rows("SELECT channel, sequence, id, sender, display_name, body, reply_to, badges, "
                 "timestamptz_to_us(sent_at), position FROM proj_chat.messages "
                 "ORDER BY channel, sequence"),
            (text_rows{{"alice", to_string(s.post_clear.version), s.post_clear.id_text(), "dave",
                        "Dave", "quiet in here", "NULL", "{}", to_string(s.post_clear.at_us),
                        to_string(s.post_clear.position)},
                       {"bob", "1", s.in_bob_room.id_text(), "alice", "Alice A",
                        "say \"hi\" \\o/, {all}", s.first.id_text(), "{moderator,subscriber}",
                        to_string(s.in_bob_room.at_us), to_string(s.in_bob_room.position)}}));
  EXPECT_EQ(
      rows("SELECT channel, sequence, action, moderator, target, message_id, duration_s, "
           "timestamptz_to_us(until), reason, modes, timestamptz_to_us(at), position "
           "FROM proj_chat.moderation_log ORDER BY channel, sequence"),
      (text_rows{
          {"alice", to_string(s.spam_deleted.version), "delete", "alice", "NULL",
           s.spam.id_text(), "NULL", "NULL", "NULL", "NULL", to_string(s.spam_deleted.at_us),
           to_string(s.spam_deleted.position)},
          {"alice", to_string(s.timeout.version), "timeout", "alice", "bob", "NULL", "600",
           to_string(s.timeout.at_us + 600'000'000), "spam", "NULL", to_string(s.timeout.at_us),
           to_string(s.timeout.position)},
          {"alice", to_string(s.cleared.version), "clear", "alice", "NULL", "NULL", "NULL",
           "NULL", "NULL", "NULL", to_string(s.cleared.at_us), to_string(s.cleared.position)},
          {"alice", to_string(s.modes.version), "modes", "alice", "NULL", "NULL", "NULL", "NULL",
           "NULL",
           R"({"emoteOnly": true, "slowModeSeconds": 30, "subscribersOnly": false, )"
           R"("followersOnlyMinutes": 10})",
           to_string(s.modes.at_us), to_string(s.modes.position)},
      }));
}

TEST_F(ChatProjectionTest, MessagesOfOneBatchBeforeADeletionAreDeletedToo) {
  using namespace domain;
  const auto a = write_.chat("eve", chat_message_posted{"bob", "Bob", "one", std::nullopt, {}});
  const auto b = write_.chat("eve", chat_message_posted{"bob", "Bob", "two", std::nullopt, {}});
  write_.chat("eve", chat_message_deleted{b.id_text()});
  write_.chat("eve", chat_message_posted{"bob", "Bob", "three", std::nullopt, {}});
  start({read::read_model::chat});
  catch_up();
  EXPECT_EQ(rows("SELECT body FROM proj_chat.messages ORDER BY sequence"),
            (text_rows{{"one"}, {"three"}}));
  EXPECT_EQ(value("SELECT count(*) FROM proj_chat.messages WHERE id = '" + a.id_text() + "'"), "1");
}

}  // namespace
}  // namespace streamhub::projections
