#pragma once
// One request's batched loads of read-model user rows (for User fields only
// the read models know, such as followingCount): every login asked for while
// the execution runs one pass of resolvers goes to PostgreSQL in one
// statement, sent from a task posted behind that pass. Rows a page already
// loaded (prime) answer at once.
//
// Read-your-writes: with a minimum position, a batch first waits until the
// users read model has applied it (bounded by the deadline).
//
// Thread-safety: load() on the request's execution thread; prime() from any
// thread; callbacks run on the read side's workers (or at once, in load()).

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "projections/read/query_service.hpp"
#include "protocol/graphql/execution/execute.hpp"

namespace streamhub::gateway::api {

class user_row_loader : public std::enable_shared_from_this<user_row_loader> {
 public:
  /// The row, nullopt for a login the read model does not know, or the read
  /// side's error (unavailable, timeout).
  using answer = result<std::optional<projections::read::user_row>>;
  using callback = std::function<void(const answer&)>;

  /// `reads` must outlive the loader; `post` continues on the execution's
  /// thread.
  user_row_loader(projections::read::query_service& reads, graphql::post_fn post, std::uint64_t min_position,
                  std::chrono::steady_clock::time_point deadline);

  /// Calls `then` with `login`'s row (lower case), batched with the other
  /// logins asked for in the same pass.
  void load(const std::string& login, callback then);

  /// Remembers rows loaded elsewhere (a page's users).
  void prime(const std::vector<projections::read::user_row>& rows);

 private:
  void flush();
  void answer_batch(const std::vector<std::string>& logins,
                    result<std::vector<projections::read::user_row>> rows);

  projections::read::query_service& reads_;
  graphql::post_fn post_;
  const std::uint64_t min_position_;
  const std::chrono::steady_clock::time_point deadline_;

  std::mutex mutex_;
  std::unordered_map<std::string, std::optional<projections::read::user_row>> known_;
  std::unordered_map<std::string, std::vector<callback>> waiting_;
  /// Logins waiting for the next flush.
  std::vector<std::string> batch_;
  bool flush_posted_ = false;
};

}  // namespace streamhub::gateway::api
