// The read-model queries through GraphQL: a real `streamhub serve` with its
// embedded PostgreSQL, and a real client (the node scripts next to this
// file: fetch, and graphql-js checking each document against the server's
// introspected schema). One server per test, stopped cleanly so that its
// PostgreSQL stops too.

#include "tests/e2e/support/e2e_test.hpp"

#include <filesystem>

namespace streamhub::e2e {
namespace {

class read_models_test : public e2e_test {
 protected:
  read_models_test() {
    with_read_models_ = true;
    // Run as root, PostgreSQL runs as an unprivileged user, which must be
    // able to pass through the private temporary directory to DATA/pg.
    std::filesystem::permissions(data_dir().parent_path(), std::filesystem::perms::others_exec,
                                 std::filesystem::perm_options::add);
  }

  /// Starts a server with `flags` and runs read_models/<script> against it.
  void check(const std::string& script, std::vector<std::string> flags = {}) {
    ASSERT_TRUE(start_server(std::move(flags)));
    const auto r = run("read_models/" + script);
    EXPECT_EQ(r.exit_code, 0) << r.describe();
    EXPECT_EQ(stop_server(), 0) << server().log();
  }
};

TEST_F(read_models_test, ChatHistoryPagesNewestFirstWithoutDeletedMessages) { check("chat_history.mjs"); }

TEST_F(read_models_test, FollowersAndFollowingPageMostRecentFirst) { check("follows.mjs"); }

TEST_F(read_models_test, LiveStreamsListsLiveChannelsByCategory) { check("live_streams.mjs"); }

TEST_F(read_models_test, LiveStreamsListMostViewersFirst) {
  check("live_streams_by_viewers.mjs", {"--viewer-sample-seconds", "1"});
}

TEST_F(read_models_test, NotificationsCountUnreadAndMarkRead) { check("notifications.mjs"); }

TEST_F(read_models_test, HomeTimelineAndUserPostsShowFollowedPosts) { check("timelines.mjs"); }

TEST_F(read_models_test, DeletePostOfAnotherUserIsForbiddenUnlessAdmin) {
  check("delete_post.mjs", {"--admin", "root"});
}

TEST_F(read_models_test, SearchFindsUsersChannelsAndPosts) { check("search.mjs"); }

TEST_F(read_models_test, StreamSessionsCarryTheirFigures) { check("stream_sessions.mjs"); }

TEST_F(read_models_test, QueriesWithMinPositionSeeTheMutationsBeforeThem) { check("read_your_writes.mjs"); }

TEST_F(read_models_test, WithoutPostgresMutationsWorkAndListsAreUnavailable) {
  check("without_read_models.mjs", {"--no-pg"});
}

}  // namespace
}  // namespace streamhub::e2e
