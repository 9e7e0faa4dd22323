#include "gateway/admin/admin_server.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>

#include <nlohmann/json.hpp>

#include "actors/runtime.hpp"
#include "gateway/admin/admin_client.hpp"
#include "storage/memory_event_log.hpp"

namespace streamhub::gateway::admin {
namespace {

using json = nlohmann::json;
using namespace std::chrono_literals;

constexpr const char* kToken = "0123456789abcdef";

/// Projections as a test wants them: two, one of which replays.
class fake_projections final : public projection_control {
 public:
  result<std::vector<projection_info>> list() override {
    return std::vector<projection_info>{{"chat", "running", 7, 0, 0, "", "swapped in at position 7: 7 events, 3 rows, 0.1 s"},
                                        {"follows", "halted", 3, 4, 1, "duplicate key", ""}};
  }
  result<void> replay(std::string_view name) override {
    if (name != "chat" && name != "follows") return error{error_code::not_found, "no projection " + std::string(name)};
    replayed = std::string(name);
    return {};
  }
  std::string replayed;
};

class AdminServerTest : public ::testing::Test {
 protected:
  AdminServerTest() {
    admin_server_options options;
    options.token = kToken;
    server_ = std::make_unique<admin_server>(options, admin_sources{&runtime_, nullptr, projections_});
  }

  void SetUp() override {
    auto port = server_->start();
    ASSERT_TRUE(port) << port.err().message;
    port_ = *port;
    auto connected = client_.connect("127.0.0.1", port_, kToken);
    ASSERT_TRUE(connected) << connected.err().message;
  }

  void execute(std::string_view login, domain::user_command cmd) {
    std::promise<result<actors::command_outcome>> done;
    domain::command_context ctx;
    ctx.caller = std::string(login);
    runtime_.execute(login, ctx, std::move(cmd), [&](result<actors::command_outcome> r) { done.set_value(std::move(r)); });
    auto future = done.get_future();
    ASSERT_EQ(future.wait_for(30s), std::future_status::ready);
    auto r = future.get();
    ASSERT_TRUE(r) << r.err().message;
  }

  /// alice registered (version 1), then renamed to Alice A (version 2).
  void alice_with_two_versions() {
    execute("alice", domain::register_user{"alice", "alice@example.org", "", "h"});
    execute("alice", domain::update_profile{std::string("Alice A"), std::nullopt});
  }

  json call(std::vector<std::string> argv) {
    auto answer = client_.call(argv);
    EXPECT_TRUE(answer) << argv[0] << ": " << answer.err().message;
    return answer ? json::parse(*answer) : json();
  }

  error call_error(std::vector<std::string> argv) {
    auto answer = client_.call(argv);
    EXPECT_FALSE(answer) << argv[0] << " succeeded: " << *answer;
    return answer ? error{} : answer.err();
  }

  storage::memory_event_log log_;
  actors::runtime runtime_{log_, [] {
                             actors::runtime_options o;
                             o.worker_threads = 2;
                             return o;
                           }()};
  std::shared_ptr<fake_projections> projections_ = std::make_shared<fake_projections>();
  std::unique_ptr<admin_server> server_;
  admin_client client_;
  std::uint16_t port_ = 0;
};

TEST_F(AdminServerTest, AWrongTokenIsRefusedAndTheConnectionClosed) {
  admin_client intruder;
  auto refused = intruder.connect("127.0.0.1", port_, "not the token");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.err().code, error_code::unauthenticated);
  EXPECT_EQ(refused.err().message, "wrong admin token");
  EXPECT_FALSE(intruder.connected());
  EXPECT_TRUE(call({"help"}).contains("commands"));  // the right token still works
}

TEST(AdminServerOptionsTest, ANonLoopbackAddressIsRefusedUnlessAllowed) {
  storage::memory_event_log log;
  actors::runtime runtime(log);
  for (const char* address : {"0.0.0.0:0", "10.1.2.3:0", "[::]:0"}) {
    admin_server server({address, false, kToken}, admin_sources{&runtime, nullptr, nullptr});
    auto started = server.start();
    ASSERT_FALSE(started) << address;
    EXPECT_EQ(started.err().code, error_code::forbidden) << address;
    EXPECT_NE(started.err().message.find("--admin-allow-remote"), std::string::npos);
  }
  admin_server allowed({"0.0.0.0:0", true, kToken}, admin_sources{&runtime, nullptr, nullptr});
  EXPECT_TRUE(allowed.start());
  admin_server no_token({"127.0.0.1:0", false, ""}, admin_sources{&runtime, nullptr, nullptr});
  EXPECT_EQ(no_token.start().err().code, error_code::invalid);
}

TEST_F(AdminServerTest, InspectShowsStateVersionActivityAndSubscribers) {
  alice_with_two_versions();
  const json j = call({"inspect", "user:Alice"});
  EXPECT_EQ(j["id"], "user:alice");
  EXPECT_EQ(j["version"], 2);
  EXPECT_EQ(j["subscribers"], 0);
  EXPECT_FALSE(j["last_activity"].get<std::string>().empty());
  EXPECT_TRUE(j["state"].is_object()) << j.dump();
  EXPECT_NE(j["state"].dump().find("Alice A"), std::string::npos) << j.dump();
}

TEST_F(AdminServerTest, AnUnknownIdIsOneErrorLineWithTheClosestKnownId) {
  alice_with_two_versions();
  for (const char* verb : {"inspect", "events", "snapshot", "passivate"}) {
    const error e = call_error({verb, "user:alcie"});
    EXPECT_EQ(e.code, error_code::not_found);
    EXPECT_EQ(e.message, "no entity 'user:alcie' (did you mean 'user:alice'?)");
  }
  const error e = call_error({"inspct", "user:alice"});
  EXPECT_EQ(e.code, error_code::invalid);
  EXPECT_NE(e.message.find("did you mean 'inspect'"), std::string::npos);
}

TEST_F(AdminServerTest, EventsPagesAnEntitysEvents) {
  alice_with_two_versions();
  const json all = call({"events", "user:alice"});
  ASSERT_EQ(all["events"].size(), 2u);
  EXPECT_EQ(all["events"][0]["type"], "user.registered");
  EXPECT_EQ(all["next_version"], 3);
  const json page = call({"events", "user:alice", "--from", "2", "--limit", "1"});
  ASSERT_EQ(page["events"].size(), 1u);
  EXPECT_EQ(page["events"][0]["version"], 2);
  EXPECT_EQ(page["events"][0]["stream"], "user:alice");
}

TEST_F(AdminServerTest, AtRebuildsAnEarlierStateWithoutTouchingTheLiveOne) {
  alice_with_two_versions();
  const json then = call({"at", "user:alice", "1"});
  EXPECT_EQ(then["version"], 1);
  EXPECT_EQ(then["state"].dump().find("Alice A"), std::string::npos) << then.dump();
  EXPECT_NE(call({"inspect", "user:alice"})["state"].dump().find("Alice A"), std::string::npos);
}

TEST_F(AdminServerTest, SnapshotThenPassivate) {
  alice_with_two_versions();
  EXPECT_EQ(call({"snapshot", "user:alice"})["snapshot_version"], 2);
  auto snap = log_.load_snapshot("user:alice");
  ASSERT_TRUE(snap && *snap);
  EXPECT_EQ((*snap)->version, 2u);
  EXPECT_EQ(call({"passivate", "user:alice"})["passivated"], true);
}

TEST_F(AdminServerTest, ActorsAndStatsCountActiveEntities) {
  alice_with_two_versions();
  execute("bob", domain::register_user{"bob", "bob@example.org", "", "h"});
  const json actors = call({"actors", "user"});
  EXPECT_EQ(actors["total"], 2);
  EXPECT_EQ(actors["actors"][0]["id"], "user:alice");  // by id
  EXPECT_EQ(actors["actors"][1]["id"], "user:bob");
  EXPECT_EQ(call({"actors", "chat"})["total"], 0);
  EXPECT_EQ(call({"actors", "--top", "mailbox", "--limit", "1"})["actors"].size(), 1u);

  const json stats = call({"stats"});
  EXPECT_EQ(stats["actors"]["user"], 2);
  EXPECT_EQ(stats["log"]["head"], 3);
  EXPECT_TRUE(stats["log"].contains("append_rate_per_s"));
  EXPECT_EQ(stats["connections"]["ws"], 0);  // no gateway here
  EXPECT_TRUE(stats["mailboxes"].contains("deepest"));
  EXPECT_GE(stats["runtime"]["commands"], 3);
}

TEST_F(AdminServerTest, TailFollowsNewEventsUntilCancelled) {
  alice_with_two_versions();
  std::vector<json> lines;
  std::atomic<bool> renamed{false};
  auto end = client_.tail(
      {"tail", "user:alice"},
      [&](std::string_view line) {
        lines.push_back(json::parse(line));
        // Subscribed: now something happens.
        if (lines.size() == 1) {
          execute("alice", domain::update_profile{std::string("Alice B"), std::nullopt});
          renamed = true;
        }
      },
      [&] { return lines.size() >= 2; });
  ASSERT_TRUE(end) << end.err().message;
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], (json{{"tail", "user:alice"}, {"from_version", 3}}));
  EXPECT_EQ(lines[1]["version"], 3);
  EXPECT_EQ(lines[1]["type"], "user.profile_updated");
  EXPECT_EQ(json::parse(*end), (json{{"tail", "user:alice"}, {"events", 1}}));
  EXPECT_TRUE(call({"help"}).contains("commands"));  // the connection goes on
}

TEST_F(AdminServerTest, ProjectionsListAndReplay) {
  const json list = call({"projections"});
  ASSERT_EQ(list["projections"].size(), 2u);
  EXPECT_EQ(list["projections"][1]["status"], "halted");
  EXPECT_EQ(list["projections"][1]["dead_letters"], 1);
  EXPECT_EQ(list["projections"][0]["last_replay"], "swapped in at position 7: 7 events, 3 rows, 0.1 s");
  EXPECT_EQ(call({"replay", "follows"})["started"], true);
  EXPECT_EQ(projections_->replayed, "follows");
  EXPECT_EQ(call_error({"replay", "nope"}).code, error_code::not_found);
}

TEST(AdminServerProjectionsTest, ANodeWithoutProjectionsSaysSo) {
  storage::memory_event_log log;
  actors::runtime runtime(log);
  admin_server server({"127.0.0.1:0", false, kToken}, admin_sources{&runtime, nullptr, nullptr});
  auto port = server.start();
  ASSERT_TRUE(port);
  admin_client client;
  ASSERT_TRUE(client.connect("127.0.0.1", *port, kToken));
  auto answer = client.call({"projections"});
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.err().message, "projections are not running on this node");
  auto sessions = client.call({"sessions"});
  ASSERT_TRUE(sessions);
  EXPECT_EQ(json::parse(*sessions)["total"], 0);
}

TEST_F(AdminServerTest, ALostConnectionIsReportedAndCanBeMadeAgain) {
  server_->stop();
  auto lost = client_.call({"stats"});
  ASSERT_FALSE(lost);
  EXPECT_EQ(lost.err().code, error_code::unavailable);
  EXPECT_FALSE(client_.connected());
  EXPECT_EQ(client_.connect("127.0.0.1", port_, kToken).err().code, error_code::unavailable);
}

}  // namespace
}  // namespace streamhub::gateway::admin
