// Channels, their stream sessions and moderators (READ_MODELS.md,
// "channels"): what liveStreams, channel and streamSessions read.

#include <pqxx/transaction_base>

#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

#include "projections/models/event_dispatch.hpp"
#include "projections/models/read_models.hpp"
#include "projections/sql/pg_array.hpp"

namespace streamhub::projections {
namespace {

using namespace domain;

constexpr std::string_view ddl_sql = R"sql(
CREATE TABLE {schema}.channels (
  login text PRIMARY KEY,
  live boolean NOT NULL DEFAULT false,
  title text,
  category text,
  session_id uuid,
  started_at timestamptz,
  viewers bigint NOT NULL DEFAULT 0,
  CHECK (live = (session_id IS NOT NULL))
);
CREATE INDEX channels_live_by_viewers ON {schema}.channels (viewers, login) WHERE live;
CREATE INDEX channels_live_by_category ON {schema}.channels (lower(category), viewers, login)
  WHERE live;
CREATE INDEX channels_title_trgm ON {schema}.channels USING gin (lower(title) gin_trgm_ops);
CREATE INDEX channels_category_trgm ON {schema}.channels USING gin (lower(category) gin_trgm_ops);

CREATE TABLE {schema}.stream_sessions (
  id uuid PRIMARY KEY,
  channel text NOT NULL,
  title text NOT NULL,
  category text NOT NULL,
  started_at timestamptz NOT NULL,
  ended_at timestamptz,
  peak_viewers bigint NOT NULL DEFAULT 0,
  last_viewers bigint NOT NULL DEFAULT 0,
  position bigint NOT NULL
);
CREATE UNIQUE INDEX stream_sessions_by_channel ON {schema}.stream_sessions (channel, position DESC);

CREATE TABLE {schema}.moderators (
  channel text NOT NULL,
  login text NOT NULL,
  added_at timestamptz NOT NULL,
  PRIMARY KEY (channel, login)
);
)sql";

constexpr const char* insert_channels = "channels_insert";
constexpr const char* go_live = "channels_go_live";
constexpr const char* update_stream = "channels_update_stream";
constexpr const char* sample_viewers = "channels_sample_viewers";
constexpr const char* go_offline = "channels_go_offline";
constexpr const char* add_moderator = "channels_add_moderator";
constexpr const char* remove_moderator = "channels_remove_moderator";

class channels_writer final : public projection_writer {
 public:
  explicit channels_writer(pqxx::transaction_base& tx) : tx_(tx) {}

  result<void> apply(const event_envelope& event) override { return dispatch(event, *this); }

  /// Writes the buffered registrations or viewer samples, whichever there
  /// are: one statement for all of them.
  void flush() override {
    if (pending_ == pending::registrations) {
      tx_.exec_prepared0(insert_channels, registered_.literal());
      registered_ = {};
    } else if (pending_ == pending::samples) {
      sql::pg_array logins, last, peak;
      for (const auto& s : samples_) {
        logins.add(s.login);
        last.add(s.last);
        peak.add(s.peak);
      }
      tx_.exec_prepared0(sample_viewers, logins.literal(), last.literal(), peak.literal());
      samples_.clear();
      sampled_.clear();
    }
    pending_ = pending::none;
  }

  void operator()(const event_envelope&, std::string_view login, const user_registered&) {
    buffer(pending::registrations);
    registered_.add(login);
  }

  void operator()(const event_envelope& e, std::string_view login, const stream_went_live& l) {
    flush();
    tx_.exec_prepared0(go_live, std::string(login), e.id.to_string(), l.title, l.category,
                       e.timestamp_us, e.position);
  }

  void operator()(const event_envelope&, std::string_view login, const stream_updated& u) {
    flush();
    tx_.exec_prepared0(update_stream, std::string(login), u.title, u.category);
  }

  // A channel sampled several times in one run of samples is written once:
  // its last count, and the highest for the session's peak.
  void operator()(const event_envelope&, std::string_view login, const viewers_sampled& v) {
    buffer(pending::samples);
    const std::uint64_t viewers = v.viewers;
    auto [at, fresh] = sampled_.try_emplace(std::string(login), samples_.size());
    if (fresh) {
      samples_.push_back({std::string(login), viewers, viewers});
      return;
    }
    auto& s = samples_[at->second];
    s.last = viewers;
    s.peak = std::max(s.peak, viewers);
  }

  void operator()(const event_envelope& e, std::string_view login, const stream_went_offline& o) {
    flush();
    tx_.exec_prepared0(go_offline, std::string(login), o.session_id, e.timestamp_us,
                       o.peak_viewers);
  }

  void operator()(const event_envelope& e, std::string_view login, const moderator_added& m) {
    flush();
    tx_.exec_prepared0(add_moderator, std::string(login), m.user, e.timestamp_us);
  }

  void operator()(const event_envelope&, std::string_view login, const moderator_removed& m) {
    flush();
    tx_.exec_prepared0(remove_moderator, std::string(login), m.user);
  }

 private:
  // Only one kind of row is buffered at a time, and anything else flushes it
  // first: the statements then run in log order, so a sample finds its
  // channel live or not as the log had it then.
  enum class pending : std::uint8_t { none, registrations, samples };

  void buffer(pending kind) {
    if (pending_ != kind) flush();
    pending_ = kind;
  }

  struct sample {
    std::string login;
    std::uint64_t last, peak;
  };

  pqxx::transaction_base& tx_;
  pending pending_ = pending::none;
  sql::pg_array registered_;
  std::vector<sample> samples_;
  std::unordered_map<std::string, std::size_t> sampled_;  // login -> index in samples_
};

class channels_projection final : public projection {
 public:
  read::read_model model() const noexcept override { return read::read_model::channels; }
  std::uint32_t version() const noexcept override { return 1; }

  bool handles(std::string_view type) const noexcept override {
    return is_one_of<user_registered, stream_went_live, stream_updated, viewers_sampled,
                     stream_went_offline, moderator_added, moderator_removed>(type);
  }

  std::string_view ddl() const noexcept override { return ddl_sql; }

  std::vector<prepared_statement> statements() const override {
    return {
        {insert_channels,
         "INSERT INTO {schema}.channels (login) SELECT * FROM unnest($1::text[])"},
        {go_live,
         "WITH s AS (INSERT INTO {schema}.stream_sessions (id, channel, title, category, "
         "started_at, position) VALUES ($2::uuid, $1, $3, $4, us_to_timestamptz($5), $6) "
         "RETURNING id, started_at) "
         "UPDATE {schema}.channels c SET live = true, session_id = s.id, title = $3, "
         "category = $4, started_at = s.started_at, viewers = 0 FROM s WHERE c.login = $1"},
        {update_stream,
         "WITH c AS (UPDATE {schema}.channels SET title = $2, category = $3 WHERE login = $1 "
         "RETURNING session_id) "
         "UPDATE {schema}.stream_sessions s SET title = $2, category = $3 FROM c "
         "WHERE s.id = c.session_id"},
        // $1: channels, $2: each one's last count, $3: its highest.
        {sample_viewers,
         "WITH v AS (SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[]) "
         "AS v(login, last, peak)), "
         "c AS (UPDATE {schema}.channels c SET viewers = v.last FROM v "
         "WHERE c.login = v.login AND c.live RETURNING c.session_id, v.last, v.peak) "
         "UPDATE {schema}.stream_sessions s SET last_viewers = c.last, "
         "peak_viewers = greatest(peak_viewers, c.peak) FROM c WHERE s.id = c.session_id"},
        {go_offline,
         "WITH c AS (UPDATE {schema}.channels SET live = false, session_id = NULL, "
         "started_at = NULL, viewers = 0 WHERE login = $1) "
         "UPDATE {schema}.stream_sessions SET ended_at = us_to_timestamptz($3), "
         "peak_viewers = greatest(peak_viewers, $4) WHERE id = $2::uuid AND channel = $1"},
        {add_moderator,
         "INSERT INTO {schema}.moderators (channel, login, added_at) "
         "VALUES ($1, $2, us_to_timestamptz($3))"},
        {remove_moderator, "DELETE FROM {schema}.moderators WHERE channel = $1 AND login = $2"},
    };
  }

  std::unique_ptr<projection_writer> writer(pqxx::transaction_base& tx, const std::string&,
                                            write_target) const override {
    return std::make_unique<channels_writer>(tx);
  }
};

}  // namespace

std::unique_ptr<projection> make_channels_projection() {
  return std::make_unique<channels_projection>();
}

}  // namespace streamhub::projections
