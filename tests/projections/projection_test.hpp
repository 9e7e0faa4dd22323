#pragma once
// A fixture for projection tests: a fresh migrated database, an in-memory
// event log with a writer for scripted events, and the projection runtime
// over both.

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "projections/projection_runtime.hpp"
#include "storage/memory_event_log.hpp"
#include "tests/projections/log_writer.hpp"
#include "tests/projections/pg_test_cluster.hpp"

namespace streamhub::projections::testing {

/// Rows as text, NULL as "NULL": compared whole, in the query's order.
using text_rows = std::vector<std::vector<std::string>>;

/// Waits (no polling) until every model in `models` has applied `position`;
/// false after `timeout`.
bool wait_applied(read::applied_positions& positions, log_position position,
                  read::read_model_set models, std::chrono::milliseconds timeout);

/// Runs `sql` on a connection of its own.
text_rows query_rows(const std::string& conninfo, const std::string& sql);

class projection_test : public pg_database_test {
 protected:
  ~projection_test() override;

  /// Options for this test's database, with quick retries.
  projection_runtime_options runtime_options(std::vector<read::read_model> models = {}) const;

  /// Starts the runtime (all read models unless `options.models` names some).
  void start(projection_runtime_options options);
  void start(std::vector<read::read_model> models = {}) { start(runtime_options(std::move(models))); }

  /// Waits until the running read models have applied the log's head.
  void catch_up();

  text_rows rows(const std::string& sql) const { return query_rows(conninfo(), sql); }
  /// The one value of `sql`.
  std::string value(const std::string& sql) const;

  storage::memory_event_log log_;
  log_writer write_{log_};
  std::unique_ptr<projection_runtime> runtime_;
  read::read_model_set running_;
};

}  // namespace streamhub::projections::testing
