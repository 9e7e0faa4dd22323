#include "projections/pg/system_user.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include "tests/projections/pg_test_cluster.hpp"

namespace streamhub::projections {
namespace {

namespace fs = std::filesystem;

mode_t mode_of(const fs::path& path) {
  struct stat st {};
  ::stat(path.c_str(), &st);
  return st.st_mode & 07777;
}

TEST(SystemUserTest, FindsExistingUsersOnly) {
  auto root = find_user("root");
  ASSERT_TRUE(root && *root);
  EXPECT_EQ((*root)->uid, 0u);
  auto missing = find_user("no-such-user-streamhub");
  ASSERT_TRUE(missing);
  EXPECT_FALSE(*missing);
}

TEST(SystemUserTest, CurrentUserIsTheEffectiveOne) {
  EXPECT_EQ(current_user().uid, ::geteuid());
  EXPECT_EQ(running_as_root(), ::geteuid() == 0);
}

TEST(SystemUserTest, EnsureSystemUserMakesAnUnprivilegedAccountOnce) {
  if (!running_as_root()) {
    auto refused = ensure_system_user("no-such-user-streamhub");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.err().code, error_code::forbidden);
    return;
  }
  auto user = ensure_system_user("streamhub");
  ASSERT_TRUE(user) << user.err().message;
  EXPECT_NE(user->uid, 0u);
  EXPECT_NE(user->gid, 0u);
  auto again = ensure_system_user("streamhub");
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, *user);
}

TEST(SystemUserTest, AParentDirectoryIsOpenedToTheUserForSearchOnly) {
  if (!running_as_root()) GTEST_SKIP() << "needs another user than the one running";
  auto user = ensure_system_user("streamhub");
  ASSERT_TRUE(user) << user.err().message;
  const auto parent = testing::make_temp_dir("reach");
  fs::permissions(parent, fs::perms::owner_all | fs::perms::group_read);
  ASSERT_TRUE(ensure_reachable(parent / "pg", *user));
  EXPECT_EQ(mode_of(parent), 0710u);
  struct stat st {};
  ::stat(parent.c_str(), &st);
  EXPECT_EQ(st.st_gid, user->gid);
  EXPECT_EQ(st.st_uid, 0u);
}

TEST(SystemUserTest, AHigherAncestorIsNotChanged) {
  if (!running_as_root()) GTEST_SKIP() << "needs another user than the one running";
  auto user = ensure_system_user("streamhub");
  ASSERT_TRUE(user) << user.err().message;
  const auto closed = testing::make_temp_dir("closed");
  fs::create_directories(closed / "data");
  auto reached = ensure_reachable(closed / "data" / "pg", *user);
  ASSERT_FALSE(reached);
  EXPECT_EQ(reached.err().code, error_code::forbidden);
  EXPECT_NE(reached.err().message.find(closed.string() + " is not searchable"), std::string::npos)
      << reached.err().message;
  EXPECT_EQ(mode_of(closed), 0700u);
}

}  // namespace
}  // namespace streamhub::projections
