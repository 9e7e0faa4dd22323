#include "projections/replay.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "projections/models/read_models.hpp"
#include "tests/projections/projection_test.hpp"
#include "tests/projections/random_scenario.hpp"
#include "tests/projections/social_scenario.hpp"

namespace streamhub::projections {
namespace {

using testing::text_rows;

class ReplayTest : public testing::projection_test {
 protected:
  replay_options options() const {
    replay_options o;
    o.conninfo = conninfo();
    o.limits.max_events = 37;  // many transactions even for small logs
    return o;
  }

  /// Verifies every read model running; returns the differences found,
  /// described.
  std::string verify_all() {
    std::string found;
    for (std::size_t i = 0; i < read::read_model_count; ++i) {
      if (!running_.contains(static_cast<read::read_model>(i))) continue;
      auto p = make_projection(static_cast<read::read_model>(i));
      auto report = verify_projection(*p, log_, options());
      if (!report) {
        found += std::string(p->name()) + ": " + report.err().message + "\n";
        continue;
      }
      // The live checkpoint row, which may trail events of no concern to it.
      EXPECT_GT(report->position, 0u) << p->name();
      EXPECT_LE(report->position, log_.head_position()) << p->name();
      EXPECT_GT(report->tables, 0u) << p->name();
      for (const auto& d : report->differences) {
        found += std::string(p->name()) + "." + d.table + ": " + std::to_string(d.missing) +
                 " missing, " + std::to_string(d.unexpected) + " unexpected\n";
        for (const auto& s : d.samples) found += "  " + s + "\n";
      }
    }
    return found;
  }

  /// Every live table's rows as text, sorted, table by table: what two ways
  /// of building the tables must agree on.
  text_rows live_tables() const {
    text_rows all;
    for (const auto& table :
         rows("SELECT schemaname || '.' || tablename FROM pg_tables WHERE schemaname LIKE "
              "'proj\\_%' AND schemaname NOT LIKE '%\\_next' ORDER BY 1")) {
      all.push_back({table[0]});
      for (auto& row : rows("SELECT t::text FROM " + table[0] + " t ORDER BY 1")) {
        all.push_back(std::move(row));
      }
    }
    return all;
  }

  static std::vector<std::unique_ptr<projection>> every_projection() {
    std::vector<std::unique_ptr<projection>> all;
    for (std::size_t i = 0; i < read::read_model_count; ++i) {
      all.push_back(make_projection(static_cast<read::read_model>(i)));
    }
    return all;
  }

  static std::vector<const projection*> pointers(
      const std::vector<std::unique_ptr<projection>>& all) {
    std::vector<const projection*> p;
    for (const auto& one : all) p.push_back(one.get());
    return p;
  }

  /// Schemas and checkpoint rows other than the live ones: what a finished
  /// replay or verification must not leave behind.
  text_rows leftovers() const {
    return rows("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'proj%' "
                "AND (nspname LIKE '%_next' OR nspname LIKE '%_verify') "
                "UNION ALL SELECT projection FROM projection_checkpoints "
                "WHERE projection LIKE '%@%'");
  }
};

TEST_F(ReplayTest, VerifyFindsNoDifferenceAfterRandomScenarios) {
  start();
  for (std::uint32_t seed = 1; seed <= 3; ++seed) {
    testing::random_scenario scenario(write_, seed, 12, "s" + std::to_string(seed) + "_");
    for (int round = 0; round < 2; ++round) {
      scenario.run(200);
      catch_up();
      EXPECT_EQ(verify_all(), "") << "seed " << seed << ", round " << round;
    }
  }
  EXPECT_EQ(leftovers(), text_rows{});
}

TEST_F(ReplayTest, VerifyReportsRowsThatDifferFromTheLog) {
  testing::write_social_scenario(write_);
  start({read::read_model::users});
  catch_up();
  rows("UPDATE proj_users.users SET follower_count = 7 WHERE login = 'alice' RETURNING 1");
  rows("DELETE FROM proj_users.follows WHERE follower = 'dave' RETURNING 1");
  auto p = make_projection(read::read_model::users);
  auto report = verify_projection(*p, log_, options());
  ASSERT_TRUE(report) << report.err().message;
  ASSERT_EQ(report->differences.size(), 2u);
  EXPECT_EQ(report->differences[0].table, "follows");
  EXPECT_EQ(report->differences[0].missing, 1u);
  EXPECT_EQ(report->differences[0].unexpected, 0u);
  EXPECT_EQ(report->differences[1].table, "users");
  EXPECT_EQ(report->differences[1].missing, 1u);
  EXPECT_EQ(report->differences[1].unexpected, 1u);
  ASSERT_FALSE(report->differences[1].samples.empty());
  EXPECT_NE(report->differences[1].samples[0].find("\"login\":\"alice\""), std::string::npos)
      << report->differences[1].samples[0];
}

TEST_F(ReplayTest, VerifyWithoutLiveTablesIsNotFound) {
  auto p = make_projection(read::read_model::chat);
  auto report = verify_projection(*p, log_, options());
  ASSERT_FALSE(report);
  EXPECT_EQ(report.err().code, error_code::not_found);
  EXPECT_EQ(leftovers(), text_rows{});
}

TEST_F(ReplayTest, ReplaySwapsFreshTablesInAndTheLiveProjectorCarriesOn) {
  testing::write_social_scenario(write_);
  start();
  catch_up();
  rows("UPDATE proj_users.users SET follower_count = 7 RETURNING 1");  // damaged
  auto p = make_projection(read::read_model::users);
  auto summary = replay_projection(*p, log_, options());
  ASSERT_TRUE(summary) << summary.err().message;
  EXPECT_FALSE(summary->resumed);
  EXPECT_EQ(summary->started_at, 0u);
  EXPECT_EQ(summary->position, log_.head_position());
  EXPECT_EQ(summary->progress.events_read, log_.head_position());
  EXPECT_EQ(summary->rows, std::stoull(value(
                               "SELECT sum((xpath('/row/c/text()', query_to_xml("
                               "'SELECT count(*) AS c FROM proj_users.' || tablename, false, true, "
                               "'')))[1]::text::bigint) FROM pg_tables WHERE schemaname = "
                               "'proj_users'")));
  EXPECT_EQ(leftovers(), text_rows{});
  // The live projector finds its checkpoint replaced and goes on from it.
  testing::random_scenario(write_, 9).run(100);
  catch_up();
  EXPECT_EQ(verify_all(), "");
}

TEST_F(ReplayTest, AnInterruptedReplayResumesWhereItStopped) {
  testing::random_scenario(write_, 3).run(300);
  start({read::read_model::chat});
  catch_up();
  auto p = make_projection(read::read_model::chat);
  {
    rebuild_options o;
    o.conninfo = conninfo();
    o.limits.max_events = 50;
    auto first = rebuilder::open(*p, log_, rebuild_schema(p->model()),
                                 rebuild_checkpoint(p->name(), rebuild_schema(p->model())), 1, o);
    ASSERT_TRUE(first) << first.err().message;
    ASSERT_TRUE((*first)->run_until(120));
  }  // the replay "crashes" here
  auto summary = replay_projection(*p, log_, options());
  ASSERT_TRUE(summary) << summary.err().message;
  EXPECT_TRUE(summary->resumed);
  EXPECT_EQ(summary->started_at, 120u);
  EXPECT_EQ(summary->progress.events_read, log_.head_position() - 120);
  EXPECT_EQ(verify_all(), "");
}

TEST_F(ReplayTest, AFreshReplayDiscardsAnInterruptedOne) {
  testing::random_scenario(write_, 4).run(100);
  start({read::read_model::timelines});
  catch_up();
  auto p = make_projection(read::read_model::timelines);
  const auto schema = rebuild_schema(p->model());
  {
    rebuild_options o;
    o.conninfo = conninfo();
    auto first = rebuilder::open(*p, log_, schema, rebuild_checkpoint(p->name(), schema), 1, o);
    ASSERT_TRUE(first) << first.err().message;
    ASSERT_TRUE((*first)->run_until(40));
  }
  auto o = options();
  o.fresh = true;
  auto summary = replay_projection(*p, log_, o);
  ASSERT_TRUE(summary) << summary.err().message;
  EXPECT_FALSE(summary->resumed);
  EXPECT_EQ(summary->started_at, 0u);
}

TEST_F(ReplayTest, AReplayFromAPositionAppliesNothingBeforeIt) {
  using namespace domain;
  write_.chat("eve", chat_message_posted{"bob", "Bob", "old", std::nullopt, {}});
  const auto from = write_.chat("eve", chat_message_posted{"bob", "Bob", "new", std::nullopt, {}});
  auto p = make_projection(read::read_model::chat);
  auto o = options();
  o.from = from.position;
  auto summary = replay_projection(*p, log_, o);
  ASSERT_TRUE(summary) << summary.err().message;
  EXPECT_EQ(summary->started_at, from.position - 1);
  EXPECT_EQ(rows("SELECT body FROM proj_chat.messages"), (text_rows{{"new"}}));
}

TEST_F(ReplayTest, AFailingEventStopsAReplayUnderHaltAndIsSetAsideUnderDeadLetter) {
  using namespace domain;
  write_.chat("eve", chat_message_posted{"bob", "Bob", "before", std::nullopt, {}});
  const auto bad = write_.raw("chat:eve", "chat.message", "not json");
  write_.chat("eve", chat_message_posted{"bob", "Bob", "after", std::nullopt, {}});
  auto p = make_projection(read::read_model::chat);
  auto halted = replay_projection(*p, log_, options());
  ASSERT_FALSE(halted);
  EXPECT_NE(halted.err().message.find("position " + std::to_string(bad.position)),
            std::string::npos)
      << halted.err().message;
  EXPECT_EQ(value("SELECT count(*) FROM pg_namespace WHERE nspname = 'proj_chat'"), "0");

  auto o = options();
  o.on_failure = failure_policy::dead_letter;
  auto summary = replay_projection(*p, log_, o);  // resumes before the failing event
  ASSERT_TRUE(summary) << summary.err().message;
  EXPECT_EQ(summary->progress.dead_letters, 1u);
  EXPECT_EQ(rows("SELECT body FROM proj_chat.messages ORDER BY sequence"),
            (text_rows{{"before"}, {"after"}}));
  EXPECT_EQ(rows("SELECT projection, position FROM dead_letters"),
            (text_rows{{"chat", std::to_string(bad.position)}}));
}

// One read of the log for every projection (an interrupted rebuild among
// them resuming where it stood) ends with the tables that replaying them one
// by one gives, and that the log implies.
TEST_F(ReplayTest, ReplayingAllTogetherEqualsReplayingOneByOne) {
  testing::random_scenario scenario(write_, 5, 20);
  scenario.run(800);
  start();
  catch_up();
  const auto all = every_projection();
  const auto& chat = *all[static_cast<std::size_t>(read::read_model::chat)];
  {
    rebuild_options o;
    o.conninfo = conninfo();
    const auto schema = rebuild_schema(chat.model());
    auto first = rebuilder::open(chat, log_, schema, rebuild_checkpoint(chat.name(), schema), 1, o);
    ASSERT_TRUE(first) << first.err().message;
    ASSERT_TRUE((*first)->run_until(120));
  }
  std::vector<rebuild_progress> reported;
  auto o = options();
  o.on_progress = [&](const rebuild_progress& p) { reported.push_back(p); };
  const auto together = replay_projections(pointers(all), log_, o);
  ASSERT_EQ(together.size(), all.size());
  for (std::size_t i = 0; i < all.size(); ++i) {
    ASSERT_TRUE(together[i]) << all[i]->name() << ": " << together[i].err().message;
    EXPECT_EQ(together[i]->position, log_.head_position()) << all[i]->name();
    EXPECT_EQ(together[i]->resumed, all[i].get() == &chat) << all[i]->name();
  }
  EXPECT_EQ(together[static_cast<std::size_t>(read::read_model::chat)]->started_at, 120u);
  // Read once: every event counted once, whatever the number of projections.
  ASSERT_FALSE(reported.empty());
  EXPECT_EQ(reported.back().events_read, log_.head_position());
  EXPECT_EQ(reported.back().position, log_.head_position());
  EXPECT_EQ(verify_all(), "");
  EXPECT_EQ(leftovers(), text_rows{});
  const auto tables = live_tables();
  EXPECT_GT(tables.size(), 200u);

  for (const auto& p : all) {
    auto one = replay_projection(*p, log_, options());
    ASSERT_TRUE(one) << p->name() << ": " << one.err().message;
  }
  EXPECT_EQ(live_tables(), tables);
}

TEST_F(ReplayTest, AProjectionFailingInAReplayOfAllDropsOutAndTheOthersAreSwappedIn) {
  using namespace domain;
  testing::write_social_scenario(write_);
  const auto bad = write_.raw("chat:eve", "chat.message", "not json");
  testing::random_scenario(write_, 6).run(100);
  const auto all = every_projection();
  const auto results = replay_projections(pointers(all), log_, options());
  ASSERT_EQ(results.size(), all.size());
  for (std::size_t i = 0; i < all.size(); ++i) {
    const auto model = all[i]->model();
    if (model == read::read_model::chat || model == read::read_model::analytics) {
      ASSERT_FALSE(results[i]) << all[i]->name();
      EXPECT_NE(results[i].err().message.find("position " + std::to_string(bad.position)),
                std::string::npos)
          << results[i].err().message;
      continue;
    }
    ASSERT_TRUE(results[i]) << all[i]->name() << ": " << results[i].err().message;
    EXPECT_EQ(results[i]->position, log_.head_position());
  }
  EXPECT_EQ(value("SELECT count(*) FROM pg_namespace WHERE nspname = 'proj_chat'"), "0");
  EXPECT_EQ(value("SELECT count(*) FROM pg_namespace WHERE nspname = 'proj_users'"), "1");
}

// A rebuild writes chat messages with COPY, the live projector with INSERT:
// text COPY must escape (tab, newline, backslash, "\\." and "\\N" as text),
// NULL must stay NULL, and times converted without SQL must be the same
// instants, before the epoch included (within the 2^53 microseconds around
// it where us_to_timestamptz's interval arithmetic is exact).
TEST_F(ReplayTest, ARebuiltChatEqualsTheLiveOneWhateverTheText) {
  using namespace domain;
  const std::vector<std::string> texts = {
      "tab\there\t",
      "line\nbreak\r\n",
      "back\\slash \\N \\t",
      "\\.",
      "\\N",
      "quote ' and \"double\" {a,b}",
      "Gr\u00fc\u00dfe, \u65e5\u672c\u8a9e, \U0001f389",
      "",
      "del \x7f bell \a",
      "\\\\\t\\\n",
  };
  const std::vector<std::int64_t> times = {1'700'000'000'123'456, -1, 0, -9'000'000'000'000'001};
  start({read::read_model::chat});
  std::optional<std::string> previous;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    write_.now_us = times[i % times.size()];
    const auto& text = texts[i];
    const auto sent = write_.chat(
        i % 2 ? "eve" : "tab\troom",
        chat_message_posted{"bob", "Bob " + text, text, i % 3 ? previous : std::nullopt,
                            {"subscriber", text, "\"quoted\""}});
    previous = sent.id_text();
  }
  catch_up();
  const std::string all_rows =
      "SELECT channel, sequence, id, sender, display_name, body, reply_to, badges, "
      "timestamptz_to_us(sent_at), position FROM proj_chat.messages ORDER BY channel, sequence";
  const auto live = rows(all_rows);
  ASSERT_EQ(live.size(), texts.size());
  EXPECT_EQ(verify_all(), "");
  auto p = make_projection(read::read_model::chat);
  auto summary = replay_projection(*p, log_, options());
  ASSERT_TRUE(summary) << summary.err().message;
  EXPECT_EQ(rows(all_rows), live);
  EXPECT_EQ(value("SELECT body FROM proj_chat.messages WHERE body LIKE 'Gr%'"),
                  "Gr\u00fc\u00dfe, \u65e5\u672c\u8a9e, \U0001f389");
  EXPECT_EQ(value("SELECT count(*) FROM proj_chat.messages WHERE reply_to IS NULL"), "4");
}

// PostgreSQL text cannot hold a NUL byte: the live INSERT fails on it, and so
// must the rebuild's COPY rather than store the text cut short.
TEST_F(ReplayTest, AChatMessageWithANulByteFailsARebuildAtItsPosition) {
  using namespace domain;
  write_.chat("eve", chat_message_posted{"bob", "Bob", "before", std::nullopt, {}});
  const auto nul = write_.chat(
      "eve", chat_message_posted{"bob", "Bob", std::string("cut\0short", 9), std::nullopt, {}});
  auto p = make_projection(read::read_model::chat);
  auto halted = replay_projection(*p, log_, options());
  ASSERT_FALSE(halted);
  EXPECT_NE(halted.err().message.find("position " + std::to_string(nul.position)),
            std::string::npos)
      << halted.err().message;
}

// The acceptance property: a replay while events keep arriving (and the live
// projectors keep applying them) ends with the same tables as a fresh replay
// of the final log, which is what verification builds and compares with.
TEST_F(ReplayTest, AReplayWhileAppendsContinueEndsIdenticalToAFreshReplay) {
  testing::random_scenario scenario(write_, 11, 20);
  scenario.run(600);
  start();
  std::atomic<bool> appending{true};
  // Paced (a few hundred events/s) and bounded, so that the rebuild, however
  // loaded the machine, overtakes them: a replay must outrun the traffic.
  std::thread appender([&] {
    for (int i = 0; i < 3000 && appending.load(); ++i) {
      scenario.step();
      std::this_thread::sleep_for(std::chrono::milliseconds{2});
    }
  });
  auto o = options();
  o.limits = rebuild_options{}.limits;
  std::string failures;
  for (std::size_t i = 0; i < read::read_model_count; ++i) {
    auto p = make_projection(static_cast<read::read_model>(i));
    auto summary = replay_projection(*p, log_, o);
    if (!summary) failures += std::string(p->name()) + ": " + summary.err().message + "\n";
  }
  appending = false;
  appender.join();
  ASSERT_EQ(failures, "");
  catch_up();
  EXPECT_EQ(verify_all(), "");
  EXPECT_EQ(leftovers(), text_rows{});
}

}  // namespace
}  // namespace streamhub::projections
