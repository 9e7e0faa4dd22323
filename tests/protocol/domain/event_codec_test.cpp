#include "protocol/domain/event_codec.hpp"

#include <gtest/gtest.h>

#include <set>
#include <vector>

namespace streamhub::domain {
namespace {

// One sample of every event type, with every field set to something other
// than its default (so a field the codec forgets shows up).
std::vector<user_event> user_samples() {
  return {user_registered{"Alice", "alice@example.org", "Alice \xF0\x9F\x8E\xAE", "$argon2id$v=19$x"},
          profile_updated{"Ally", "line one\nline \"two\""},
          profile_updated{std::nullopt, "bio only"},
          profile_updated{"name only", std::nullopt},
          user_blocked{"bob"},
          user_unblocked{"bob"},
          post_created{"hello \\ world"},
          post_deleted{"0190c3a2-7b1e-7cc0-8d7e-2f1a1b2c3d4e"},
          role_granted{"admin"},
          role_revoked{"admin"},
          refresh_token_issued{"ab12", "fam", 1'800'000'000'000'000, std::nullopt},
          refresh_token_issued{"cd34", "fam", 1'800'000'000'000'001, "ab12"},
          refresh_family_revoked{"fam", "reuse"},
          notifications_read{18'446'744'073'709'551'615ull}};
}

std::vector<channel_event> channel_samples() {
  return {follower_added{"bob"},
          follower_removed{"bob"},
          stream_went_live{"Speedrun \xE2\x80\x94 any%", "Games"},
          stream_updated{"New title", "Talk"},
          stream_went_offline{"0190c3a2-7b1e-7cc0-8d7e-2f1a1b2c3d4e", 3600, 1234},
          viewers_sampled{99},
          raid_started{"r1", "bob", 12},
          raid_sent{"r1", "bob", 12},
          raid_cancelled{"r1", "bob", "bob is not live"},
          raid_received{"r1", "alice", 12},
          subscription_added{"carol", 3, true, "dave", 7, 1'800'000'000'000'000},
          subscription_added{"carol", 2, false, std::nullopt, 1, 5},
          moderator_added{"erin"},
          moderator_removed{"erin"}};
}

std::vector<chat_event> chat_samples() {
  return {chat_message_posted{"bob", "Bob", "hi \xC3\xA9 <3", "0190c3a2-7b1e-7cc0-8d7e-2f1a1b2c3d4e",
                              {"moderator", "subscriber"}},
          chat_message_posted{"bob", "Bob", "no reply", std::nullopt, {}},
          chat_message_deleted{"0190c3a2-7b1e-7cc0-8d7e-2f1a1b2c3d4e"},
          chat_cleared{},
          user_timed_out{"bob", 600, 1'800'000'600'000'000, "spam"},
          user_banned{"bob", "abuse"},
          user_unbanned{"bob"},
          chat_modes_changed{30, 10, true, true},
          chat_modes_changed{0, std::nullopt, false, false}};
}

template <class Variant, class Decode>
void round_trip_all(const std::vector<Variant>& samples, Decode decode) {
  std::set<std::size_t> covered;
  for (const auto& sample : samples) {
    covered.insert(sample.index());
    const auto encoded = encode(sample);
    EXPECT_EQ(encoded.schema_version, 1u);
    std::visit([&](const auto& e) { EXPECT_EQ(encoded.type, std::decay_t<decltype(e)>::type); }, sample);
    auto decoded = decode(encoded.type, encoded.schema_version, encoded.json);
    ASSERT_TRUE(decoded) << encoded.type << ": " << decoded.err().message;
    EXPECT_EQ(*decoded, sample) << encoded.type << " " << encoded.json;
  }
  EXPECT_EQ(covered.size(), std::variant_size_v<Variant>) << "a sample per event type";
}

TEST(PayloadCodecTest, EveryUserEventRoundTrips) { round_trip_all(user_samples(), decode_user_event); }
TEST(PayloadCodecTest, EveryChannelEventRoundTrips) {
  round_trip_all(channel_samples(), decode_channel_event);
}
TEST(PayloadCodecTest, EveryChatEventRoundTrips) { round_trip_all(chat_samples(), decode_chat_event); }

TEST(PayloadCodecTest, WireTypesAreDistinctAcrossEntities) {
  std::set<std::string> types;
  std::size_t n = 0;
  auto add = [&](const auto& samples) {
    for (const auto& s : samples) std::visit([&](const auto& e) { types.insert(std::string(e.type)); }, s);
  };
  add(user_samples());
  add(channel_samples());
  add(chat_samples());
  n = std::variant_size_v<user_event> + std::variant_size_v<channel_event> +
      std::variant_size_v<chat_event>;
  EXPECT_EQ(types.size(), n);
}

TEST(PayloadCodecTest, WireNamesTheProductSpeaks) {
  EXPECT_EQ(encode(channel_event{stream_went_live{"t", "c"}}).type, "stream.live");
  EXPECT_EQ(encode(channel_event{stream_went_offline{}}).type, "stream.offline");
  EXPECT_EQ(encode(channel_event{follower_added{"b"}}).type, "user.new_follower");
  EXPECT_EQ(encode(channel_event{raid_received{}}).type, "raid.incoming");
  EXPECT_EQ(encode(channel_event{subscription_added{}}).type, "subscription.new");
  EXPECT_EQ(encode(chat_event{chat_message_posted{}}).type, "chat.message");
}

TEST(PayloadCodecTest, MissingFieldsTakeTheirDefaults) {
  auto decoded = decode_chat_event("chat.message", 1, R"({"user":"bob","text":"hi"})");
  ASSERT_TRUE(decoded) << decoded.err().message;
  const auto& m = std::get<chat_message_posted>(*decoded);
  EXPECT_EQ(m.text, "hi");
  EXPECT_FALSE(m.reply_to);
  EXPECT_TRUE(m.badges.empty());
}

TEST(PayloadCodecTest, UnknownOrForeignTypeIsInvalid) {
  auto unknown = decode_user_event("user.teleported", 1, "{}");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.err().code, error_code::invalid);
  // A chat event is not a user event.
  EXPECT_FALSE(decode_user_event("chat.message", 1, R"({"user":"bob","text":"hi"})"));
  EXPECT_FALSE(decode_chat_event("stream.live", 1, R"({"title":"t","category":"c"})"));
}

TEST(PayloadCodecTest, MalformedPayloadsAreInvalidNotThrown) {
  for (const char* bad : {"", "not json", "[1,2]", "42", "\"text\"", R"({"user":"bob")"}) {
    auto r = decode_chat_event("chat.message", 1, bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.err().code, error_code::invalid) << bad;
  }
  auto wrong_type = decode_channel_event("stream.viewers", 1, R"({"viewers":"many"})");
  ASSERT_FALSE(wrong_type);
  EXPECT_EQ(wrong_type.err().code, error_code::invalid);
}

TEST(PayloadCodecTest, PayloadFromANewerBuildIsInvalid) {
  auto r = decode_user_event("user.blocked", 2, R"({"target":"bob"})");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.err().code, error_code::invalid);
  EXPECT_NE(r.err().message.find("newer"), std::string::npos);
}

}  // namespace
}  // namespace streamhub::domain
