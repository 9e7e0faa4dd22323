// The SQL of the read side. Statements name the live schemas (proj_<name>):
// after a rebuild is swapped in by renaming schemas, PostgreSQL re-plans
// them against the new tables by itself.
//
// Lists are keyset-paginated: a page is "rows after the cursor's key, in
// the list's order, LIMIT first + 1"; the first page's bound is a key
// before every row (before_all), so one statement serves every page.

#include "projections/read/read_statements.hpp"

#include <pqxx/array>
#include <pqxx/result>

#include "projections/read/query_service_impl.hpp"

namespace streamhub::projections::read {
namespace {

const std::string user_columns =
    "u.login, u.login_as_typed, u.display_name, u.bio, u.email, u.is_admin, "
    "timestamptz_to_us(u.created_at), u.follower_count, u.following_count";
const std::string channel_columns =
    "c.login, c.live, c.title, c.category, c.session_id::text, "
    "timestamptz_to_us(c.started_at), c.viewers";
const std::string post_columns =
    "p.id::text, p.author, p.body, timestamptz_to_us(p.created_at), p.position";
const std::string follow_columns =
    "f.follower, f.channel, timestamptz_to_us(f.followed_at), f.position";

// Search rank of a lower-cased field: exact match, then prefix, then the
// rest; within each, trigram similarity. $1: the query, $3: its prefix pattern.
std::string rank(const std::string& x) {
  return "(CASE WHEN " + x + " = lower($1) THEN 3000 WHEN " + x +
         " LIKE lower($3) ESCAPE '\\' THEN 2000 ELSE 1000 END + (similarity(" + x +
         ", lower($1)) * 999)::int)";
}

}  // namespace

std::vector<prepared_statement> read_statements() {
  using namespace statement;
  return {
      {users_by_logins,
       "SELECT " + user_columns + " FROM proj_users.users u WHERE u.login = ANY($1::text[])"},
      {channels_by_logins,
       "SELECT " + channel_columns + " FROM proj_channels.channels c WHERE c.login = ANY($1::text[])"},
      {posts_by_ids,
       "SELECT " + post_columns + " FROM proj_timelines.posts p WHERE p.id = ANY($1::uuid[])"},
      {moderators_of,
       "SELECT channel, login, timestamptz_to_us(added_at) FROM proj_channels.moderators "
       "WHERE channel = ANY($1::text[]) ORDER BY channel, login"},
      {follows_of,
       "SELECT " + follow_columns + " FROM proj_users.follows f "
       "WHERE f.follower = $1 AND f.channel = ANY($2::text[])"},
      {active_subscriptions,
       "SELECT channel, subscriber, tier, cumulative_months, timestamptz_to_us(expires_at), "
       "gifted, gifter FROM proj_subscriptions.subscriptions "
       "WHERE subscriber = $1 AND channel = ANY($2::text[]) AND expires_at > now()"},
      // $1, $2: the cursor's (viewers, login); $3: limit.
      {live_streams,
       "SELECT " + channel_columns + " FROM proj_channels.channels c "
       "WHERE c.live AND (c.viewers, c.login) < ($1, $2) "
       "ORDER BY c.viewers DESC, c.login DESC LIMIT $3"},
      {live_streams_in_category,
       "SELECT " + channel_columns + " FROM proj_channels.channels c "
       "WHERE c.live AND lower(c.category) = $4 AND (c.viewers, c.login) < ($1, $2) "
       "ORDER BY c.viewers DESC, c.login DESC LIMIT $3"},
      {chat_history,
       "SELECT id::text, channel, sequence, sender, display_name, body, reply_to::text, badges, "
       "timestamptz_to_us(sent_at), position FROM proj_chat.messages "
       "WHERE channel = $1 AND sequence < $2 ORDER BY sequence DESC LIMIT $3"},
      {followers,
       "SELECT " + follow_columns + " FROM proj_users.follows f "
       "WHERE f.channel = $1 AND f.position < $2 ORDER BY f.position DESC LIMIT $3"},
      {following,
       "SELECT " + follow_columns + " FROM proj_users.follows f "
       "WHERE f.follower = $1 AND f.position < $2 ORDER BY f.position DESC LIMIT $3"},
      // $4: unread only. The read mark is looked up once (an init plan), so
      // the primary key bounds the scan on both sides.
      {notifications,
       "WITH m AS (SELECT coalesce(max(up_to), 0) AS up_to FROM proj_notifications.read_marks "
       "WHERE recipient = $1) "
       "SELECT n.position, n.kind, n.channel, n.actor, n.body, timestamptz_to_us(n.created_at), "
       "n.position <= m.up_to FROM proj_notifications.notifications n, m "
       "WHERE n.recipient = $1 AND n.position < $2 "
       "AND n.position > CASE WHEN $4 THEN m.up_to ELSE 0 END "
       "ORDER BY n.position DESC LIMIT $3"},
      {unread_notifications,
       "SELECT count(*) FROM proj_notifications.notifications n WHERE n.recipient = $1 "
       "AND n.position > (SELECT coalesce(max(up_to), 0) FROM proj_notifications.read_marks "
       "WHERE recipient = $1)"},
      // Fanned-out posts from the owner's timeline, merged with those of
      // followed authors that were not fanned out (newest few per author).
      {home_timeline,
       "SELECT " + post_columns + " FROM ("
       "(SELECT h.position FROM proj_timelines.home_timeline h "
       "WHERE h.owner = $1 AND h.position < $2 ORDER BY h.position DESC LIMIT $3) "
       "UNION ALL "
       "(SELECT x.position FROM proj_timelines.followers f CROSS JOIN LATERAL "
       "(SELECT q.position FROM proj_timelines.posts q WHERE q.author = f.channel "
       "AND NOT q.fanned_out AND q.position < $2 ORDER BY q.position DESC LIMIT $3) x "
       "WHERE f.follower = $1)) t "
       "JOIN proj_timelines.posts p ON p.position = t.position "
       "ORDER BY p.position DESC LIMIT $3"},
      {user_posts,
       "SELECT " + post_columns + " FROM proj_timelines.posts p "
       "WHERE p.author = $1 AND p.position < $2 ORDER BY p.position DESC LIMIT $3"},
      {stream_sessions,
       "SELECT s.id::text, s.channel, s.title, s.category, timestamptz_to_us(s.started_at), "
       "timestamptz_to_us(s.ended_at), greatest(s.peak_viewers, coalesce(a.peak_viewers, 0)), "
       "coalesce(a.messages, 0), coalesce(a.unique_chatters, 0), "
       "coalesce(a.new_followers, 0), coalesce(a.subscriptions, 0), s.position "
       "FROM proj_channels.stream_sessions s "
       "LEFT JOIN proj_analytics.session_stats a ON a.session_id = s.id "
       "WHERE s.channel = $1 AND s.position < $2 ORDER BY s.position DESC LIMIT $3"},
      // $1: query, $2: '%query%', $3: 'query%' (LIKE-escaped), any case;
      // $4, $5, $6: the cursor's (score, kind, key); $7: limit.
      {search,
       "SELECT kind, key, score FROM ("
       "SELECT 'user' AS kind, u.login AS key, "
       "greatest(" + rank("u.login") + ", " + rank("lower(u.display_name)") + ") AS score "
       "FROM proj_users.users u "
       "WHERE lower(u.login) LIKE lower($2) ESCAPE '\\' OR lower(u.display_name) LIKE lower($2) ESCAPE '\\' "
       "UNION ALL "
       "SELECT 'channel', c.login, "
       "greatest(" + rank("lower(c.title)") + ", " + rank("lower(c.category)") + ") "
       "FROM proj_channels.channels c "
       "WHERE lower(c.title) LIKE lower($2) ESCAPE '\\' OR lower(c.category) LIKE lower($2) ESCAPE '\\' "
       "UNION ALL "
       "SELECT 'post', p.id::text, " + rank("lower(p.body)") + " FROM proj_timelines.posts p "
       "WHERE lower(p.body) LIKE lower($2) ESCAPE '\\') hits "
       "WHERE (score, kind, key) < ($4::bigint, $5, $6) "
       "ORDER BY score DESC, kind DESC, key DESC LIMIT $7"},
  };
}

user_row user_from(const pqxx::row& r) {
  user_row u;
  u.login = r[0].as<std::string>();
  u.login_as_typed = r[1].as<std::string>();
  u.display_name = r[2].as<std::string>();
  u.bio = r[3].as<std::string>();
  u.email = r[4].as<std::string>();
  u.is_admin = r[5].as<bool>();
  u.created_at_us = r[6].as<std::int64_t>();
  u.follower_count = r[7].as<std::int64_t>();
  u.following_count = r[8].as<std::int64_t>();
  return u;
}

channel_row channel_from(const pqxx::row& r) {
  channel_row c;
  c.login = r[0].as<std::string>();
  c.live = r[1].as<bool>();
  c.title = optional_field<std::string>(r[2]);
  c.category = optional_field<std::string>(r[3]);
  c.session_id = optional_field<std::string>(r[4]);
  c.started_at_us = optional_field<std::int64_t>(r[5]);
  c.viewers = r[6].as<std::int64_t>();
  return c;
}

post_row post_from(const pqxx::row& r) {
  post_row p;
  p.id = r[0].as<std::string>();
  p.author = r[1].as<std::string>();
  p.text = r[2].as<std::string>();
  p.created_at_us = r[3].as<std::int64_t>();
  p.position = r[4].as<log_position>();
  return p;
}

follow_row follow_from(const pqxx::row& r) {
  follow_row f;
  f.follower = r[0].as<std::string>();
  f.channel = r[1].as<std::string>();
  f.followed_at_us = r[2].as<std::int64_t>();
  f.position = r[3].as<log_position>();
  return f;
}

std::vector<std::string> text_array_from(const pqxx::field& f) {
  std::vector<std::string> out;
  if (f.is_null()) return out;
  pqxx::array_parser parser(f.c_str());
  for (auto [what, value] = parser.get_next(); what != pqxx::array_parser::done;
       std::tie(what, value) = parser.get_next()) {
    if (what == pqxx::array_parser::string_value) out.push_back(std::move(value));
  }
  return out;
}

}  // namespace streamhub::projections::read
