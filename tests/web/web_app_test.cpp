// The web app served by `streamhub serve`, driven in headless Chromium by
// web_app.mjs (puppeteer-core): register, go live, chat between two browsers,
// follow, reload, go offline, log out.

#include <gtest/gtest.h>

#include <signal.h>

#include <regex>

#include "tests/storage/temp_dir.hpp"
#include "tests/tools/child_process.hpp"

namespace streamhub::web {
namespace {

using namespace std::chrono_literals;
using streamhub::testing::child_process;

/// The port from the server's "serving on http://HOST:PORT/graphql" line.
std::optional<std::string> wait_for_port(child_process& server) {
  static const std::regex serving{R"(serving on http://[^:]+:(\d+)/)"};
  while (auto line = server.read_err_line(60s)) {
    std::smatch m;
    if (std::regex_search(*line, m, serving)) return m[1].str();
  }
  return std::nullopt;
}

TEST(WebAppTest, TwoBrowsersChatInALiveChannel) {
  streamhub::testing::temp_dir temp;
  child_process server({STREAMHUB_PATH, "--log-format", "text", "--data", (temp.path() / "data").string(), "serve",
                        "--listen", "127.0.0.1:0", "--web", STREAMHUB_WEB_DIR});
  const auto port = wait_for_port(server);
  ASSERT_TRUE(port) << server.err();

  child_process browser({"node", STREAMHUB_WEB_TESTS "/web_app.mjs", "http://127.0.0.1:" + *port + "/"});
  EXPECT_EQ(browser.wait(), 0) << browser.out() << browser.err();

  server.signal(SIGTERM);
  EXPECT_EQ(server.wait(), 0) << server.err();
}

}  // namespace
}  // namespace streamhub::web
