// Notifications per recipient (READ_MODELS.md, "notifications"). A
// notification is identified by its recipient and the log position of the
// event that caused it; it is read when that position is at or below the
// recipient's read mark. Fan-out to a channel's followers uses this
// projection's own follower index, written from the same events.

#include <pqxx/transaction_base>

#include "projections/models/event_dispatch.hpp"
#include "projections/models/read_models.hpp"
#include "projections/sql/pg_array.hpp"

namespace streamhub::projections {
namespace {

using namespace domain;

constexpr std::string_view ddl_sql = R"sql(
CREATE TABLE {schema}.followers (
  channel text NOT NULL,
  follower text NOT NULL,
  PRIMARY KEY (channel, follower)
);

CREATE TABLE {schema}.notifications (
  recipient text NOT NULL,
  position bigint NOT NULL,
  kind text NOT NULL
    CHECK (kind IN ('stream_live', 'new_follower', 'raid_incoming', 'new_subscription')),
  channel text NOT NULL,
  actor text,
  body text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (recipient, position)
);

CREATE TABLE {schema}.read_marks (
  recipient text PRIMARY KEY,
  up_to bigint NOT NULL
);
)sql";

constexpr const char* add_followers = "notifications_add_followers";
constexpr const char* remove_follower = "notifications_remove_follower";
constexpr const char* notify_owners = "notifications_notify_owners";
constexpr const char* notify_followers = "notifications_notify_followers";
constexpr const char* mark_read = "notifications_mark_read";

class notifications_writer final : public projection_writer {
 public:
  explicit notifications_writer(pqxx::transaction_base& tx) : tx_(tx) {}

  result<void> apply(const event_envelope& event) override { return dispatch(event, *this); }

  /// Writes the buffered follower rows, then the buffered notifications:
  /// one statement for each.
  void flush() override {
    if (!followers_.channel.empty()) {
      tx_.exec_prepared0(add_followers, followers_.channel.literal(),
                         followers_.follower.literal());
      followers_ = {};
    }
    if (!notes_.recipient.empty()) {
      tx_.exec_prepared0(notify_owners, notes_.recipient.literal(), notes_.position.literal(),
                         notes_.kind.literal(), notes_.actor.literal(), notes_.body.literal(),
                         notes_.created_at.literal());
      notes_ = {};
    }
  }

  void operator()(const event_envelope& e, std::string_view channel, const follower_added& f) {
    followers_.channel.add(channel);
    followers_.follower.add(f.user);
    notify(e, channel, "new_follower", f.user, f.user + " followed you");
  }

  void operator()(const event_envelope&, std::string_view channel, const follower_removed& f) {
    flush();
    tx_.exec_prepared0(remove_follower, std::string(channel), f.user);
  }

  // Reads the followers as they are at this point of the log, so whatever
  // came before is written first.
  void operator()(const event_envelope& e, std::string_view channel, const stream_went_live& l) {
    flush();
    tx_.exec_prepared0(notify_followers, std::string(channel), e.position,
                       std::string(channel) + " is live: " + l.title, e.timestamp_us);
  }

  void operator()(const event_envelope& e, std::string_view channel, const raid_received& r) {
    notify(e, channel, "raid_incoming", r.source,
           r.source + " is raiding with " + std::to_string(r.viewers) + " viewers");
  }

  void operator()(const event_envelope& e, std::string_view channel, const subscription_added& s) {
    std::string text = s.gifted && s.gifter
                           ? *s.gifter + " gifted a tier " + std::to_string(s.tier) +
                                 " subscription to " + s.user
                           : s.user + " subscribed at tier " + std::to_string(s.tier);
    if (s.cumulative_months > 1) text += " (" + std::to_string(s.cumulative_months) + " months)";
    notify(e, channel, "new_subscription", s.user, text);
  }

  void operator()(const event_envelope&, std::string_view login, const notifications_read& r) {
    flush();
    tx_.exec_prepared0(mark_read, std::string(login), r.up_to_position);
  }

 private:
  // To the channel's owner, who shares the channel's login. Buffered: a
  // notification to one recipient is keyed by its event's position, so the
  // buffered ones never collide, and nothing buffered reads them.
  void notify(const event_envelope& e, std::string_view channel, const char* kind,
              const std::string& actor, const std::string& text) {
    notes_.recipient.add(channel);
    notes_.position.add(e.position);
    notes_.kind.add(kind);
    notes_.actor.add(actor);
    notes_.body.add(text);
    notes_.created_at.add(e.timestamp_us);
  }

  struct follower_columns {
    sql::pg_array channel, follower;
  };
  struct notification_columns {
    sql::pg_array recipient, position, kind, actor, body, created_at;
  };

  pqxx::transaction_base& tx_;
  follower_columns followers_;
  notification_columns notes_;
};

class notifications_projection final : public projection {
 public:
  read::read_model model() const noexcept override { return read::read_model::notifications; }
  std::uint32_t version() const noexcept override { return 1; }

  bool handles(std::string_view type) const noexcept override {
    return is_one_of<follower_added, follower_removed, stream_went_live, raid_received,
                     subscription_added, notifications_read>(type);
  }

  std::string_view ddl() const noexcept override { return ddl_sql; }

  std::vector<prepared_statement> statements() const override {
    return {
        {add_followers,
         "INSERT INTO {schema}.followers (channel, follower) "
         "SELECT * FROM unnest($1::text[], $2::text[])"},
        {remove_follower,
         "DELETE FROM {schema}.followers WHERE channel = $1 AND follower = $2"},
        // $1: recipients, each the channel too; $2: positions; $3: kinds;
        // $4: actors; $5: bodies; $6: times.
        {notify_owners,
         "INSERT INTO {schema}.notifications (recipient, position, kind, channel, actor, body, "
         "created_at) SELECT r, p, k, r, a, b, us_to_timestamptz(t) FROM unnest($1::text[], "
         "$2::bigint[], $3::text[], $4::text[], $5::text[], $6::bigint[]) AS x(r, p, k, a, b, t)"},
        // Every follower of the channel at this point of the log, in one statement.
        {notify_followers,
         "INSERT INTO {schema}.notifications (recipient, position, kind, channel, body, "
         "created_at) SELECT follower, $2, 'stream_live', $1, $3, us_to_timestamptz($4) "
         "FROM {schema}.followers WHERE channel = $1"},
        {mark_read,
         "INSERT INTO {schema}.read_marks (recipient, up_to) VALUES ($1, $2) "
         "ON CONFLICT (recipient) DO UPDATE SET up_to = greatest({schema}.read_marks.up_to, "
         "excluded.up_to)"},
    };
  }

  std::unique_ptr<projection_writer> writer(pqxx::transaction_base& tx, const std::string&,
                                            write_target) const override {
    return std::make_unique<notifications_writer>(tx);
  }
};

}  // namespace

std::unique_ptr<projection> make_notifications_projection() {
  return std::make_unique<notifications_projection>();
}

}  // namespace streamhub::projections
