#include "gateway/api/read_values.hpp"

#include <gtest/gtest.h>

namespace streamhub::gateway::api {
namespace {

namespace rows = projections::read;
using graphql::value;

const value& field(const value& object, std::string_view name) {
  static const value missing;
  const auto* props = object.as_properties();
  const auto* v = props ? props->find(name) : nullptr;
  return v ? *v : missing;
}

rows::user_row bob_row() {
  rows::user_row u;
  u.login = "bob";
  u.login_as_typed = "Bob";
  u.display_name = "Bobby";
  u.email = "bob@example.com";
  u.created_at_us = 1'700'000'000'000'000;
  u.following_count = 3;
  return u;
}

TEST(ReadValuesTest, ConnectionHasEdgesPageInfoAndExtraFields) {
  rows::page<int> page;
  page.edges = {{"c1", 10}, {"c2", 20}};
  page.has_next_page = true;
  graphql::property_object extra;
  extra.add("unreadCount", value(7));
  const auto v = connection_value(
      page, [](int n) { return value(n); }, std::move(extra));

  EXPECT_EQ(field(v, "unreadCount").as_int(), 7);
  const auto edges = field(v, "edges").as_list();
  ASSERT_EQ(edges.size(), 2u);
  EXPECT_EQ(field(edges[1], "cursor").as_string(), "c2");
  EXPECT_EQ(field(edges[1], "node").as_int(), 20);
  EXPECT_TRUE(field(field(v, "pageInfo"), "hasNextPage").as_bool());
  EXPECT_EQ(field(field(v, "pageInfo"), "endCursor").as_string(), "c2");
}

TEST(ReadValuesTest, AnEmptyPageHasNoEndCursor) {
  const auto v = connection_value(rows::page<int>{}, [](int n) { return value(n); });
  EXPECT_TRUE(field(v, "edges").as_list().empty());
  EXPECT_FALSE(field(field(v, "pageInfo"), "hasNextPage").as_bool());
  EXPECT_TRUE(field(field(v, "pageInfo"), "endCursor").is_null());
}

TEST(ReadValuesTest, AUserRowIsAFullProfileExceptForTheViewerThemself) {
  const auto other = user_ref_of(bob_row(), "alice");
  ASSERT_NE(other.full, nullptr);
  EXPECT_TRUE(other.full->exists);
  EXPECT_EQ(other.full->login, "Bob");
  EXPECT_EQ(other.full->display_name, "Bobby");
  EXPECT_EQ(other.full->email, "bob@example.com");

  // Only the user actor knows the viewer's block list.
  const auto self = user_ref_of(bob_row(), "bob");
  EXPECT_EQ(self.full, nullptr);
  EXPECT_EQ(self.display_name, "Bobby");
}

TEST(ReadValuesTest, AChatMessageNamesItsSenderFromThePageUsers) {
  rows::chat_message_row m;
  m.id = "0b7f9c3e-1111-4a4a-8b8b-222233334444";
  m.channel = "alice";
  m.sequence = 42;
  m.sender = "bob";
  m.display_name = "Bob then";
  m.text = "hi";
  m.badges = {"subscriber"};

  const user_refs users{{"bob", user_ref_of(bob_row(), "alice")}};
  const auto v = chat_message_value(m, users);
  EXPECT_EQ(v.object_type_name(), "ChatMessage");
  EXPECT_EQ(field(v, "cursor").as_string(), "42");
  EXPECT_EQ(field(v, "displayName").as_string(), "Bob then");
  EXPECT_TRUE(field(v, "replyTo").is_null());
  const auto* sender = field(v, "sender").as<user_ref>();
  ASSERT_NE(sender, nullptr);
  EXPECT_NE(sender->full, nullptr);

  // A sender the page could not load keeps the name the message was sent with.
  const auto alone = chat_message_value(m, {});
  const auto* unloaded = field(alone, "sender").as<user_ref>();
  ASSERT_NE(unloaded, nullptr);
  EXPECT_EQ(unloaded->full, nullptr);
  EXPECT_EQ(unloaded->display_name, "Bob then");
}

TEST(ReadValuesTest, ANotificationHasTheSubscriptionsShape) {
  rows::notification_row n;
  n.recipient = "bob";
  n.position = 99;
  n.kind = rows::notification_kind::raid_incoming;
  n.channel = "alice";
  const auto v = notification_value(n, {});
  EXPECT_EQ(field(v, "id").as_string(), "bob:99");
  EXPECT_EQ(field(v, "position").as_string(), "99");
  EXPECT_EQ(field(v, "kind").as_string(), "RAID_INCOMING");
  EXPECT_TRUE(field(v, "actor").is_null());
}

}  // namespace
}  // namespace streamhub::gateway::api
