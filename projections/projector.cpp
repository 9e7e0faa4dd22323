#include "projections/projector.hpp"

#include <pqxx/connection>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include "projections/pg/pg_error.hpp"
#include "projections/projection_schema.hpp"
#include "projections/sql/schema_sql.hpp"

namespace streamhub::projections {
namespace {

using clock = std::chrono::steady_clock;

std::int64_t now_us() {
  using namespace std::chrono;
  return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

std::string_view to_string(projector_status status) noexcept {
  switch (status) {
    case projector_status::starting: return "starting";
    case projector_status::running: return "running";
    case projector_status::retrying: return "retrying";
    case projector_status::halted: return "halted";
    case projector_status::stale: return "stale";
    case projector_status::stopped: return "stopped";
  }
  return "unknown";
}

struct projector::impl {
  impl(const projection& p, const storage::event_log& l, projector_options o)
      : target(p),
        log(l),
        options(std::move(o)),
        schema(options.schema.empty() ? live_schema(p.model()) : options.schema),
        checkpoint(schema == live_schema(p.model()) ? std::string(p.name())
                                                    : rebuild_checkpoint(p.name(), schema)),
        committer(p, schema, checkpoint, checkpoint == p.name() ? "running" : "replaying",
                  write_target::live, options.on_failure, options.before_commit),
        delays(options.retry) {}

  // -- The projector's thread --------------------------------------------------
  void run();
  bool prepare();
  bool process(const std::vector<event_envelope>& batch);
  bool persist_checkpoint();
  std::optional<connection_pool::lease> connection();
  bool settle(const result<batch_outcome>& outcome);
  void set_applied(log_position position);
  void set_status(projector_status s);
  void fail(projector_status status, std::string why);
  void wait_retry();
  void wait_for_events();
  void wait_while_stuck();
  bool stopping() const;

  const projection& target;
  const storage::event_log& log;
  const projector_options options;
  const std::string schema;
  const std::string checkpoint;
  batch_committer committer;

  // Shared with other threads, under `mutex` or atomic.
  mutable std::mutex mutex;
  std::condition_variable changed;
  bool woken = false;
  bool resume_requested = false;
  bool stop_requested = false;
  std::string last_error;
  std::atomic<projector_status> status{projector_status::stopped};
  std::atomic<log_position> applied{0};
  std::atomic<log_position> committed{0};
  std::atomic<std::uint64_t> events_applied{0};
  std::atomic<std::uint64_t> transactions{0};
  std::atomic<std::uint64_t> retries{0};
  std::atomic<std::uint64_t> dead_letters{0};
  std::thread thread;

  // The projector's thread only.
  std::unique_ptr<connection_pool> pool;
  bool prepared = false;
  clock::time_point last_checkpoint_write{};
  backoff delays;
};

bool projector::impl::stopping() const {
  std::lock_guard lock(mutex);
  return stop_requested;
}

void projector::impl::run() {
  while (!stopping()) {
    const auto now_status = status.load();
    if (now_status == projector_status::halted || now_status == projector_status::stale) {
      wait_while_stuck();
      continue;
    }
    if (!prepared) {
      if (!prepare() && status.load() == projector_status::retrying) wait_retry();
      continue;
    }
    {
      std::lock_guard lock(mutex);
      woken = false;
    }
    auto batch = read_batch(log, applied.load() + 1, options.limits);
    if (!batch) {
      fail(projector_status::retrying, "read the log: " + batch.err().message);
      wait_retry();
      continue;
    }
    bool ok = true;
    if (!batch->empty()) {
      ok = process(*batch);
    } else if (committed.load() < applied.load() &&
               clock::now() - last_checkpoint_write >= options.lazy_checkpoint) {
      ok = persist_checkpoint();
    } else {
      wait_for_events();
      continue;
    }
    if (ok) {
      delays.reset();
    } else if (status.load() == projector_status::retrying) {
      wait_retry();
    }
  }
  set_status(projector_status::stopped);
}

bool projector::impl::prepare() {
  set_status(projector_status::starting);
  auto state = pg_guard("connect to PostgreSQL", [&]() -> result<target_state> {
    pqxx::connection connection(options.conninfo);
    return ensure_target(connection, target, schema, checkpoint);
  });
  if (!state) {
    fail(transient(state.err()) ? projector_status::retrying : projector_status::halted,
         state.err().message);
    return false;
  }
  if (state->version != target.version()) {
    fail(projector_status::stale,
         "tables of " + checkpoint + " were built by version " + std::to_string(state->version) +
             " of the projection, this build has version " + std::to_string(target.version()) +
             ": rebuild them (streamhub replay --projection " + std::string(target.name()) + ")");
    return false;
  }
  if (!pool) {
    connection_pool_options pool_options;
    pool_options.conninfo = options.conninfo;
    pool_options.size = 1;
    pool_options.reconnect = options.retry;
    for (auto& s : target.statements()) {
      pool_options.statements.push_back({s.name, sql::with_schema(s.sql, schema)});
    }
    for (auto& s : batch_committer::statements()) pool_options.statements.push_back(std::move(s));
    pool = std::make_unique<connection_pool>(std::move(pool_options));
  }
  committed = state->position;
  applied = state->position;
  last_checkpoint_write = clock::now();
  prepared = true;
  set_status(projector_status::running);
  if (options.on_applied) options.on_applied(state->position);
  return true;
}

bool projector::impl::process(const std::vector<event_envelope>& batch) {
  const bool concerns = std::any_of(batch.begin(), batch.end(), [&](const event_envelope& e) {
    return target.handles(e.type);
  });
  if (!concerns) {
    set_applied(batch.back().position);
    if (clock::now() - last_checkpoint_write < options.lazy_checkpoint) return true;
    return persist_checkpoint();
  }
  auto lease = connection();
  if (!lease) return false;
  return settle(committer.commit(**lease, committed.load(), batch));
}

bool projector::impl::persist_checkpoint() {
  auto lease = connection();
  if (!lease) return false;
  return settle(committer.advance(**lease, committed.load(), applied.load()));
}

std::optional<connection_pool::lease> projector::impl::connection() {
  auto lease = pool->acquire(std::chrono::seconds{5});
  if (lease) return std::move(*lease);
  // The server may have restarted and lost recent commits (they are
  // asynchronous): the checkpoint, even the tables, are to be read again.
  prepared = false;
  fail(projector_status::retrying, lease.err().message);
  return std::nullopt;
}

bool projector::impl::settle(const result<batch_outcome>& outcome) {
  if (!outcome) {
    // Unknown whether anything committed: re-read the checkpoint first.
    // Anything else than PostgreSQL being away is a bug in a statement (a
    // failing event is an outcome): retried too, and reported meanwhile.
    prepared = false;
    fail(projector_status::retrying, outcome.err().message);
    return false;
  }
  switch (outcome->what) {
    case batch_outcome::kind::committed:
      committed = outcome->position;
      last_checkpoint_write = clock::now();
      ++transactions;
      events_applied += outcome->applied;
      dead_letters += outcome->dead_letters;
      if (outcome->position > applied.load()) set_applied(outcome->position);
      if (outcome->halted) {
        fail(projector_status::halted, *outcome->halted);
        return false;
      }
      return true;
    case batch_outcome::kind::checkpoint_moved:
      prepared = false;  // reload it, at once
      return true;
    case batch_outcome::kind::stale:
      prepared = false;
      fail(projector_status::stale, "the checkpoint row now belongs to version " +
                                        std::to_string(outcome->version) + " of the projection");
      return false;
    case batch_outcome::kind::abandoned: {
      std::lock_guard lock(mutex);
      stop_requested = true;
      return true;
    }
  }
  return false;
}

void projector::impl::set_applied(log_position position) {
  applied = position;
  if (options.on_applied) options.on_applied(position);
}

void projector::impl::set_status(projector_status s) {
  if (status.exchange(s) != s && options.on_status) options.on_status(s, {});
}

void projector::impl::fail(projector_status s, std::string why) {
  {
    std::lock_guard lock(mutex);
    last_error = why;
  }
  // Reported every time: a retry may have a new reason.
  status = s;
  if (options.on_status) options.on_status(s, why);
}

void projector::impl::wait_retry() {
  ++retries;
  std::unique_lock lock(mutex);
  changed.wait_for(lock, delays.next_delay(), [&] { return stop_requested; });
}

void projector::impl::wait_for_events() {
  std::unique_lock lock(mutex);
  auto ready = [&] { return woken || stop_requested; };
  if (committed.load() < applied.load()) {
    changed.wait_until(lock, last_checkpoint_write + options.lazy_checkpoint, ready);
  } else {
    changed.wait(lock, ready);
  }
}

void projector::impl::wait_while_stuck() {
  std::unique_lock lock(mutex);
  changed.wait(lock, [&] { return resume_requested || stop_requested; });
  if (resume_requested) {
    resume_requested = false;
    prepared = false;
    lock.unlock();
    set_status(projector_status::starting);
  }
}

projector::projector(const projection& p, const storage::event_log& log,
                     projector_options options)
    : impl_(std::make_unique<impl>(p, log, std::move(options))) {}

projector::~projector() { stop(); }

void projector::start() {
  if (impl_->thread.joinable()) return;
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stop_requested = false;
  }
  impl_->status = projector_status::starting;
  impl_->thread = std::thread([this] { impl_->run(); });
}

void projector::stop() {
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stop_requested = true;
  }
  impl_->changed.notify_all();
  if (impl_->thread.joinable()) impl_->thread.join();
  impl_->status = projector_status::stopped;
}

void projector::wake() noexcept {
  {
    std::lock_guard lock(impl_->mutex);
    impl_->woken = true;
  }
  impl_->changed.notify_all();
}

void projector::resume() {
  {
    std::lock_guard lock(impl_->mutex);
    impl_->resume_requested = true;
  }
  impl_->changed.notify_all();
}

log_position projector::applied() const noexcept { return impl_->applied.load(); }

const projection& projector::target() const noexcept { return impl_->target; }

projector_stats projector::stats() const {
  projector_stats s;
  s.name = std::string(impl_->target.name());
  s.checkpoint = impl_->checkpoint;
  s.status = impl_->status.load();
  s.applied = impl_->applied.load();
  s.committed = impl_->committed.load();
  s.events_applied = impl_->events_applied.load();
  s.transactions = impl_->transactions.load();
  s.retries = impl_->retries.load();
  s.dead_letters = impl_->dead_letters.load();
  {
    std::lock_guard lock(impl_->mutex);
    s.last_error = impl_->last_error;
  }
  s.head = impl_->log.head_position();
  s.lag_events = s.head > s.applied ? s.head - s.applied : 0;
  if (s.lag_events > 0) {
    std::int64_t oldest_us = 0;
    auto scanned = impl_->log.scan_all(s.applied + 1, 1, [&](const event_envelope& e) {
      oldest_us = e.timestamp_us;
      return false;
    });
    if (scanned && oldest_us > 0) {
      s.lag_seconds = std::max<double>(0, static_cast<double>(now_us() - oldest_us) / 1e6);
    }
  }
  return s;
}

}  // namespace streamhub::projections
