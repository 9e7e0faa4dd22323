#include "projections/read/query_service.hpp"

#include "projections/read/cursor.hpp"
#include "projections/read/query_service_impl.hpp"
#include "projections/sql/pg_array.hpp"

namespace streamhub::projections::read {

sql_reader::sql_reader(pqxx::connection_base& connection, std::atomic<std::uint64_t>& statements,
                       mode m)
    : statements_(statements) {
  if (m == mode::snapshot) {
    tx_ = std::make_unique<pqxx::transaction<pqxx::repeatable_read, pqxx::read_only>>(connection);
  } else {
    tx_ = std::make_unique<pqxx::nontransaction>(connection);
  }
}

query_service::impl::impl(query_service_options options,
                          std::shared_ptr<applied_positions> positions)
    : executor(options, read_statements()),
      waiters(std::move(positions), [this](std::function<void()> fn) { executor.post(std::move(fn)); }) {}

std::string lower_ascii(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

std::string login_array(const std::vector<std::string>& logins) {
  sql::pg_array array;
  for (const auto& login : logins) array.add(lower_ascii(login));
  return array.literal();
}

result<page_size> checked_page_size(int first) {
  if (first < 0) return error{error_code::invalid, "first must not be negative"};
  return page_size{std::min(first, max_page_size)};
}

result<std::int64_t> position_bound(const page_request& request, char tag) {
  if (!request.after) return before_all;
  return decode_number_cursor(*request.after, tag);
}

query_service::query_service(query_service_options options,
                             std::shared_ptr<applied_positions> positions)
    : impl_(std::make_unique<impl>(std::move(options), std::move(positions))) {}

query_service::~query_service() { stop(); }

void query_service::stop() {
  // Waits first: their completions go through the executor.
  impl_->waiters.stop();
  impl_->executor.stop();
}

void query_service::wait_for_position(log_position position, read_model_set models,
                                      std::chrono::steady_clock::time_point deadline,
                                      reply<void> done) {
  impl_->waiters.wait(position, models, deadline, std::move(done));
}

query_service_stats query_service::stats() const {
  query_service_stats s;
  s.queries = impl_->executor.queries.load();
  s.statements = impl_->executor.statements.load();
  s.failures = impl_->executor.failures.load();
  s.queued = impl_->executor.queued();
  s.waiting = impl_->waiters.pending();
  return s;
}

}  // namespace streamhub::projections::read
