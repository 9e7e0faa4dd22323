// `streamhub admin` against a running `streamhub serve`: the interactive
// shell on a pseudo-terminal, the scripted forms, the token and the
// loopback rule.

#include "tools/streamhub/admin_shell.hpp"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "tests/storage/temp_dir.hpp"
#include "tests/tools/child_process.hpp"
#include "tests/tools/pseudo_terminal.hpp"

namespace streamhub::tools {
namespace {

using json = nlohmann::json;
using namespace std::chrono_literals;
using streamhub::testing::child_process;
using streamhub::testing::pseudo_terminal;

/// POSTs a GraphQL query to the gateway; answers the response body.
std::string graphql(std::uint16_t port, const std::string& query) {
  const std::string body = json{{"query", query}}.dump();
  const std::string request = "POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                              "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string response;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      ::write(fd, request.data(), request.size()) == static_cast<ssize_t>(request.size())) {
    char buf[4096];
    for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) response.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  const auto blank = response.find("\r\n\r\n");
  return blank == std::string::npos ? response : response.substr(blank + 4);
}

/// `streamhub serve` on free ports in a data directory of its own, without
/// PostgreSQL (the admin endpoint needs none).
class AdminShellTest : public ::testing::Test {
 protected:
  void SetUp() override { start_server(); }

  void start_server() {
    server_ = std::make_unique<child_process>(std::vector<std::string>{
        STREAMHUB_PATH, "--log-format", "text", "--data", data_.string(), "serve", "--listen", "127.0.0.1:0", "--no-pg"});
    while (auto line = server_->read_err_line(60s)) {
      if (const auto at = line->find("serving on http://127.0.0.1:"); at != std::string::npos)
        gateway_port_ = static_cast<std::uint16_t>(std::stoi(line->substr(at + 28)));
      if (line->find("admin endpoint on") != std::string::npos) admin_up_ = true;
      if (gateway_port_ != 0 && admin_up_) return;
    }
    FAIL() << "the server did not come up: " << server_->err();
  }

  void stop_server() {
    server_->signal(SIGTERM);
    EXPECT_EQ(server_->wait(), 0) << server_->err();
    admin_up_ = false;
    gateway_port_ = 0;
  }

  void register_alice() {
    const auto answer = json::parse(graphql(gateway_port_, R"(mutation { register(login: "alice", )"
                                                           R"(email: "alice@example.org", password: "correct horse") )"
                                                           R"({ user { login } } })"),
                                    nullptr, false);
    ASSERT_EQ(answer["data"]["register"]["user"]["login"], "alice") << answer.dump();
  }

  /// Runs `streamhub admin` with `args`, its stdin fed from `input`.
  child_process admin(const std::string& args, const std::string& input = "") {
    const std::string command = "printf '" + input + "' | " + STREAMHUB_PATH + " --data " + data_.string() +
                                " admin " + args;
    return child_process({"/bin/sh", "-c", command});
  }

  streamhub::testing::temp_dir temp_;
  std::filesystem::path data_ = temp_.path() / "data";
  std::unique_ptr<child_process> server_;
  std::uint16_t gateway_port_ = 0;
  bool admin_up_ = false;
};

TEST_F(AdminShellTest, TheTokenIsCreatedOwnerOnlyAndTheAddressWritten) {
  const auto token = std::filesystem::status(data_ / "admin.token").permissions();
  EXPECT_EQ(token & std::filesystem::perms::all, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  std::ifstream port(data_ / "admin.port");
  std::string address;
  ASSERT_TRUE(std::getline(port, address));
  EXPECT_TRUE(address.starts_with("127.0.0.1:")) << address;
}

TEST_F(AdminShellTest, ScriptedCommandsPrintOneJsonLineEach) {
  register_alice();
  auto one = admin("-c 'events user:alice --limit 1'");
  ASSERT_EQ(one.wait(), 0) << one.err();
  const json events = json::parse(one.out());
  EXPECT_EQ(events["id"], "user:alice");
  EXPECT_EQ(events["next_version"], 2);
  EXPECT_EQ(events["events"][0]["type"], "user.registered");
  EXPECT_EQ(events["events"][0]["payload"]["login"], "alice");
  EXPECT_EQ(std::count(one.out().begin(), one.out().end(), '\n'), 1);

  // From standard input: one answer a line; a mistake is one line on stderr
  // and makes the exit code 1, the other commands still run.
  auto script = admin("", "snapshot user:alice\\ninspct user:alice\\nat user:alice 1\\npassivate user:alice\\n");
  EXPECT_EQ(script.wait(), 1);
  std::istringstream out(script.out());
  std::string line;
  ASSERT_TRUE(std::getline(out, line));
  const json snapshot = json::parse(line);
  EXPECT_EQ(snapshot["id"], "user:alice");
  EXPECT_GE(snapshot["snapshot_version"], 1);
  ASSERT_TRUE(std::getline(out, line));
  const json at = json::parse(line);
  EXPECT_EQ(at["id"], "user:alice");
  EXPECT_EQ(at["version"], 1);
  EXPECT_TRUE(at["state"].is_object());
  ASSERT_TRUE(std::getline(out, line));
  EXPECT_EQ(json::parse(line), (json{{"id", "user:alice"}, {"passivated", true}}));
  EXPECT_EQ(script.err(), "error: unknown command 'inspct' (did you mean 'inspect'?); 'help' lists them\n");
}

TEST_F(AdminShellTest, ConnectNamesTheNodeAndTokenFileItsToken) {
  register_alice();
  std::ifstream port_file(data_ / "admin.port");
  std::string address;
  ASSERT_TRUE(std::getline(port_file, address));
  // Another data directory: only --connect and --token-file lead to the node.
  const auto elsewhere = temp_.path() / "elsewhere";
  const std::string command = std::string(STREAMHUB_PATH) + " --data " + elsewhere.string() + " admin --connect " +
                              address + " --token-file " + (data_ / "admin.token").string() +
                              " -c 'inspect user:alice'";
  child_process p({"/bin/sh", "-c", command});
  ASSERT_EQ(p.wait(), 0) << p.err();
  const json answer = json::parse(p.out());
  EXPECT_EQ(answer["id"], "user:alice");
  EXPECT_EQ(answer["state"]["state"]["login"], "alice") << answer;
}

TEST_F(AdminShellTest, AWrongTokenIsRefused) {
  const auto wrong = temp_.path() / "wrong.token";
  std::ofstream(wrong) << "0000\n";
  auto refused = admin("--token-file " + wrong.string() + " -c stats");
  EXPECT_EQ(refused.wait(), 1);
  EXPECT_EQ(refused.out(), "");
  EXPECT_EQ(refused.err(), "error: wrong admin token\n");
}

TEST_F(AdminShellTest, ANonLoopbackAdminAddressIsRefusedWithoutTheOption) {
  stop_server();
  child_process refused({STREAMHUB_PATH, "--data", data_.string(), "serve", "--listen", "127.0.0.1:0", "--no-pg",
                         "--admin-listen", "0.0.0.0:0"});
  EXPECT_EQ(refused.wait(), 1);
  EXPECT_NE(refused.err().find("non-loopback"), std::string::npos) << refused.err();
  EXPECT_NE(refused.err().find("--admin-allow-remote"), std::string::npos) << refused.err();

  child_process allowed({STREAMHUB_PATH, "--log-format", "text", "--data", data_.string(), "serve", "--listen",
                         "127.0.0.1:0", "--no-pg", "--admin-listen", "0.0.0.0:0", "--admin-allow-remote"});
  bool up = false;
  while (auto line = allowed.read_err_line(60s))
    if ((up = line->find("admin endpoint on 127.0.0.1:") != std::string::npos)) break;
  EXPECT_TRUE(up) << allowed.err();
  allowed.signal(SIGTERM);
  EXPECT_EQ(allowed.wait(), 0) << allowed.err();
}

TEST_F(AdminShellTest, TheInteractiveShellRunsEveryCommand) {
  register_alice();
  const auto history = temp_.path() / "history";
  pseudo_terminal shell({STREAMHUB_PATH, "--data", data_.string(), "admin", "--history", history.string()},
                        {"TERM=xterm", "HOME=" + temp_.path().string()});
  ASSERT_TRUE(shell.started());
  ASSERT_TRUE(shell.expect("streamhub> ")) << shell.screen();

  const auto run = [&](std::string_view line, std::string_view shows) {
    std::string why;
    EXPECT_TRUE(shell.run(line, shows, "streamhub> ", why)) << why;
  };
  run("help", "events ID [--from V] [--limit N]");
  // JSON on a terminal is coloured: keys blue, strings green.
  run("inspect user:alice", "\"login\": \"alice\"");
  EXPECT_NE(shell.raw().find("\x1b[34m\"login\"\x1b[0m: \x1b[32m\"alice\"\x1b[0m"), std::string::npos);
  run("stats", "\"append_rate_per_s\": ");
  run("actors user", "\"id\": \"user:alice\"");
  run("inspect user:alice", "\"login\": \"alice\"");
  run("events user:alice --from 1 --limit 5", "\"type\": \"user.registered\"");
  run("at user:alice 1", "\"version\": 1");
  run("snapshot user:alice", "\"snapshot_version\": ");
  run("sessions", "\"total\": ");
  run("projections", "error: projections are not running on this node");
  run("replay chat", "error: projections are not running on this node");
  run("inspct user:alice", "error: unknown command 'inspct' (did you mean 'inspect'?)");
  run("inspect user:alcie", "error: no entity 'user:alcie' (did you mean 'user:alice'?)");

  // Tab completes commands and entity ids.
  shell.type("insp\t");
  ASSERT_TRUE(shell.expect("inspect ")) << shell.screen();
  shell.type("user:al\t");
  ASSERT_TRUE(shell.expect("user:alice")) << shell.screen();
  shell.type("\r");
  ASSERT_TRUE(shell.expect("\"login\": \"alice\"")) << shell.screen();
  ASSERT_TRUE(shell.expect("streamhub> "));

  // tail follows until ^C: logging in appends to user:alice.
  shell.type("tail user:alice\r");
  ASSERT_TRUE(shell.expect("\"from_version\": ")) << shell.screen();
  const auto login = json::parse(graphql(gateway_port_, R"(mutation { login(login: "alice", )"
                                                        R"(password: "correct horse") { user { login } } })"),
                                 nullptr, false);
  ASSERT_EQ(login["data"]["login"]["user"]["login"], "alice") << login.dump();
  ASSERT_TRUE(shell.expect("\"stream\": \"user:alice\"")) << shell.screen();
  shell.type("\x03");
  ASSERT_TRUE(shell.expect("\"tail\": \"user:alice\"")) << shell.screen();
  ASSERT_TRUE(shell.expect("streamhub> "));

  run("passivate user:alice", "\"passivated\": ");

  // The node goes away: reported; once back (on another port), the next
  // command finds it.
  stop_server();
  run("stats", "connection lost");
  start_server();
  run("stats", "\"uptime_s\": ");

  shell.type("\x04");
  EXPECT_EQ(shell.wait(), 1);  // some commands failed
  std::ifstream saved(history);
  const std::string kept((std::istreambuf_iterator<char>(saved)), std::istreambuf_iterator<char>());
  EXPECT_NE(kept.find("inspect user:alcie\n"), std::string::npos) << kept;
  EXPECT_NE(kept.find("tail user:alice\n"), std::string::npos) << kept;

  // The next shell starts with that history: Up brings the last command back.
  pseudo_terminal again({STREAMHUB_PATH, "--data", data_.string(), "admin", "--history", history.string()},
                        {"TERM=xterm", "HOME=" + temp_.path().string()});
  ASSERT_TRUE(again.expect("streamhub> ")) << again.screen();
  again.type("\x1b[A");
  ASSERT_TRUE(again.expect("stats")) << again.screen();
  again.type("\r");
  ASSERT_TRUE(again.expect("\"uptime_s\": ")) << again.screen();
  ASSERT_TRUE(again.expect("streamhub> "));
  again.type("\x04");
  EXPECT_EQ(again.wait(), 0);
}

}  // namespace
}  // namespace streamhub::tools
