#include "projections/read/query_executor.hpp"

namespace streamhub::projections::read {
namespace {

connection_pool_options pool_options(const query_service_options& o,
                                     std::vector<prepared_statement> statements) {
  connection_pool_options p;
  p.conninfo = o.conninfo;
  p.size = std::max<std::size_t>(1, o.connections);
  p.statements = std::move(statements);
  // The read models' tables may not exist yet (projectors create them as
  // they start): a query over a missing one fails alone, as unavailable.
  p.prepare_on_connect = false;
  p.settings = {{"statement_timeout", std::to_string(o.statement_timeout.count())},
                {"default_transaction_read_only", "on"}};
  return p;
}

error stopped() { return error{error_code::unavailable, "the read side is stopped"}; }

}  // namespace

query_executor::query_executor(const query_service_options& options,
                               std::vector<prepared_statement> statements)
    : options_(options), pool_(pool_options(options, std::move(statements))) {
  const auto n = std::max<std::size_t>(1, options.connections);
  workers_.reserve(n);
  for (std::size_t i = 0; i < n; ++i) workers_.emplace_back([this] { work(); });
}

query_executor::~query_executor() { stop(); }

void query_executor::submit(job j) {
  std::unique_lock lock(mutex_);
  if (stopping_) {
    lock.unlock();
    ++failures;
    j(stopped());
    return;
  }
  if (queued_queries_ >= options_.max_queued) {
    lock.unlock();
    ++failures;
    post([j = std::move(j)] {
      j(error{error_code::unavailable, "the read side is overloaded: too many queries queued"});
    });
    return;
  }
  ++queued_queries_;
  items_.push_back(item{std::move(j), {}, std::chrono::steady_clock::now()});
  lock.unlock();
  ready_.notify_one();
}

void query_executor::post(std::function<void()> fn) {
  std::unique_lock lock(mutex_);
  if (stopping_) {
    lock.unlock();
    fn();
    return;
  }
  items_.push_back(item{{}, std::move(fn), {}});
  lock.unlock();
  ready_.notify_one();
}

void query_executor::stop() {
  std::deque<item> left;
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && workers_.empty()) return;
    stopping_ = true;
    left.swap(items_);
    queued_queries_ = 0;
  }
  ready_.notify_all();
  for (auto& w : workers_) w.join();
  workers_.clear();
  for (auto& i : left) {
    if (i.query) {
      ++failures;
      i.query(stopped());
    } else {
      i.plain();
    }
  }
}

std::size_t query_executor::queued() const {
  std::lock_guard lock(mutex_);
  return queued_queries_;
}

void query_executor::work() {
  for (;;) {
    item next;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [&] { return stopping_ || !items_.empty(); });
      if (stopping_) return;
      next = std::move(items_.front());
      items_.pop_front();
      if (next.query) --queued_queries_;
    }
    run(next);
  }
}

void query_executor::run(item& next) {
  if (!next.query) {
    next.plain();
    return;
  }
  ++queries;
  const auto waited = std::chrono::steady_clock::now() - next.queued_at;
  if (waited > options_.queue_timeout) {
    ++failures;
    next.query(error{error_code::timeout, "the query waited too long for a worker"});
    return;
  }
  auto lease = pool_.acquire(options_.queue_timeout);
  if (!lease) {
    ++failures;
    next.query(std::move(lease).err());
    return;
  }
  next.query(&*lease);
}

}  // namespace streamhub::projections::read
