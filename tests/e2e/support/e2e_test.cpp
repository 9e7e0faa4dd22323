#include "tests/e2e/support/e2e_test.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "tests/tools/child_process.hpp"

namespace streamhub::e2e {

namespace {

/// Whether `streamhub serve` knows `flag` (so that these tests run against
/// builds from before and after the flag).
bool serve_knows(const std::string& flag) {
  static std::string help = [] {
    testing::child_process serve({STREAMHUB_PATH, "serve", "--help"});
    serve.wait();
    return serve.out();
  }();
  return help.find(flag) != std::string::npos;
}

}  // namespace

bool e2e_test::start_server(std::vector<std::string> flags) {
  server_.reset();  // a server still running is killed: one per data directory
  if (!with_read_models_ && serve_knows("--no-pg")) flags.push_back("--no-pg");
  server_ = std::make_unique<served_node>(data_dir_, std::move(flags));
  if (server_->serving()) return true;
  ADD_FAILURE() << "streamhub serve did not come up; its log:\n" << server_->log();
  return false;
}

int e2e_test::stop_server() { return server_ ? server_->stop() : 0; }

env_vars e2e_test::client_env(const env_vars& extra) const {
  env_vars env{{"STREAMHUB_DATA_DIR", data_dir_.string()}};
  if (server_) {
    env.emplace_back("STREAMHUB_HTTP_URL", server_->http_url());
    env.emplace_back("STREAMHUB_WS_URL", server_->ws_url());
    env.emplace_back("STREAMHUB_BASE_URL", server_->base_url());
  }
  env.insert(env.end(), extra.begin(), extra.end());
  return env;
}

client_result e2e_test::run(std::string_view script, const std::vector<std::string>& args,
                            const env_vars& extra) {
  return run_client(script, args, client_env(extra));
}

std::unique_ptr<running_client> e2e_test::start(std::string_view script, const std::vector<std::string>& args,
                                                const env_vars& extra) {
  return std::make_unique<running_client>(script, args, client_env(extra));
}

nlohmann::json e2e_test::run_json(std::string_view script, const nlohmann::json& argument) {
  auto r = run(script, {argument.dump()});
  if (r.exit_code != 0 || r.json().is_discarded()) ADD_FAILURE() << r.describe();
  return r.json();
}

nlohmann::json e2e_test::http(const nlohmann::json& requests) { return run_json("clients/http.mjs", requests); }

nlohmann::json e2e_test::raw_ws(const nlohmann::json& spec) { return run_json("clients/raw_ws.mjs", spec); }

nlohmann::json e2e_test::graphql_post(std::string_view query, const nlohmann::json& variables, std::string_view token) {
  nlohmann::json request{{"method", "POST"},
                         {"headers", {{"content-type", "application/json"}}},
                         {"body", nlohmann::json{{"query", query}, {"variables", variables}}.dump()}};
  if (!token.empty()) request["headers"]["authorization"] = "Bearer " + std::string(token);
  return request;
}

nlohmann::json e2e_test::graphql(std::string_view query, const nlohmann::json& variables, std::string_view token) {
  return http(graphql_post(query, variables, token));
}

std::string e2e_test::register_user(const std::string& login) {
  auto answer = graphql(R"(mutation($l: String!, $e: String!) {
                             register(login: $l, email: $e, password: "correct horse battery") { accessToken } })",
                        {{"l", login}, {"e", login + "@example.com"}});
  const auto& token = answer["json"]["data"]["register"]["accessToken"];
  if (!token.is_string()) {
    ADD_FAILURE() << "cannot register " << login << ": " << answer;
    return {};
  }
  return token.get<std::string>();
}

std::vector<nlohmann::json> e2e_test::admin(const std::vector<std::string>& commands) {
  const auto script = temp_.path() / "admin_commands";
  {
    std::ofstream out(script);
    for (const auto& c : commands) out << c << '\n';
  }
  // The scripted shell reads its commands from stdin; child_process has none
  // of its own, so a shell redirects it.
  testing::child_process admin({"/bin/sh", "-c",
                                std::string(STREAMHUB_PATH) + " --data '" + data_dir_.string() + "' admin < '" +
                                    script.string() + "'"});
  const int code = admin.wait();
  std::vector<nlohmann::json> answers;
  std::istringstream lines(admin.out());
  for (std::string line; std::getline(lines, line);)
    if (!line.empty()) answers.push_back(nlohmann::json::parse(line, nullptr, false));
  const bool parsed = std::none_of(answers.begin(), answers.end(), [](const auto& a) { return a.is_discarded(); });
  if (code != 0 || !parsed || answers.size() != commands.size()) {
    ADD_FAILURE() << "streamhub admin exited " << code << "\nstdout:\n" << admin.out() << "stderr:\n" << admin.err();
    return {};
  }
  return answers;
}

void e2e_test::expect_serving() {
  using json = nlohmann::json;
  auto report = raw_ws({{"steps", json::array({ws_steps::init(), ws_steps::await("connection_ack"),
                                               ws_steps::subscribe("q", "{ __typename }"),
                                               ws_steps::await("complete", "q")})},
                        {"waitClose", false}});
  ASSERT_GE(report["messages"].size(), 3u) << "no longer serving WebSockets: " << report;
  EXPECT_EQ(report["messages"][1], json::parse(R"({"type":"next","id":"q","payload":{"data":{"__typename":"Query"}}})"))
      << report;
  auto answer = graphql("{ __typename }");
  EXPECT_EQ(answer["status"], 200) << "no longer serving HTTP: " << answer;
}

}  // namespace streamhub::e2e
