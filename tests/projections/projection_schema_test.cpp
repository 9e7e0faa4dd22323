#include "projections/projection_schema.hpp"

#include <gtest/gtest.h>

#include <future>
#include <pqxx/connection>

#include "projections/models/read_models.hpp"
#include "projections/projector.hpp"
#include "projections/read/query_service.hpp"
#include "tests/projections/projection_test.hpp"

namespace streamhub::projections {
namespace {

using namespace domain;
using testing::text_rows;

class ProjectionSchemaTest : public testing::projection_test {};

TEST_F(ProjectionSchemaTest, ATargetIsCreatedOnceWithItsCheckpointRow) {
  const auto chat = make_chat_projection();
  pqxx::connection connection(conninfo());
  auto first = ensure_target(connection, *chat, "proj_chat_next", "chat@proj_chat_next");
  ASSERT_TRUE(first) << first.err().message;
  EXPECT_TRUE(first->created);
  EXPECT_EQ(first->status, "replaying");
  auto again = ensure_target(connection, *chat, "proj_chat_next", "chat@proj_chat_next");
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->version, chat->version());
  EXPECT_EQ(value("SELECT count(*) FROM proj_chat_next.messages"), "0");

  // Tables nobody accounts for are not taken over.
  rows("CREATE SCHEMA proj_chat; SELECT 1");
  EXPECT_EQ(ensure_target(connection, *chat, "proj_chat", "chat").err().code,
            error_code::conflict);
  EXPECT_EQ(ensure_target(connection, *chat, "Proj", "x").err().code, error_code::invalid);
}

// A rebuild swapped in while the live projector and the read side run: the
// read side's prepared statements answer from the new tables, and the live
// projector carries on into them.
TEST_F(ProjectionSchemaTest, ASwappedInRebuildServesReadsAndTheLiveProjectorContinuesIntoIt) {
  write_.chat("eve", chat_message_posted{"bob", "Bob", "one", std::nullopt, {}});
  write_.chat("eve", chat_message_posted{"bob", "Bob", "two", std::nullopt, {}});
  start({read::read_model::chat});
  catch_up();

  const auto chat = make_chat_projection();
  auto positions = std::make_shared<read::applied_positions>();
  projector_options o;
  o.conninfo = conninfo();
  o.schema = rebuild_schema(read::read_model::chat);
  o.on_applied = [&](log_position p) { positions->publish(read::read_model::chat, p); };
  projector rebuild(*chat, log_, o);
  rebuild.start();
  ASSERT_TRUE(testing::wait_applied(*positions, log_.head_position(), {read::read_model::chat},
                                    std::chrono::seconds{60}));
  rebuild.stop();
  EXPECT_EQ(value("SELECT status FROM projection_checkpoints WHERE projection = "
                  "'chat@proj_chat_next'"),
            "replaying");

  // Tell the live tables apart from the rebuild.
  rows("UPDATE proj_chat.messages SET body = 'stale' RETURNING 1");
  read::query_service_options qo;
  qo.conninfo = conninfo();
  qo.connections = 1;  // one connection: the same prepared statement before and after
  read::query_service reads(qo, runtime_->positions());
  auto bodies = [&] {
    std::promise<result<read::page<read::chat_message_row>>> answer;
    reads.chat_history("eve", {10, std::nullopt}, [&](auto r) { answer.set_value(std::move(r)); });
    auto page = answer.get_future().get();
    std::vector<std::string> out;
    if (!page) {
      ADD_FAILURE() << page.err().message;
      return out;
    }
    for (const auto& e : page->edges) out.push_back(e.node.text);
    return out;
  };
  EXPECT_EQ(bodies(), (std::vector<std::string>{"stale", "stale"}));

  pqxx::connection connection(conninfo());
  auto swapped = swap_in(connection, *chat, rebuild_schema(read::read_model::chat));
  ASSERT_TRUE(swapped) << swapped.err().message;
  EXPECT_EQ(bodies(), (std::vector<std::string>{"two", "one"}));
  EXPECT_EQ(rows("SELECT projection, status FROM projection_checkpoints"),
            (text_rows{{"chat", "running"}}));
  EXPECT_EQ(value("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'proj_chat%'"), "1");

  write_.chat("eve", chat_message_posted{"bob", "Bob", "three", std::nullopt, {}});
  catch_up();
  EXPECT_EQ(bodies(), (std::vector<std::string>{"three", "two", "one"}));
  reads.stop();
}

TEST_F(ProjectionSchemaTest, ARebuildBehindTheLiveTablesIsRefused) {
  write_.chat("eve", chat_message_posted{"bob", "Bob", "one", std::nullopt, {}});
  start({read::read_model::chat});
  catch_up();
  const auto chat = make_chat_projection();
  pqxx::connection connection(conninfo());
  ASSERT_TRUE(ensure_target(connection, *chat, "proj_chat_next", "chat@proj_chat_next"));
  EXPECT_EQ(swap_in(connection, *chat, "proj_chat_next").err().code, error_code::conflict);
  EXPECT_EQ(swap_in(connection, *chat, "proj_chat_other").err().code, error_code::not_found);
}

}  // namespace
}  // namespace streamhub::projections
