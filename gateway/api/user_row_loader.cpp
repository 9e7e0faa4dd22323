#include "gateway/api/user_row_loader.hpp"

#include <utility>

namespace streamhub::gateway::api {

using projections::read::read_model;
using projections::read::user_row;

user_row_loader::user_row_loader(projections::read::query_service& reads, graphql::post_fn post,
                                 std::uint64_t min_position, std::chrono::steady_clock::time_point deadline)
    : reads_(reads), post_(std::move(post)), min_position_(min_position), deadline_(deadline) {}

void user_row_loader::load(const std::string& login, callback then) {
  std::unique_lock lock(mutex_);
  if (auto it = known_.find(login); it != known_.end()) {
    auto row = it->second;
    lock.unlock();
    then(answer(std::move(row)));
    return;
  }
  auto& waiters = waiting_[login];
  waiters.push_back(std::move(then));
  if (waiters.size() == 1) batch_.push_back(login);
  if (flush_posted_) return;
  flush_posted_ = true;
  lock.unlock();
  post_([self = shared_from_this()] { self->flush(); });
}

void user_row_loader::prime(const std::vector<user_row>& rows) {
  std::lock_guard lock(mutex_);
  for (const auto& row : rows) known_.insert_or_assign(row.login, row);
}

void user_row_loader::flush() {
  std::vector<std::string> logins;
  {
    std::lock_guard lock(mutex_);
    logins = std::move(batch_);
    batch_.clear();
    flush_posted_ = false;
  }
  if (logins.empty()) return;
  auto query = [self = shared_from_this(), logins]() {
    self->reads_.users_by_logins(logins, [self, logins](result<std::vector<user_row>> rows) {
      self->answer_batch(logins, std::move(rows));
    });
  };
  if (min_position_ == 0) return query();
  reads_.wait_for_position(min_position_, {read_model::users}, deadline_,
                           [self = shared_from_this(), logins, query](result<void> caught_up) {
                             if (!caught_up) return self->answer_batch(logins, std::move(caught_up).err());
                             query();
                           });
}

void user_row_loader::answer_batch(const std::vector<std::string>& logins,
                                   result<std::vector<user_row>> rows) {
  std::vector<std::pair<std::vector<callback>, answer>> calls;
  {
    std::lock_guard lock(mutex_);
    if (rows) {
      for (auto& row : *rows) known_.insert_or_assign(row.login, std::move(row));
    }
    for (const auto& login : logins) {
      auto waiting = waiting_.extract(login);
      if (waiting.empty()) continue;
      if (!rows) {
        calls.emplace_back(std::move(waiting.mapped()), answer(rows.err()));
        continue;
      }
      // A login the read model lacks is remembered as absent.
      auto& known = known_[login];
      calls.emplace_back(std::move(waiting.mapped()), answer(known));
    }
  }
  for (auto& [callbacks, outcome] : calls)
    for (auto& then : callbacks) then(outcome);
}

}  // namespace streamhub::gateway::api
