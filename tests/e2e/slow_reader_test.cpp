// The per-connection outgoing queue cap: a reader that stops reading while
// a room's history is replayed to it a hundred times over is closed with
// 1013, while another reader of the same room receives every message,
// before and after the cut.

#include "tests/e2e/support/e2e_test.hpp"

namespace streamhub::e2e {
namespace {

using slow_reader_test = e2e_test;

TEST_F(slow_reader_test, SlowReaderIsClosed1013WhileOthersKeepReceiving) {
  // Small caps so that the queue, not only the socket buffers, overflows
  // soon; rate caps off for the senders.
  ASSERT_TRUE(start_server({"--limits-off", "--limit", "max_queued_bytes=262144", "--limit", "max_queued_frames=512",
                            "--limit", "close_timeout_ms=60000"}));
  auto r = run("clients/slow_reader.mjs", {"180", "100"});
  ASSERT_EQ(r.exit_code, 0) << r.describe();
  const auto report = r.json();
  EXPECT_EQ(report["slowClose"], nlohmann::json::parse(R"({"code":1013,"reason":"Outgoing queue full"})")) << report;
  EXPECT_EQ(report["fastReceived"], 182) << report;
  EXPECT_EQ(report["liveAfterCut"], 3) << report;
  expect_serving();
}

}  // namespace
}  // namespace streamhub::e2e
