#include "projections/batch_committer.hpp"

#include <pqxx/connection_base>
#include <pqxx/transaction>

#include "projections/pg/pg_error.hpp"

namespace streamhub::projections {
namespace {

constexpr const char* claim_statement = "checkpoint_claim";
constexpr const char* advance_statement = "checkpoint_advance";
constexpr const char* dead_letter_statement = "dead_letter_record";

batch_outcome outcome(batch_outcome::kind what, log_position position) {
  batch_outcome o;
  o.what = what;
  o.position = position;
  return o;
}

// Locks the checkpoint row for the rest of the transaction. Returns the
// outcome that ends the transaction when the row is not as expected.
std::optional<batch_outcome> claim(pqxx::transaction_base& tx, const std::string& checkpoint,
                                   log_position expected, std::uint32_t version) {
  const auto rows = tx.exec_prepared(claim_statement, checkpoint);
  if (rows.empty()) return outcome(batch_outcome::kind::checkpoint_moved, 0);
  const auto position = rows[0][0].as<log_position>();
  const auto found_version = rows[0][1].as<std::uint32_t>();
  if (found_version != version) {
    auto stale = outcome(batch_outcome::kind::stale, position);
    stale.version = found_version;
    return stale;
  }
  if (position != expected) return outcome(batch_outcome::kind::checkpoint_moved, position);
  return std::nullopt;
}

std::string describe(const event_envelope& e, const error& failure) {
  return "position " + std::to_string(e.position) + " (" + e.type + " on " + e.stream_id +
         "): " + failure.message;
}

}  // namespace

bool transient(const error& e) noexcept {
  return e.code == error_code::unavailable || e.code == error_code::timeout;
}

batch_committer::batch_committer(const projection& p, std::string schema, std::string checkpoint,
                                 std::string status, write_target writes, failure_policy policy,
                                 commit_gate gate)
    : projection_(p),
      schema_(std::move(schema)),
      checkpoint_(std::move(checkpoint)),
      status_(std::move(status)),
      writes_(writes),
      policy_(policy),
      gate_(std::move(gate)) {}

std::vector<prepared_statement> batch_committer::statements() {
  return {
      {claim_statement,
       "SELECT position, version FROM projection_checkpoints WHERE projection = $1 FOR UPDATE"},
      {advance_statement,
       "UPDATE projection_checkpoints SET position = $2, status = $3, last_error = $4, "
       "updated_at = now() WHERE projection = $1"},
      {dead_letter_statement,
       "INSERT INTO dead_letters (projection, position, event_type, error) "
       "VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING"},
  };
}

result<batch_outcome> batch_committer::commit(pqxx::connection_base& connection,
                                              log_position expected,
                                              std::span<const event_envelope> batch) {
  if (batch.empty()) return outcome(batch_outcome::kind::committed, expected);
  auto together = apply_together(connection, expected, batch);
  if (together || transient(together.err())) return together;
  // Some event failed (or the projection's SQL did): find which, event by
  // event, and let the policy decide.
  return apply_one_by_one(connection, expected, batch);
}

result<batch_outcome> batch_committer::apply_together(pqxx::connection_base& connection,
                                                      log_position expected,
                                                      std::span<const event_envelope> batch) {
  return pg_guard("apply events to " + checkpoint_, [&]() -> result<batch_outcome> {
    pqxx::work tx(connection);
    if (auto stop = claim(tx, checkpoint_, expected, projection_.version())) return *stop;
    auto writer = projection_.writer(tx, schema_, writes_);
    writer->prefetch(batch);
    std::uint64_t applied = 0;
    for (const auto& e : batch) {
      if (!projection_.handles(e.type)) continue;
      if (auto r = writer->apply(e); !r) return std::move(r).err();
      ++applied;
    }
    writer->flush();
    const log_position last = batch.back().position;
    tx.exec_prepared0(advance_statement, checkpoint_, last, status_, nullptr);
    if (gate_ && !gate_(batch.front().position, last)) {
      return outcome(batch_outcome::kind::abandoned, expected);
    }
    tx.commit();
    auto done = outcome(batch_outcome::kind::committed, last);
    done.applied = applied;
    return done;
  });
}

result<batch_outcome> batch_committer::apply_one_by_one(pqxx::connection_base& connection,
                                                        log_position expected,
                                                        std::span<const event_envelope> batch) {
  return pg_guard("apply events one by one to " + checkpoint_, [&]() -> result<batch_outcome> {
    pqxx::work tx(connection);
    if (auto stop = claim(tx, checkpoint_, expected, projection_.version())) return *stop;
    auto done = outcome(batch_outcome::kind::committed, batch.back().position);
    for (const auto& e : batch) {
      if (!projection_.handles(e.type)) continue;
      // A fresh writer per event: nothing it remembers can outlive a
      // rolled-back savepoint. (Savepoints by hand: libpqxx 6's
      // subtransaction does not always roll back after a failed statement.)
      tx.exec0("SAVEPOINT event");
      auto applied = pg_guard("apply", [&]() -> result<void> {
        auto writer = projection_.writer(tx, schema_, writes_);
        if (auto r = writer->apply(e); !r) return r;
        writer->flush();
        return {};
      });
      if (applied) {
        tx.exec0("RELEASE SAVEPOINT event");
        ++done.applied;
        continue;
      }
      error failure = std::move(applied).err();
      tx.exec0("ROLLBACK TO SAVEPOINT event");
      if (transient(failure)) return failure;
      const std::string what = describe(e, failure);
      if (policy_ == failure_policy::halt) {
        done.position = e.position - 1;
        done.halted = what;
        break;
      }
      tx.exec_prepared0(dead_letter_statement, checkpoint_, e.position, e.type, failure.message);
      ++done.dead_letters;
    }
    if (done.halted) {
      tx.exec_prepared0(advance_statement, checkpoint_, done.position, "halted", *done.halted);
    } else {
      tx.exec_prepared0(advance_statement, checkpoint_, done.position, status_, nullptr);
    }
    if (gate_ && !gate_(batch.front().position, done.position)) {
      return outcome(batch_outcome::kind::abandoned, expected);
    }
    tx.commit();
    return done;
  });
}

result<batch_outcome> batch_committer::advance(pqxx::connection_base& connection,
                                               log_position expected, log_position to) {
  return pg_guard("advance " + checkpoint_, [&]() -> result<batch_outcome> {
    pqxx::work tx(connection);
    if (auto stop = claim(tx, checkpoint_, expected, projection_.version())) return *stop;
    tx.exec_prepared0(advance_statement, checkpoint_, to, status_, nullptr);
    tx.commit();
    return outcome(batch_outcome::kind::committed, to);
  });
}

}  // namespace streamhub::projections
