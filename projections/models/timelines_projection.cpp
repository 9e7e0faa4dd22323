// Posts and home timelines (READ_MODELS.md, "timelines"). A post is fanned
// out on write: one home_timeline row per follower of its author at that
// point of the log, from this projection's own follower index. An author
// with more followers than the threshold is not fanned out: the post is
// marked so, and the read side merges such posts into home timelines when
// it reads them.

#include <pqxx/transaction_base>

#include "projections/models/event_dispatch.hpp"
#include "projections/models/read_models.hpp"

namespace streamhub::projections {
namespace {

using namespace domain;

constexpr std::string_view ddl_sql = R"sql(
CREATE TABLE {schema}.followers (
  channel text NOT NULL,
  follower text NOT NULL,
  PRIMARY KEY (channel, follower)
);
CREATE UNIQUE INDEX followers_by_follower ON {schema}.followers (follower, channel);

CREATE TABLE {schema}.authors (
  login text PRIMARY KEY,
  follower_count integer NOT NULL CHECK (follower_count >= 0)
);

CREATE TABLE {schema}.posts (
  id uuid PRIMARY KEY,
  author text NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL,
  position bigint NOT NULL UNIQUE,
  fanned_out boolean NOT NULL
);
CREATE INDEX posts_by_author ON {schema}.posts (author, position DESC);
CREATE INDEX posts_not_fanned_out ON {schema}.posts (author, position DESC) WHERE NOT fanned_out;
CREATE INDEX posts_body_trgm ON {schema}.posts USING gin (lower(body) gin_trgm_ops);

CREATE TABLE {schema}.home_timeline (
  owner text NOT NULL,
  position bigint NOT NULL,
  author text NOT NULL,
  PRIMARY KEY (owner, position)
);
)sql";

constexpr const char* follow = "timelines_follow";
constexpr const char* unfollow = "timelines_unfollow";
constexpr const char* post = "timelines_post";
constexpr const char* delete_post = "timelines_delete_post";

class timelines_writer final : public projection_writer {
 public:
  timelines_writer(pqxx::transaction_base& tx, std::uint64_t threshold)
      : tx_(tx), threshold_(threshold) {}

  result<void> apply(const event_envelope& event) override { return dispatch(event, *this); }
  void flush() override {}

  void operator()(const event_envelope&, std::string_view channel, const follower_added& f) {
    tx_.exec_prepared0(follow, std::string(channel), f.user);
  }

  void operator()(const event_envelope&, std::string_view channel, const follower_removed& f) {
    tx_.exec_prepared0(unfollow, std::string(channel), f.user);
  }

  void operator()(const event_envelope& e, std::string_view author, const post_created& p) {
    tx_.exec_prepared0(post, e.id.to_string(), std::string(author), p.text, e.timestamp_us,
                       e.position, threshold_);
  }

  void operator()(const event_envelope&, std::string_view author, const post_deleted& d) {
    tx_.exec_prepared0(delete_post, d.post_id, std::string(author));
  }

 private:
  pqxx::transaction_base& tx_;
  std::uint64_t threshold_;
};

class timelines_projection final : public projection {
 public:
  explicit timelines_projection(std::uint64_t threshold) : threshold_(threshold) {}

  read::read_model model() const noexcept override { return read::read_model::timelines; }
  std::uint32_t version() const noexcept override { return 1; }

  bool handles(std::string_view type) const noexcept override {
    return is_one_of<follower_added, follower_removed, post_created, post_deleted>(type);
  }

  std::string_view ddl() const noexcept override { return ddl_sql; }

  std::vector<prepared_statement> statements() const override {
    return {
        {follow,
         "WITH f AS (INSERT INTO {schema}.followers (channel, follower) VALUES ($1, $2)) "
         "INSERT INTO {schema}.authors (login, follower_count) VALUES ($1, 1) "
         "ON CONFLICT (login) DO UPDATE SET follower_count = {schema}.authors.follower_count + 1"},
        // The unfollower's timeline loses the author's posts.
        {unfollow,
         "WITH f AS (DELETE FROM {schema}.followers WHERE channel = $1 AND follower = $2 "
         "RETURNING channel), "
         "a AS (UPDATE {schema}.authors SET follower_count = follower_count - 1 FROM f "
         "WHERE login = f.channel) "
         "DELETE FROM {schema}.home_timeline h USING f WHERE h.owner = $2 AND h.author = $1"},
        // $6: the fan-out threshold.
        {post,
         "WITH p AS (INSERT INTO {schema}.posts (id, author, body, created_at, position, "
         "fanned_out) VALUES ($1::uuid, $2, $3, us_to_timestamptz($4), $5, "
         "coalesce((SELECT follower_count FROM {schema}.authors WHERE login = $2), 0) <= $6::bigint) "
         "RETURNING fanned_out) "
         "INSERT INTO {schema}.home_timeline (owner, position, author) "
         "SELECT f.follower, $5, $2 FROM {schema}.followers f, p "
         "WHERE p.fanned_out AND f.channel = $2"},
        // Timeline rows are found through the author's current followers:
        // whoever unfollowed since lost them then, whoever followed since
        // never had them.
        {delete_post,
         "WITH p AS (DELETE FROM {schema}.posts WHERE id = $1::uuid AND author = $2 "
         "RETURNING position) "
         "DELETE FROM {schema}.home_timeline h USING p, {schema}.followers f "
         "WHERE f.channel = $2 AND h.owner = f.follower AND h.position = p.position"},
    };
  }

  std::unique_ptr<projection_writer> writer(pqxx::transaction_base& tx, const std::string&,
                                            write_target) const override {
    return std::make_unique<timelines_writer>(tx, threshold_);
  }

 private:
  std::uint64_t threshold_;
};

}  // namespace

std::unique_ptr<projection> make_timelines_projection(std::uint64_t fanout_threshold) {
  return std::make_unique<timelines_projection>(fanout_threshold);
}

}  // namespace streamhub::projections
