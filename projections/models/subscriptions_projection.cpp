// Subscriptions per channel and subscriber (READ_MODELS.md,
// "subscriptions"): the latest subscription.new of each pair wins, as in the
// channel actor.

#include <pqxx/transaction_base>

#include "projections/models/event_dispatch.hpp"
#include "projections/models/read_models.hpp"

namespace streamhub::projections {
namespace {

using namespace domain;

constexpr std::string_view ddl_sql = R"sql(
CREATE TABLE {schema}.subscriptions (
  channel text NOT NULL,
  subscriber text NOT NULL,
  tier smallint NOT NULL CHECK (tier BETWEEN 1 AND 3),
  cumulative_months integer NOT NULL,
  expires_at timestamptz NOT NULL,
  gifted boolean NOT NULL,
  gifter text,
  first_subscribed_at timestamptz NOT NULL,
  renewed_at timestamptz NOT NULL,
  position bigint NOT NULL,
  PRIMARY KEY (channel, subscriber)
);
CREATE UNIQUE INDEX subscriptions_by_subscriber ON {schema}.subscriptions (subscriber, channel);
)sql";

constexpr const char* upsert = "subscriptions_upsert";

class subscriptions_writer final : public projection_writer {
 public:
  explicit subscriptions_writer(pqxx::transaction_base& tx) : tx_(tx) {}

  result<void> apply(const event_envelope& event) override { return dispatch(event, *this); }
  void flush() override {}

  void operator()(const event_envelope& e, std::string_view channel, const subscription_added& s) {
    tx_.exec_prepared0(upsert, std::string(channel), s.user, s.tier, s.cumulative_months,
                       s.expires_at_us, s.gifted, s.gifter, e.timestamp_us, e.position);
  }

 private:
  pqxx::transaction_base& tx_;
};

class subscriptions_projection final : public projection {
 public:
  read::read_model model() const noexcept override { return read::read_model::subscriptions; }
  std::uint32_t version() const noexcept override { return 1; }

  bool handles(std::string_view type) const noexcept override {
    return is_one_of<subscription_added>(type);
  }

  std::string_view ddl() const noexcept override { return ddl_sql; }

  std::vector<prepared_statement> statements() const override {
    return {
        {upsert,
         "INSERT INTO {schema}.subscriptions AS s (channel, subscriber, tier, cumulative_months, "
         "expires_at, gifted, gifter, first_subscribed_at, renewed_at, position) "
         "VALUES ($1, $2, $3, $4, us_to_timestamptz($5), $6, $7, us_to_timestamptz($8), "
         "us_to_timestamptz($8), $9) "
         "ON CONFLICT (channel, subscriber) DO UPDATE SET tier = excluded.tier, "
         "cumulative_months = excluded.cumulative_months, expires_at = excluded.expires_at, "
         "gifted = excluded.gifted, gifter = excluded.gifter, renewed_at = excluded.renewed_at, "
         "position = excluded.position"},
    };
  }

  std::unique_ptr<projection_writer> writer(pqxx::transaction_base& tx, const std::string&,
                                            write_target) const override {
    return std::make_unique<subscriptions_writer>(tx);
  }
};

}  // namespace

std::unique_ptr<projection> make_subscriptions_projection() {
  return std::make_unique<subscriptions_projection>();
}

}  // namespace streamhub::projections
