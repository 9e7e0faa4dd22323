// Figures per stream session (READ_MODELS.md, "analytics"): messages,
// unique chatters, new followers, subscriptions and peak viewers, counted
// only while the session is live. Which session a channel is live in comes
// from this projection's own live_sessions table.
//
// Counts are summed in memory over a batch and written with two multi-row
// statements at flush; the live sessions of the channels a batch touches are
// fetched in one query first.

#include <pqxx/transaction_base>
#include <pqxx/result>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "projections/models/event_dispatch.hpp"
#include "projections/models/read_models.hpp"
#include "projections/sql/pg_array.hpp"

namespace streamhub::projections {
namespace {

using namespace domain;

constexpr std::string_view ddl_sql = R"sql(
CREATE TABLE {schema}.live_sessions (
  channel text PRIMARY KEY,
  session_id uuid NOT NULL
);

CREATE TABLE {schema}.session_stats (
  session_id uuid PRIMARY KEY,
  channel text NOT NULL,
  messages bigint NOT NULL DEFAULT 0,
  unique_chatters bigint NOT NULL DEFAULT 0,
  new_followers bigint NOT NULL DEFAULT 0,
  subscriptions bigint NOT NULL DEFAULT 0,
  peak_viewers bigint NOT NULL DEFAULT 0
);

CREATE TABLE {schema}.session_chatters (
  session_id uuid NOT NULL,
  login text NOT NULL,
  PRIMARY KEY (session_id, login)
);
)sql";

constexpr const char* live_sessions_of = "analytics_live_sessions_of";
constexpr const char* start_session = "analytics_start_session";
constexpr const char* end_session = "analytics_end_session";
constexpr const char* add_chatters = "analytics_add_chatters";
constexpr const char* add_counts = "analytics_add_counts";

struct counts {
  std::int64_t messages = 0;
  std::int64_t followers = 0;
  std::int64_t subscriptions = 0;
  std::uint64_t peak = 0;
};

class analytics_writer final : public projection_writer {
 public:
  explicit analytics_writer(pqxx::transaction_base& tx) : tx_(tx) {}

  result<void> apply(const event_envelope& event) override { return dispatch(event, *this); }

  void prefetch(std::span<const event_envelope> batch) override {
    sql::pg_array channels;
    std::set<std::string_view> seen;
    for (const auto& e : batch) {
      if (e.stream_id.starts_with("user:")) continue;  // no session figures there
      const auto login = stream_login(e.stream_id);
      if (seen.insert(login).second) channels.add(login);
    }
    if (channels.empty()) return;
    for (const auto& row : tx_.exec_prepared(live_sessions_of, channels.literal())) {
      live_[row[0].as<std::string>()] = row[1].as<std::string>();
    }
    for (const auto login : seen) live_.try_emplace(std::string(login));
  }

  void flush() override {
    if (!chatters_.empty()) {
      sql::pg_array sessions, logins;
      for (const auto& [session, login] : chatters_) {
        sessions.add(session);
        logins.add(login);
      }
      tx_.exec_prepared0(add_chatters, sessions.literal(), logins.literal());
      chatters_.clear();
    }
    if (!counts_.empty()) {
      sql::pg_array sessions, messages, followers, subscriptions, peaks;
      for (const auto& [session, c] : counts_) {
        sessions.add(session);
        messages.add(c.messages);
        followers.add(c.followers);
        subscriptions.add(c.subscriptions);
        peaks.add(c.peak);
      }
      tx_.exec_prepared0(add_counts, sessions.literal(), messages.literal(), followers.literal(),
                         subscriptions.literal(), peaks.literal());
      counts_.clear();
    }
  }

  void operator()(const event_envelope& e, std::string_view channel, const stream_went_live&) {
    auto session = e.id.to_string();
    tx_.exec_prepared0(start_session, std::string(channel), session);
    live_[std::string(channel)] = std::move(session);
  }

  void operator()(const event_envelope&, std::string_view channel, const stream_went_offline& o) {
    tx_.exec_prepared0(end_session, std::string(channel));
    live_[std::string(channel)].clear();
    auto& c = counts_[o.session_id];
    c.peak = std::max(c.peak, o.peak_viewers);
  }

  void operator()(const event_envelope&, std::string_view channel, const viewers_sampled& v) {
    if (auto* c = live_counts(channel)) c->peak = std::max(c->peak, v.viewers);
  }

  void operator()(const event_envelope&, std::string_view room, const chat_message_posted& m) {
    const std::string* session = live_session(room);
    if (session == nullptr) return;
    ++counts_[*session].messages;
    chatters_.emplace(*session, m.user);
  }

  void operator()(const event_envelope&, std::string_view channel, const follower_added&) {
    if (auto* c = live_counts(channel)) ++c->followers;
  }

  void operator()(const event_envelope&, std::string_view channel, const subscription_added&) {
    if (auto* c = live_counts(channel)) ++c->subscriptions;
  }

 private:
  // The channel's live session, or null when offline: from memory, else
  // from the table (events applied one by one are not prefetched).
  const std::string* live_session(std::string_view channel) {
    auto it = live_.find(std::string(channel));
    if (it == live_.end()) {
      std::string session;
      sql::pg_array one;
      one.add(channel);
      const auto rows = tx_.exec_prepared(live_sessions_of, one.literal());
      if (!rows.empty()) session = rows[0][1].as<std::string>();
      it = live_.emplace(std::string(channel), std::move(session)).first;
    }
    return it->second.empty() ? nullptr : &it->second;
  }

  counts* live_counts(std::string_view channel) {
    const std::string* session = live_session(channel);
    return session == nullptr ? nullptr : &counts_[*session];
  }

  pqxx::transaction_base& tx_;
  // Channel -> live session id ("" when offline), as of the last event applied.
  std::unordered_map<std::string, std::string> live_;
  std::map<std::string, counts> counts_;
  std::set<std::pair<std::string, std::string>> chatters_;
};

class analytics_projection final : public projection {
 public:
  read::read_model model() const noexcept override { return read::read_model::analytics; }
  std::uint32_t version() const noexcept override { return 1; }

  bool handles(std::string_view type) const noexcept override {
    return is_one_of<stream_went_live, stream_went_offline, viewers_sampled, chat_message_posted,
                     follower_added, subscription_added>(type);
  }

  std::string_view ddl() const noexcept override { return ddl_sql; }

  std::vector<prepared_statement> statements() const override {
    return {
        {live_sessions_of,
         "SELECT channel, session_id::text FROM {schema}.live_sessions "
         "WHERE channel = ANY($1::text[])"},
        {start_session,
         "WITH s AS (INSERT INTO {schema}.session_stats (session_id, channel) "
         "VALUES ($2::uuid, $1)) "
         "INSERT INTO {schema}.live_sessions (channel, session_id) VALUES ($1, $2::uuid) "
         "ON CONFLICT (channel) DO UPDATE SET session_id = excluded.session_id"},
        {end_session, "DELETE FROM {schema}.live_sessions WHERE channel = $1"},
        // Counts only the pairs new to the table.
        {add_chatters,
         "WITH n AS (INSERT INTO {schema}.session_chatters (session_id, login) "
         "SELECT * FROM unnest($1::uuid[], $2::text[]) ON CONFLICT DO NOTHING "
         "RETURNING session_id) "
         "UPDATE {schema}.session_stats s SET unique_chatters = unique_chatters + c.n "
         "FROM (SELECT session_id, count(*) AS n FROM n GROUP BY session_id) c "
         "WHERE s.session_id = c.session_id"},
        {add_counts,
         "UPDATE {schema}.session_stats s SET messages = messages + d.m, "
         "new_followers = new_followers + d.f, subscriptions = subscriptions + d.s, "
         "peak_viewers = greatest(peak_viewers, d.p) "
         "FROM unnest($1::uuid[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[]) "
         "AS d(id, m, f, s, p) WHERE s.session_id = d.id"},
    };
  }

  std::unique_ptr<projection_writer> writer(pqxx::transaction_base& tx, const std::string&,
                                            write_target) const override {
    return std::make_unique<analytics_writer>(tx);
  }
};

}  // namespace

std::unique_ptr<projection> make_analytics_projection() {
  return std::make_unique<analytics_projection>();
}

}  // namespace streamhub::projections
