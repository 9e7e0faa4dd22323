#include "tests/e2e/support/node_client.hpp"

#include <sstream>

#include "tests/tools/child_process.hpp"

namespace streamhub::e2e {

namespace {

/// env(1) adds the variables and runs node with them: execv knows no PATH
/// and no extra environment of its own.
std::vector<std::string> command(std::string_view script, const std::vector<std::string>& args,
                                 const env_vars& env) {
  std::vector<std::string> argv{"/usr/bin/env"};
  for (const auto& [name, value] : env) argv.push_back(name + "=" + value);
  argv.push_back(STREAMHUB_NODE_PATH);
  argv.push_back(e2e_dir() + "/" + std::string(script));
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

std::optional<nlohmann::json> parse(const std::string& line) {
  auto value = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return std::nullopt;
  return value;
}

}  // namespace

std::string e2e_dir() { return STREAMHUB_E2E_DIR; }

nlohmann::json client_result::json() const {
  const auto all = lines();
  return all.empty() ? nlohmann::json(nlohmann::json::value_t::discarded) : all.back();
}

std::vector<nlohmann::json> client_result::lines() const {
  std::vector<nlohmann::json> out_lines;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);)
    if (auto value = parse(line)) out_lines.push_back(std::move(*value));
  return out_lines;
}

std::string client_result::describe() const {
  return "client exit code " + std::to_string(exit_code) + "\n--- stdout\n" + out + "--- stderr\n" + err;
}

client_result run_client(std::string_view script, const std::vector<std::string>& args, const env_vars& env) {
  testing::child_process child(command(script, args, env));
  client_result result;
  result.exit_code = child.wait();
  result.out = child.out();
  result.err = child.err();
  return result;
}

running_client::running_client(std::string_view script, const std::vector<std::string>& args,
                               const env_vars& env)
    : process_(std::make_unique<testing::child_process>(command(script, args, env))) {}

running_client::~running_client() = default;  // child_process kills what still runs

std::optional<nlohmann::json> running_client::next(std::chrono::milliseconds timeout) {
  auto line = process_->read_line(timeout);
  if (!line) return std::nullopt;
  auto value = parse(*line);
  if (!value) skipped_ += *line + "\n";
  return value;
}

void running_client::signal(int sig) { process_->signal(sig); }

client_result running_client::finish() {
  client_result result;
  result.exit_code = process_->wait();
  result.out = process_->out();
  result.err = process_->err();
  return result;
}

}  // namespace streamhub::e2e
