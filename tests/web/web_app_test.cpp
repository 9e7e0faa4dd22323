// The web app served by `streamhub serve`, driven in headless Chromium by
// web_app.mjs (puppeteer-core): register, go live, chat between two browsers,
// follow, reload, go offline, log out.

#include <gtest/gtest.h>

#include "tests/e2e/support/served_node.hpp"
#include "tests/storage/temp_dir.hpp"
#include "tests/tools/child_process.hpp"

namespace streamhub::web {
namespace {

TEST(WebAppTest, TwoBrowsersChatInALiveChannel) {
  streamhub::testing::temp_dir temp;
  e2e::served_node server(temp.path() / "data", {"--no-pg", "--web", STREAMHUB_WEB_DIR});
  ASSERT_TRUE(server.serving()) << server.log();

  streamhub::testing::child_process browser(
      {STREAMHUB_NODE_PATH, STREAMHUB_WEB_TESTS "/web_app.mjs", server.base_url() + "/"});
  EXPECT_EQ(browser.wait(), 0) << browser.out() << browser.err();

  EXPECT_EQ(server.stop(), 0) << server.log();
}

}  // namespace
}  // namespace streamhub::web
