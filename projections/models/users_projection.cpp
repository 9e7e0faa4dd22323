// Profiles with follower and following counts, and follows in both
// directions (READ_MODELS.md, "users"). One projection, so that a count and
// the follows it counts always agree.

#include <pqxx/transaction_base>

#include "projections/models/event_dispatch.hpp"
#include "projections/models/read_models.hpp"
#include "projections/sql/pg_array.hpp"

namespace streamhub::projections {
namespace {

using namespace domain;

constexpr std::string_view ddl_sql = R"sql(
CREATE TABLE {schema}.users (
  login text PRIMARY KEY,
  login_as_typed text NOT NULL,
  display_name text NOT NULL,
  bio text NOT NULL DEFAULT '',
  email text NOT NULL,
  is_admin boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  follower_count integer NOT NULL DEFAULT 0 CHECK (follower_count >= 0),
  following_count integer NOT NULL DEFAULT 0 CHECK (following_count >= 0),
  position bigint NOT NULL
);
-- On lower(login), which equals login, so that only search can use it: an
-- index on login itself would answer = too, and the planner, costing it blind
-- for a list of logins, takes it over the primary key (milliseconds a lookup).
CREATE INDEX users_login_trgm ON {schema}.users USING gin (lower(login) gin_trgm_ops);
CREATE INDEX users_display_name_trgm ON {schema}.users USING gin (lower(display_name) gin_trgm_ops);

CREATE TABLE {schema}.follows (
  channel text NOT NULL,
  follower text NOT NULL,
  followed_at timestamptz NOT NULL,
  position bigint NOT NULL,
  PRIMARY KEY (channel, follower)
);
CREATE UNIQUE INDEX follows_by_channel ON {schema}.follows (channel, position DESC);
CREATE UNIQUE INDEX follows_by_follower ON {schema}.follows (follower, position DESC);
)sql";

constexpr const char* insert_users = "users_insert";
constexpr const char* update_profile = "users_update_profile";
constexpr const char* set_admin = "users_set_admin";
constexpr const char* add_follows = "users_add_follows";
constexpr const char* remove_follow = "users_remove_follow";

class users_writer final : public projection_writer {
 public:
  explicit users_writer(pqxx::transaction_base& tx) : tx_(tx) {}

  result<void> apply(const event_envelope& event) override { return dispatch(event, *this); }

  /// Writes the buffered registrations or follows, whichever there are: one
  /// statement for all of them.
  void flush() override {
    if (pending_ == pending::registrations) {
      auto& r = registrations_;
      tx_.exec_prepared0(insert_users, r.login.literal(), r.login_as_typed.literal(),
                         r.display_name.literal(), r.email.literal(), r.created_at.literal(),
                         r.position.literal());
      registrations_ = {};
    } else if (pending_ == pending::follows) {
      auto& f = follows_;
      tx_.exec_prepared0(add_follows, f.channel.literal(), f.follower.literal(),
                         f.followed_at.literal(), f.position.literal());
      follows_ = {};
    }
    pending_ = pending::none;
  }

  void operator()(const event_envelope& e, std::string_view login, const user_registered& r) {
    buffer(pending::registrations);
    auto& b = registrations_;
    b.login.add(login);
    b.login_as_typed.add(r.login);
    b.display_name.add(r.display_name);
    b.email.add(r.email);
    b.created_at.add(e.timestamp_us);
    b.position.add(e.position);
  }

  void operator()(const event_envelope&, std::string_view login, const profile_updated& p) {
    flush();
    tx_.exec_prepared0(update_profile, std::string(login), p.display_name, p.bio);
  }

  void operator()(const event_envelope&, std::string_view login, const role_granted& g) {
    if (g.role != "admin") return;
    flush();
    tx_.exec_prepared0(set_admin, std::string(login), true);
  }

  void operator()(const event_envelope&, std::string_view login, const role_revoked& r) {
    if (r.role != "admin") return;
    flush();
    tx_.exec_prepared0(set_admin, std::string(login), false);
  }

  void operator()(const event_envelope& e, std::string_view channel, const follower_added& f) {
    buffer(pending::follows);
    auto& b = follows_;
    b.channel.add(channel);
    b.follower.add(f.user);
    b.followed_at.add(e.timestamp_us);
    b.position.add(e.position);
  }

  void operator()(const event_envelope&, std::string_view channel, const follower_removed& f) {
    flush();
    tx_.exec_prepared0(remove_follow, std::string(channel), f.user);
  }

 private:
  // Only one kind of row is buffered at a time, and anything else flushes it
  // first: the statements then run in log order, so a follow finds the user
  // registered before it, and an unfollow the follow.
  enum class pending : std::uint8_t { none, registrations, follows };

  void buffer(pending kind) {
    if (pending_ != kind) flush();
    pending_ = kind;
  }

  struct registration_columns {
    sql::pg_array login, login_as_typed, display_name, email, created_at, position;
  };
  struct follow_columns {
    sql::pg_array channel, follower, followed_at, position;
  };

  pqxx::transaction_base& tx_;
  pending pending_ = pending::none;
  registration_columns registrations_;
  follow_columns follows_;
};

class users_projection final : public projection {
 public:
  read::read_model model() const noexcept override { return read::read_model::users; }
  std::uint32_t version() const noexcept override { return 2; }

  bool handles(std::string_view type) const noexcept override {
    return is_one_of<user_registered, profile_updated, role_granted, role_revoked, follower_added,
                     follower_removed>(type);
  }

  std::string_view ddl() const noexcept override { return ddl_sql; }

  std::vector<prepared_statement> statements() const override {
    return {
        {insert_users,
         "INSERT INTO {schema}.users (login, login_as_typed, display_name, email, created_at, "
         "position) SELECT l, t, d, e, us_to_timestamptz(c), p FROM unnest($1::text[], "
         "$2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[]) AS x(l, t, d, e, c, p)"},
        {update_profile,
         "UPDATE {schema}.users SET display_name = coalesce($2, display_name), "
         "bio = coalesce($3, bio) WHERE login = $1"},
        {set_admin, "UPDATE {schema}.users SET is_admin = $2 WHERE login = $1"},
        // The counts move with the follow rows, in one statement each way:
        // the follows buffered in a batch are inserted together, and each
        // user's counts move once by how many of them name the user.
        {add_follows,
         "WITH f AS (INSERT INTO {schema}.follows (channel, follower, followed_at, position) "
         "SELECT c, f, us_to_timestamptz(t), p FROM unnest($1::text[], $2::text[], "
         "$3::bigint[], $4::bigint[]) AS x(c, f, t, p) RETURNING channel, follower), "
         "n AS (SELECT login, sum(followers)::int AS followers, sum(following)::int AS following "
         "FROM (SELECT channel AS login, 1 AS followers, 0 AS following FROM f "
         "UNION ALL SELECT follower, 0, 1 FROM f) named GROUP BY login) "
         "UPDATE {schema}.users u SET follower_count = follower_count + n.followers, "
         "following_count = following_count + n.following FROM n WHERE u.login = n.login"},
        {remove_follow,
         "WITH f AS (DELETE FROM {schema}.follows WHERE channel = $1 AND follower = $2 "
         "RETURNING channel, follower) "
         "UPDATE {schema}.users u SET "
         "follower_count = follower_count - (u.login = f.channel)::int, "
         "following_count = following_count - (u.login = f.follower)::int "
         "FROM f WHERE u.login IN (f.channel, f.follower)"},
    };
  }

  std::unique_ptr<projection_writer> writer(pqxx::transaction_base& tx, const std::string&,
                                            write_target) const override {
    return std::make_unique<users_writer>(tx);
  }
};

}  // namespace

std::unique_ptr<projection> make_users_projection() {
  return std::make_unique<users_projection>();
}

}  // namespace streamhub::projections
