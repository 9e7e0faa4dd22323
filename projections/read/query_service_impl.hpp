#pragma once
// The query service's insides, shared by the files that define its queries
// (one per read model). Internal to projections/read: includes libpqxx.

#include <pqxx/connection_base>
#include <pqxx/result>
#include <pqxx/nontransaction>
#include <pqxx/transaction>

#include <memory>
#include <string>
#include <vector>

#include "projections/pg/pg_error.hpp"
#include "projections/read/position_waiters.hpp"
#include "projections/read/query_executor.hpp"
#include "projections/read/query_service.hpp"

namespace streamhub::projections::read {

/// Runs a query's statements, counting them: alone (autocommit), or several
/// in one read-only snapshot when their answers must agree.
class sql_reader {
 public:
  enum class mode : std::uint8_t { single, snapshot };

  sql_reader(pqxx::connection_base& connection, std::atomic<std::uint64_t>& statements, mode m);

  template <class... Args>
  pqxx::result run(const char* statement, Args&&... args) {
    statements_.fetch_add(1, std::memory_order_relaxed);
    return tx_->exec_prepared(statement, std::forward<Args>(args)...);
  }

  /// Ends the snapshot. REQUIRES: every run() succeeded.
  void finish() { tx_->commit(); }

 private:
  std::atomic<std::uint64_t>& statements_;
  std::unique_ptr<pqxx::transaction_base> tx_;
};

struct query_service::impl {
  impl(query_service_options options, std::shared_ptr<applied_positions> positions);

  /// Runs `body(reader)` on a worker and replies with what it returns (a T,
  /// or a result<T>); libpqxx exceptions become errors. `what` names the
  /// query in errors.
  template <class T, class Body>
  void run(const char* what, sql_reader::mode mode, Body body, reply<T> done) {
    executor.submit([this, what, mode, body = std::move(body), done = std::move(done)](
                        result<connection_pool::lease*> lease) mutable {
      result<T> out = lease ? pg_guard(what,
                                       [&]() -> result<T> {
                                         sql_reader reader((*lease)->connection(),
                                                           executor.statements, mode);
                                         result<T> value = body(reader);
                                         if (value) reader.finish();
                                         return value;
                                       })
                            : result<T>(std::move(lease).err());
      if (!out) executor.failures.fetch_add(1, std::memory_order_relaxed);
      done(std::move(out));
    });
  }

  /// Replies `failure` from a worker, as every answer comes.
  template <class T>
  void fail(error failure, reply<T> done) {
    executor.failures.fetch_add(1, std::memory_order_relaxed);
    executor.post([failure = std::move(failure), done = std::move(done)]() mutable {
      done(std::move(failure));
    });
  }

  query_executor executor;
  position_waiters waiters;
};

/// Every statement the read side prepares (read_statements.cpp).
std::vector<prepared_statement> read_statements();

/// Lower-cases ASCII letters: logins arrive in any case.
std::string lower_ascii(std::string text);

/// The text[] literal of lower-cased `logins`.
std::string login_array(const std::vector<std::string>& logins);

/// The rows of one page: `first` checked and capped, plus one more row asked
/// of PostgreSQL to learn whether another page follows.
struct page_size {
  int rows = 0;
  int limit() const noexcept { return rows + 1; }
};
/// Errors: invalid (negative).
result<page_size> checked_page_size(int first);

/// Makes a page of `rows` (up to size.limit() of them, in order): the first
/// size.rows become edges with cursor_of(row), has_next_page says whether
/// one more came.
template <class Row, class CursorOf>
page<Row> make_page(std::vector<Row> rows, page_size size, CursorOf cursor_of) {
  page<Row> out;
  out.has_next_page = rows.size() > static_cast<std::size_t>(size.rows);
  if (out.has_next_page) rows.resize(static_cast<std::size_t>(size.rows));
  out.edges.reserve(rows.size());
  for (auto& row : rows) {
    auto cursor = cursor_of(row);
    out.edges.push_back(edge<Row>{std::move(cursor), std::move(row)});
  }
  return out;
}

/// Keys before any row in descending order: the first page's bound.
inline constexpr std::int64_t before_all = INT64_MAX;

/// `after` as a number cursor of `tag`, or before_all without one.
result<std::int64_t> position_bound(const page_request& request, char tag);

}  // namespace streamhub::projections::read
