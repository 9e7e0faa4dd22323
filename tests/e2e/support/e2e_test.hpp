#pragma once
// The GoogleTest fixture of end-to-end tests: a fresh data directory per
// test, the real server started in it with the flags a test needs, and node
// clients that are told where it listens through the environment:
//
//   STREAMHUB_HTTP_URL  http://127.0.0.1:PORT/graphql
//   STREAMHUB_WS_URL    ws://127.0.0.1:PORT/graphql
//   STREAMHUB_BASE_URL  http://127.0.0.1:PORT
//   STREAMHUB_DATA_DIR  the data directory (token.key: the token secret)
//
// Usage:
//   TEST_F(e2e_test, Something) {
//     ASSERT_TRUE(start_server({"--admin", "root"}));
//     auto r = run("clients/http.mjs", {...});
//     ASSERT_EQ(r.exit_code, 0) << r.describe();
//   }

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "tests/e2e/support/node_client.hpp"
#include "tests/e2e/support/served_node.hpp"
#include "tests/e2e/support/ws_steps.hpp"
#include "tests/storage/temp_dir.hpp"

namespace streamhub::e2e {

class e2e_test : public ::testing::Test {
 protected:
  /// Starts the server in this test's data directory (stopping one already
  /// running there first). Without PostgreSQL (--no-pg) unless
  /// with_read_models_ is set. False, with the server's log added as a test
  /// failure, when it does not come up.
  bool start_server(std::vector<std::string> flags = {});
  /// The running server. REQUIRES: start_server() succeeded.
  served_node& server() { return *server_; }
  /// SIGTERM, then the exit code.
  int stop_server();

  /// The client environment for the running server, plus `extra`.
  env_vars client_env(const env_vars& extra = {}) const;
  /// Runs a script (relative to tests/e2e) against the running server.
  client_result run(std::string_view script, const std::vector<std::string>& args = {},
                    const env_vars& extra = {});
  /// Starts a script that keeps running while the test acts.
  std::unique_ptr<running_client> start(std::string_view script, const std::vector<std::string>& args = {},
                                        const env_vars& extra = {});

  /// HTTP requests through clients/http.mjs: one spec object ({method,
  /// path, headers, body}) or an array of them, sent in order. Answers
  /// {status, headers, body, json} (or an array); on a failed client a
  /// discarded value, with the client's output added as a test failure.
  nlohmann::json http(const nlohmann::json& requests);
  /// A GraphQL request over HTTP POST; answers {status, headers, body, json}.
  nlohmann::json graphql(std::string_view query, const nlohmann::json& variables = nlohmann::json::object(),
                         std::string_view token = {});
  /// The http() spec of that request, for batches.
  static nlohmann::json graphql_post(std::string_view query, const nlohmann::json& variables = nlohmann::json::object(),
                                     std::string_view token = {});
  /// Registers `login` (password "correct horse battery"); its access
  /// token, or "" with a test failure.
  std::string register_user(const std::string& login);

  /// A scripted WebSocket session through clients/raw_ws.mjs (the spec is
  /// documented there); its report, or a discarded value with the client's
  /// output added as a test failure.
  nlohmann::json raw_ws(const nlohmann::json& spec);
  /// Runs `streamhub admin` scripted against the running server (its
  /// address and token from the data directory), one command a line; one
  /// JSON answer per command, or an empty list with the output added as a
  /// test failure. E.g. admin({"events channel:alice --limit 100"}).
  std::vector<nlohmann::json> admin(const std::vector<std::string>& commands);
  /// Proof the server still serves after whatever a test provoked: a new
  /// WebSocket is acknowledged and answers a query, and POST /graphql
  /// answers 200.
  void expect_serving();

  const std::filesystem::path& data_dir() const noexcept { return data_dir_; }

  /// Set by fixtures whose tests need the read models (PostgreSQL).
  bool with_read_models_ = false;

 private:
  /// Runs `script` with one JSON argument; its result line, or a discarded
  /// value with the client's output added as a test failure.
  nlohmann::json run_json(std::string_view script, const nlohmann::json& argument);

  testing::temp_dir temp_;
  std::filesystem::path data_dir_ = temp_.path() / "data";
  std::unique_ptr<served_node> server_;
};

}  // namespace streamhub::e2e
