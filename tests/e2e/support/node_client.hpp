#pragma once
// Node.js clients for end-to-end tests: ES module scripts under tests/e2e
// (where package.json pins graphql, graphql-ws and ws) run with arguments
// and extra environment variables. A script prints JSON lines on stdout; by
// convention its last line is its result, and it exits non-zero with a
// message on stderr when it asserts something itself and that fails.
//
// Thread-safety: none; one test thread drives a client.

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace streamhub::testing {
class child_process;
}

namespace streamhub::e2e {

using env_vars = std::vector<std::pair<std::string, std::string>>;

struct client_result {
  int exit_code = -1;
  std::string out;
  std::string err;

  /// The last non-empty stdout line parsed as JSON; a discarded value when
  /// there is none or it does not parse (then describe() says why).
  nlohmann::json json() const;
  /// Every stdout line that parses as JSON, in order.
  std::vector<nlohmann::json> lines() const;
  /// Exit code, stdout and stderr, for assertion messages.
  std::string describe() const;
};

/// The directory holding package.json, node_modules and clients/.
std::string e2e_dir();

/// Runs `node <e2e_dir>/<script> args...` with `env` added to the
/// environment and waits for it to exit. Scripts guard themselves with a
/// deadline (clients/lib/harness.mjs), so this returns even when the server
/// stops answering.
client_result run_client(std::string_view script, const std::vector<std::string>& args = {},
                         const env_vars& env = {});

/// A client kept running while the test acts on the server, e.g. a
/// subscriber that prints a line per event.
class running_client {
 public:
  running_client(std::string_view script, const std::vector<std::string>& args, const env_vars& env);
  /// Kills a client still running.
  ~running_client();
  running_client(const running_client&) = delete;
  running_client& operator=(const running_client&) = delete;

  /// The next stdout line parsed as JSON; nullopt at the end of output, when
  /// `timeout` passes (a failure guard), or when the line is not JSON (then
  /// it is kept in skipped()).
  std::optional<nlohmann::json> next(std::chrono::milliseconds timeout = std::chrono::seconds(30));
  /// Sends a signal (SIGTERM asks scripts to finish and print their result).
  void signal(int sig);
  /// Waits for the exit; stdout holds what next() did not consume.
  client_result finish();
  const std::string& skipped() const noexcept { return skipped_; }

 private:
  std::unique_ptr<testing::child_process> process_;
  std::string skipped_;
};

}  // namespace streamhub::e2e
