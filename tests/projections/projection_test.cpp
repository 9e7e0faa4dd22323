#include "tests/projections/projection_test.hpp"

#include <pqxx/connection>
#include <pqxx/nontransaction>
#include <pqxx/result>

#include <condition_variable>
#include <mutex>

namespace streamhub::projections::testing {

bool wait_applied(read::applied_positions& positions, log_position position,
                  read::read_model_set models, std::chrono::milliseconds timeout) {
  std::mutex mutex;
  std::condition_variable changed;
  const auto id = positions.add_listener([&] {
    std::lock_guard lock(mutex);
    changed.notify_all();
  });
  std::unique_lock lock(mutex);
  const bool reached = changed.wait_for(lock, timeout, [&] { return positions.reached(position, models); });
  lock.unlock();
  positions.remove_listener(id);
  return reached;
}

text_rows query_rows(const std::string& conninfo, const std::string& sql) {
  pqxx::connection connection(conninfo);
  pqxx::nontransaction tx(connection);
  text_rows out;
  for (const auto& row : tx.exec(sql)) {
    auto& fields = out.emplace_back();
    for (const auto& field : row) fields.push_back(field.is_null() ? "NULL" : field.c_str());
  }
  return out;
}

projection_test::~projection_test() {
  if (runtime_) runtime_->stop();
}

projection_runtime_options projection_test::runtime_options(
    std::vector<read::read_model> models) const {
  projection_runtime_options options;
  options.conninfo = conninfo();
  options.models = std::move(models);
  options.retry = backoff_policy{std::chrono::milliseconds{20}, std::chrono::milliseconds{200}};
  return options;
}

void projection_test::start(projection_runtime_options options) {
  running_ = {};
  if (options.models.empty()) {
    running_ = read::read_model_set::all();
  } else {
    for (const auto m : options.models) running_.add(m);
  }
  runtime_ = std::make_unique<projection_runtime>(log_, std::move(options));
  runtime_->start();
}

void projection_test::catch_up() {
  ASSERT_TRUE(runtime_);
  const auto head = log_.head_position();
  const bool reached =
      wait_applied(*runtime_->positions(), head, running_, std::chrono::seconds{60});
  if (!reached) {
    for (const auto& s : runtime_->stats()) {
      ADD_FAILURE() << s.name << ": " << to_string(s.status) << " at " << s.applied << " of "
                    << head << ": " << s.last_error;
    }
    for (const auto& row : rows("SELECT projection, position, status FROM projection_checkpoints "
                                "UNION ALL SELECT schemaname, count(*), '' FROM pg_tables "
                                "WHERE schemaname LIKE 'proj%' GROUP BY 1 ORDER BY 1")) {
      ADD_FAILURE() << row[0] << " " << row[1] << " " << row[2];
    }
  }
  ASSERT_TRUE(reached);
}

std::string projection_test::value(const std::string& sql) const {
  const auto result = rows(sql);
  if (result.size() != 1 || result[0].size() != 1) {
    ADD_FAILURE() << "not one value: " << sql;
    return {};
  }
  return result[0][0];
}

}  // namespace streamhub::projections::testing
