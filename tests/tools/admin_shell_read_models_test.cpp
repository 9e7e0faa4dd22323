// `streamhub admin` against a node that runs its read models (the embedded
// PostgreSQL) and has a client connected: the projections and a replay
// started from the shell, the sessions with their outgoing queues, and the
// figures of `stats`, `inspect` and `actors --top mailbox`.

#include "tests/e2e/support/e2e_test.hpp"

#include <set>

#include <nlohmann/json.hpp>

#include "tests/tools/child_process.hpp"
#include "tests/tools/pseudo_terminal.hpp"

namespace streamhub::tools {
namespace {

using json = nlohmann::json;
using streamhub::testing::child_process;
using streamhub::testing::pseudo_terminal;

const std::set<std::string> every_projection{"users",         "channels",      "chat",     "notifications",
                                             "timelines",     "subscriptions", "analytics"};

class AdminShellReadModelsTest : public e2e::e2e_test {
 protected:
  AdminShellReadModelsTest() {
    with_read_models_ = true;
    // Run as root, PostgreSQL runs as an unprivileged user, which must be
    // able to pass through the private temporary directory to DATA/pg.
    std::filesystem::permissions(data_dir().parent_path(), std::filesystem::perms::others_exec,
                                 std::filesystem::perm_options::add);
  }

  struct finished {
    int exit_code;
    std::string out, err;
  };

  /// `streamhub admin -c COMMAND`, run to its end.
  finished admin(const std::string& command) {
    child_process p({STREAMHUB_PATH, "--data", data_dir().string(), "admin", "-c", command});
    const int code = p.wait();
    return {code, p.out(), p.err()};
  }

  /// The one JSON line `streamhub admin -c COMMAND` answers.
  json admin_json(const std::string& command) {
    const auto p = admin(command);
    EXPECT_EQ(p.exit_code, 0) << command << ": " << p.err;
    EXPECT_EQ(std::count(p.out.begin(), p.out.end(), '\n'), 1) << p.out;
    return json::parse(p.out, nullptr, false);
  }

  static const json* find_projection(const json& list, std::string_view name) {
    for (const auto& p : list["projections"])
      if (p["name"] == name) return &p;
    return nullptr;
  }

  /// A message in alice's room, read by a subscriber that stays connected.
  void chat_with_a_viewer() {
    token_ = register_user("alice");
    ASSERT_FALSE(token_.empty());
    const auto sent = graphql(R"(mutation { sendChatMessage(channel: "alice", text: "hello from the log") { sequence } })",
                              json::object(), token_);
    ASSERT_EQ(sent["json"]["data"]["sendChatMessage"]["sequence"], 1) << sent;
    viewer_ = start("clients/chat_subscriber.mjs", {"alice", token_});
    const auto first = viewer_->next();
    ASSERT_TRUE(first && (*first)["received"] == true) << viewer_->skipped();
  }

  void TearDown() override {
    if (viewer_) {
      viewer_->signal(SIGTERM);
      viewer_->finish();
    }
    EXPECT_EQ(stop_server(), 0) << server().log();
  }

  std::string token_;
  std::unique_ptr<e2e::running_client> viewer_;
};

TEST_F(AdminShellReadModelsTest, SessionsStatsInspectAndActorsShowAConnectedViewer) {
  ASSERT_TRUE(start_server());
  chat_with_a_viewer();

  const auto sessions = admin_json("sessions");
  const json* ws = nullptr;
  for (const auto& s : sessions["sessions"])
    if (s["transport"] == "ws") ws = &s;
  ASSERT_NE(ws, nullptr) << sessions;
  EXPECT_EQ((*ws)["operations"], 1) << sessions;
  EXPECT_EQ((*ws)["client_ip"], "127.0.0.1") << sessions;
  EXPECT_FALSE((*ws)["user"].get<std::string>().empty()) << sessions;
  EXPECT_TRUE((*ws)["queued_frames"].is_number_unsigned()) << sessions;
  EXPECT_TRUE((*ws)["queued_bytes"].is_number_unsigned()) << sessions;

  const auto stats = admin_json("stats");
  EXPECT_GE(stats["connections"]["ws"], 1) << stats;
  EXPECT_GE(stats["subscriptions"]["entity"], 1) << stats;
  EXPECT_GE(stats["actors"]["chat"], 1) << stats;
  EXPECT_GE(stats["actors"]["user"], 1) << stats;
  EXPECT_TRUE(stats["mailboxes"]["total"].is_number_unsigned()) << stats;
  EXPECT_TRUE(stats["mailboxes"].contains("deepest_id")) << stats;
  EXPECT_GE(stats["log"]["head"], 2) << stats;
  EXPECT_TRUE(stats["log"]["append_rate_per_s"].is_number()) << stats;
  EXPECT_GE(stats["uptime_s"], 0) << stats;

  const auto room = admin_json("inspect chat:alice");
  EXPECT_EQ(room["id"], "chat:alice") << room;
  EXPECT_EQ(room["version"], 1) << room;
  EXPECT_GE(room["subscribers"], 1) << room;
  EXPECT_TRUE(room["last_activity"].is_string()) << room;
  EXPECT_TRUE(room["state"].is_object()) << room;

  const auto top = admin_json("actors --top mailbox");
  ASSERT_FALSE(top["actors"].empty()) << top;
  EXPECT_GE(top["total"], 2) << top;
  for (const auto& a : top["actors"]) EXPECT_TRUE(a["mailbox"].is_number_unsigned()) << top;
}

TEST_F(AdminShellReadModelsTest, ReplayFromTheShellSwapsFreshTablesInWhileServing) {
  ASSERT_TRUE(start_server());
  chat_with_a_viewer();

  const auto before = admin_json("projections");
  std::set<std::string> names;
  for (const auto& p : before["projections"]) {
    names.insert(p["name"].get<std::string>());
    for (const char* key : {"status", "checkpoint", "lag", "dead_letters", "last_error", "last_replay"})
      EXPECT_TRUE(p.contains(key)) << key << " missing in " << p;
  }
  EXPECT_EQ(names, every_projection) << before;
  EXPECT_GE(before["log_head"], 2) << before;

  const auto mark = server().log_size();
  EXPECT_EQ(admin_json("replay chat"), (json{{"replay", "chat"}, {"started", true}}));
  ASSERT_TRUE(server().wait_for_log("replay of chat swapped in at position", mark)) << server().log();

  const auto after = admin_json("projections");
  const json* chat = find_projection(after, "chat");
  ASSERT_NE(chat, nullptr) << after;
  EXPECT_TRUE((*chat)["last_replay"].get<std::string>().starts_with("swapped in at position")) << after;
  EXPECT_NE((*chat)["status"], "replaying") << after;
  EXPECT_EQ(find_projection(after, "users")->at("last_replay"), "") << after;

  // The fresh tables serve: the message is in the history, and later ones
  // still reach it through the live projector.
  const auto later = graphql(R"(mutation { sendChatMessage(channel: "alice", text: "after the replay") { sequence } })",
                             json::object(), token_);
  ASSERT_EQ(later["json"]["data"]["sendChatMessage"]["sequence"], 2) << later;
  const auto position = later["json"]["extensions"]["position"];
  ASSERT_TRUE(position.is_string()) << later;
  const auto read = http({{"method", "POST"},
                          {"path", "/graphql"},
                          {"headers", {{"content-type", "application/json"}}},
                          {"body", json{{"query", "{ chatHistory(channel: \"alice\", first: 10) { edges { node { text } } } }"},
                                        {"extensions", {{"minPosition", position}}}}
                                       .dump()}});
  const auto& edges = read["json"]["data"]["chatHistory"]["edges"];
  ASSERT_EQ(edges.size(), 2u) << read;
  EXPECT_EQ(edges[0]["node"]["text"], "after the replay") << read;
  EXPECT_EQ(edges[1]["node"]["text"], "hello from the log") << read;

  // A mistyped name: one line with a suggestion.
  const auto wrong = admin("replay chta");
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_EQ(wrong.out, "");
  EXPECT_EQ(wrong.err, "error: no projection 'chta' (did you mean 'chat'?)\n");
}

TEST_F(AdminShellReadModelsTest, TheInteractiveShellListsAndReplaysProjections) {
  ASSERT_TRUE(start_server());
  chat_with_a_viewer();
  pseudo_terminal shell({STREAMHUB_PATH, "--data", data_dir().string(), "admin", "--history",
                         (data_dir().parent_path() / "history").string()},
                        {"TERM=xterm", "HOME=" + data_dir().parent_path().string()});
  ASSERT_TRUE(shell.started());
  ASSERT_TRUE(shell.expect("streamhub> ")) << shell.screen();
  const auto run = [&](std::string_view line, std::string_view shows) {
    std::string why;
    EXPECT_TRUE(shell.run(line, shows, "streamhub> ", why)) << why;
  };
  run("projections", "\"name\": \"timelines\"");
  run("sessions", "\"transport\": \"ws\"");
  const auto mark = server().log_size();
  run("replay users", "\"started\": true");
  ASSERT_TRUE(server().wait_for_log("replay of users swapped in at position", mark)) << server().log();
  run("projections", "\"last_replay\": \"swapped in at position");
  run("replay nobody", "error: no projection 'nobody'");
  shell.type("\x04");
  EXPECT_EQ(shell.wait(), 1);  // the last command failed
}

}  // namespace
}  // namespace streamhub::tools
