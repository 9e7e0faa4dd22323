#include "projections/projector.hpp"

#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>

#include "projections/models/read_models.hpp"
#include "projections/replay.hpp"
#include "tests/projections/pg_test_cluster.hpp"
#include "tests/projections/projection_test.hpp"

namespace streamhub::projections {
namespace {

using namespace domain;
using std::chrono::seconds;
using testing::text_rows;

// One projector at a time over the fixture's log and database, with its
// status changes and applied positions observable without polling.
class ProjectorTest : public testing::projection_test {
 protected:
  ~ProjectorTest() override { projector_.reset(); }

  projector_options options(failure_policy policy = failure_policy::halt) {
    projector_options o;
    o.conninfo = conninfo();
    o.on_failure = policy;
    o.retry = backoff_policy{std::chrono::milliseconds{20}, std::chrono::milliseconds{200}};
    o.lazy_checkpoint = std::chrono::milliseconds{0};
    o.on_applied = [this](log_position p) { positions_->publish(model_, p); };
    o.on_status = [this](projector_status s, const std::string&) {
      std::lock_guard lock(mutex_);
      seen_.push_back(s);
      changed_.notify_all();
    };
    return o;
  }

  void run(read::read_model model, projector_options o) {
    projector_.reset();
    model_ = model;
    if (!projection_ || projection_->model() != model) projection_ = make_projection(model);
    {
      std::lock_guard lock(mutex_);
      seen_.clear();
    }
    projector_ = std::make_unique<projector>(*projection_, log_, std::move(o));
    log_listener_ = log_.add_listener([this](log_position) {
      if (projector_) projector_->wake();
    });
    projector_->start();
  }

  void stop() {
    log_.remove_listener(log_listener_);
    if (projector_) projector_->stop();
  }

  /// Waits until the projector reports `status`.
  bool wait_status(projector_status status) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, seconds{60}, [&] {
      return std::find(seen_.begin(), seen_.end(), status) != seen_.end();
    });
  }

  bool wait_applied(log_position position) {
    return testing::wait_applied(*positions_, position, {model_}, seconds{60});
  }

  std::string checkpoint_row(const std::string& name) {
    return rows("SELECT position || ' ' || status || ' ' || coalesce(last_error, '-') "
                "FROM projection_checkpoints WHERE projection = '" + name + "'")[0][0];
  }

  read::read_model model_ = read::read_model::chat;
  std::unique_ptr<projection> projection_;
  std::unique_ptr<projector> projector_;
  std::shared_ptr<read::applied_positions> positions_ =
      std::make_shared<read::applied_positions>();
  std::uint64_t log_listener_ = 0;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<projector_status> seen_;
};

TEST_F(ProjectorTest, HaltsAtAnEventThatDoesNotDecodeAndAppliesNothingAfterIt) {
  write_.chat("eve", chat_message_posted{"bob", "Bob", "before", std::nullopt, {}});
  const auto bad = write_.raw("chat:eve", "chat.message", R"({"user": 42})");
  write_.chat("eve", chat_message_posted{"bob", "Bob", "after", std::nullopt, {}});
  run(read::read_model::chat, options());
  ASSERT_TRUE(wait_status(projector_status::halted));

  EXPECT_EQ(rows("SELECT body FROM proj_chat.messages"), (text_rows{{"before"}}));
  const auto stats = projector_->stats();
  EXPECT_EQ(stats.status, projector_status::halted);
  EXPECT_EQ(stats.applied, bad.position - 1);
  EXPECT_EQ(stats.lag_events, 2u);
  EXPECT_GT(stats.lag_seconds, 0);
  EXPECT_NE(stats.last_error.find("position " + std::to_string(bad.position) + " (chat.message"),
            std::string::npos)
      << stats.last_error;
  const auto row = checkpoint_row("chat");
  EXPECT_EQ(row.rfind(std::to_string(bad.position - 1) + " halted position " +
                          std::to_string(bad.position),
                      0),
            0u)
      << row;
}

TEST_F(ProjectorTest, HaltsAtAnEventBreakingAConstraintAndRetriesItWhenResumed) {
  write_.user("alice", user_registered{"alice", "a@example.com", "A", "h"});
  write_.user("bob", user_registered{"bob", "b@example.com", "B", "h"});
  write_.channel("alice", follower_added{"bob"});
  const auto twice = write_.channel("alice", follower_added{"bob"});  // the actor never would
  run(read::read_model::users, options());
  ASSERT_TRUE(wait_status(projector_status::halted));
  EXPECT_EQ(projector_->applied(), twice.position - 1);
  EXPECT_EQ(rows("SELECT login, follower_count, following_count FROM proj_users.users "
                 "ORDER BY login"),
            (text_rows{{"alice", "1", "0"}, {"bob", "0", "1"}}));
  EXPECT_NE(projector_->stats().last_error.find("23505"), std::string::npos);

  {
    std::lock_guard lock(mutex_);
    seen_.clear();
  }
  projector_->resume();
  ASSERT_TRUE(wait_status(projector_status::halted));  // still failing, halted again
  EXPECT_EQ(projector_->applied(), twice.position - 1);
}

TEST_F(ProjectorTest, DeadLettersAFailingEventAndCarriesOn) {
  write_.chat("eve", chat_message_posted{"bob", "Bob", "before", std::nullopt, {}});
  const auto bad = write_.raw("chat:eve", "chat.message", "not json");
  const auto worse = write_.raw("chat:eve", "chat.message_deleted", R"({"messageId": "x"})");
  const auto last = write_.chat("eve", chat_message_posted{"bob", "Bob", "after", std::nullopt, {}});
  run(read::read_model::chat, options(failure_policy::dead_letter));
  ASSERT_TRUE(wait_applied(last.position)) << projector_->stats().last_error;

  EXPECT_EQ(rows("SELECT body FROM proj_chat.messages ORDER BY sequence"),
            (text_rows{{"before"}, {"after"}}));
  const auto letters = rows("SELECT projection, position, event_type, error FROM dead_letters "
                            "ORDER BY position");
  ASSERT_EQ(letters.size(), 2u);
  EXPECT_EQ(letters[0][0], "chat");
  EXPECT_EQ(letters[0][1], std::to_string(bad.position));
  EXPECT_EQ(letters[0][2], "chat.message");
  EXPECT_EQ(letters[1][1], std::to_string(worse.position));
  EXPECT_NE(letters[1][3].find("22P02"), std::string::npos) << letters[1][3];  // not a uuid
  EXPECT_EQ(projector_->stats().dead_letters, 2u);
  EXPECT_EQ(checkpoint_row("chat"), std::to_string(last.position) + " running -");
}

TEST_F(ProjectorTest, EventsOfNoConcernMoveOnlyTheCheckpoint) {
  write_.user("alice", user_registered{"alice", "a@example.com", "A", "h"});
  const auto last = write_.user("alice", profile_updated{"Al", std::nullopt});
  run(read::read_model::chat, options());
  ASSERT_TRUE(wait_applied(last.position));
  stop();
  EXPECT_EQ(checkpoint_row("chat"), std::to_string(last.position) + " running -");
  EXPECT_EQ(projector_->stats().transactions, 1u);  // the checkpoint alone
  EXPECT_EQ(projector_->stats().events_applied, 0u);
}

TEST_F(ProjectorTest, TablesOfAnotherVersionAreLeftAlone) {
  run(read::read_model::chat, options());
  ASSERT_TRUE(wait_status(projector_status::running));
  stop();
  rows("UPDATE projection_checkpoints SET version = 99 WHERE projection = 'chat' RETURNING 1");
  write_.chat("eve", chat_message_posted{"bob", "Bob", "hi", std::nullopt, {}});
  run(read::read_model::chat, options());
  ASSERT_TRUE(wait_status(projector_status::stale));
  EXPECT_NE(projector_->stats().last_error.find("version 99"), std::string::npos);
  EXPECT_EQ(value("SELECT count(*) FROM proj_chat.messages"), "0");
}

// A crash between writing a batch and committing it, 20 times while events
// keep coming: every event is applied exactly once in the end.
TEST_F(ProjectorTest, AProjectorKilledBeforeItsCommitsLosesAndRepeatsNothing) {
  write_.channel("eve", stream_went_live{"Marathon", "Games"});
  int messages = 0;
  auto chat = [&](int n) {
    log_position last = 0;
    for (int i = 0; i < n; ++i, ++messages) {
      last = write_.chat("eve", chat_message_posted{"user" + std::to_string(messages % 7), "U",
                                                    std::to_string(messages), std::nullopt, {}})
                 .position;
    }
    return last;
  };
  for (int kill = 0; kill < 20; ++kill) {
    const log_position doomed = chat(1 + kill % 4);
    auto o = options();
    // Dies in the transaction that would commit `doomed`, whatever batch
    // it falls in.
    o.before_commit = [doomed](log_position first, log_position last) {
      return !(first <= doomed && doomed <= last);
    };
    run(read::read_model::analytics, std::move(o));
    chat(kill % 3);  // more arrive while it runs
    ASSERT_TRUE(wait_status(projector_status::stopped));
    EXPECT_LT(projector_->applied(), doomed);
    stop();
  }
  chat(5);
  run(read::read_model::analytics, options());
  ASSERT_TRUE(wait_applied(log_.head_position()));
  EXPECT_EQ(rows("SELECT messages, unique_chatters FROM proj_analytics.session_stats"),
            (text_rows{{std::to_string(messages), "7"}}));
  EXPECT_EQ(value("SELECT count(*) FROM proj_analytics.session_chatters"), "7");
}

// PostgreSQL stopped while a transaction is about to commit (its outcome is
// then unknown to the projector), with events arriving while it is down.
TEST_F(ProjectorTest, PostgresRestartedMidBatchLosesAndRepeatsNothing) {
  auto cluster = testing::pg_test_cluster::shared();
  ASSERT_TRUE(cluster);
  write_.channel("eve", stream_went_live{"Marathon", "Games"});
  int messages = 0;
  auto chat = [&](int n) {
    for (int i = 0; i < n; ++i, ++messages) {
      write_.chat("eve", chat_message_posted{"user" + std::to_string(messages % 5), "U",
                                             std::to_string(messages), std::nullopt, {}});
    }
  };
  for (int restart = 0; restart < 3; ++restart) {
    chat(4);
    std::mutex gate_mutex;
    std::condition_variable gate_changed;
    bool in_commit = false, server_stopped = false;
    auto o = options();
    o.before_commit = [&, armed = true](log_position, log_position) mutable {
      if (!armed) return true;
      armed = false;
      std::unique_lock lock(gate_mutex);
      in_commit = true;
      gate_changed.notify_all();
      gate_changed.wait(lock, [&] { return server_stopped; });
      return true;  // the commit now meets a dead connection
    };
    run(read::read_model::analytics, std::move(o));
    {
      std::unique_lock lock(gate_mutex);
      ASSERT_TRUE(gate_changed.wait_for(lock, seconds{60}, [&] { return in_commit; }));
    }
    ASSERT_TRUE((*cluster)->cluster().stop(stop_mode::immediate));
    {
      std::lock_guard lock(gate_mutex);
      server_stopped = true;
    }
    gate_changed.notify_all();
    ASSERT_TRUE(wait_status(projector_status::retrying));
    chat(3);  // the log takes them meanwhile
    ASSERT_TRUE((*cluster)->cluster().start());
    chat(2);
    ASSERT_TRUE(wait_applied(log_.head_position()));
    stop();
  }
  EXPECT_EQ(rows("SELECT messages, unique_chatters FROM proj_analytics.session_stats"),
            (text_rows{{std::to_string(messages), "5"}}));
}

// Twenty interruptions of a transaction under way, with events arriving all
// along: the server ends the projector's connection (16 times) or PostgreSQL
// stops at once and starts again (4 times). In the end nothing is missing
// and nothing counted twice: the counts are exact and the tables equal what
// a fresh rebuild from the log makes.
TEST_F(ProjectorTest, TwentyKillsAndRestartsMidBatchLoseAndRepeatNothing) {
  auto cluster = testing::pg_test_cluster::shared();
  ASSERT_TRUE(cluster);
  write_.channel("eve", stream_went_live{"Marathon", "Games"});
  int messages = 0;
  auto chat = [&](int n) {
    for (int i = 0; i < n; ++i, ++messages) {
      write_.chat("eve", chat_message_posted{"user" + std::to_string(messages % 9), "U",
                                             std::to_string(messages), std::nullopt, {}});
    }
  };
  std::mutex gate_mutex;
  std::condition_variable gate_changed;
  bool armed = false, in_commit = false, released = false;
  auto o = options();
  o.before_commit = [&](log_position, log_position) {
    std::unique_lock lock(gate_mutex);
    if (!armed) return true;
    armed = false;
    in_commit = true;
    gate_changed.notify_all();
    gate_changed.wait(lock, [&] { return released; });
    return true;  // the commit now meets a dead connection
  };
  run(read::read_model::analytics, std::move(o));
  for (int round = 0; round < 20; ++round) {
    chat(3);
    {
      std::lock_guard lock(gate_mutex);
      armed = true;
      in_commit = released = false;
    }
    chat(1 + round % 4);  // wakes the projector: the next batch is caught
    {
      std::unique_lock lock(gate_mutex);
      ASSERT_TRUE(gate_changed.wait_for(lock, seconds{60}, [&] { return in_commit; }));
    }
    const bool restart = round % 5 == 4;
    if (restart) {
      ASSERT_TRUE((*cluster)->cluster().stop(stop_mode::immediate));
    } else {
      EXPECT_EQ(value("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                      "WHERE datname = current_database() AND state = 'idle in transaction'"),
                "1");
    }
    {
      std::lock_guard lock(gate_mutex);
      released = true;
    }
    gate_changed.notify_all();
    chat(2);  // the log takes them meanwhile
    if (restart) {
      ASSERT_TRUE((*cluster)->cluster().start());
    }
    ASSERT_TRUE(wait_applied(log_.head_position())) << projector_->stats().last_error;
  }
  stop();
  EXPECT_GE(projector_->stats().retries, 20u);
  EXPECT_EQ(rows("SELECT messages, unique_chatters FROM proj_analytics.session_stats"),
            (text_rows{{std::to_string(messages), "9"}}));
  replay_options verify_options;
  verify_options.conninfo = conninfo();
  auto report = verify_projection(*projection_, log_, verify_options);
  ASSERT_TRUE(report) << report.err().message;
  EXPECT_TRUE(report->clean());
  EXPECT_EQ(report->position, log_.head_position());
}

}  // namespace
}  // namespace streamhub::projections
