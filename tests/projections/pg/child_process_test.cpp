#include "projections/pg/child_process.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

namespace streamhub::projections {
namespace {

TEST(ChildProcessTest, ReportsExitCodeAndOutput) {
  auto ran = run_child({"/bin/sh", "-c", "echo out; echo err >&2; exit 3"});
  ASSERT_TRUE(ran) << ran.err().message;
  EXPECT_EQ(ran->exit_code, 3);
  EXPECT_EQ(ran->output, "out\nerr\n");
  EXPECT_EQ(output_tail(*ran), "out\nerr");
}

TEST(ChildProcessTest, GetsOnlyTheGivenEnvironment) {
  ::setenv("STREAMHUB_CHILD_TEST", "leaked", 1);
  child_options options;
  options.environment = {"ONLY=this"};
  auto ran = run_child({"/usr/bin/env"}, options);
  ASSERT_TRUE(ran) << ran.err().message;
  EXPECT_EQ(ran->output, "ONLY=this\n");
}

TEST(ChildProcessTest, InheritsNoFileDescriptorsButTheStandardOnes) {
  const int extra = ::open("/dev/null", O_RDONLY);  // deliberately not close-on-exec
  ASSERT_GE(extra, 3);
  auto ran = run_child({"/bin/ls", "/proc/self/fd"});
  ::close(extra);
  ASSERT_TRUE(ran) << ran.err().message;
  // 0, 1, 2 and the directory ls itself opened to list them.
  EXPECT_EQ(ran->output, "0\n1\n2\n3\n");
}

TEST(ChildProcessTest, RunsInTheWorkingDirectory) {
  child_options options;
  options.working_directory = "/usr";
  auto ran = run_child({"/bin/pwd"}, options);
  ASSERT_TRUE(ran) << ran.err().message;
  EXPECT_EQ(ran->output, "/usr\n");
}

TEST(ChildProcessTest, AChildPastItsTimeoutIsKilled) {
  child_options options;
  options.timeout = std::chrono::milliseconds{100};
  auto ran = run_child({"/bin/sh", "-c", "echo started; exec sleep 60"}, options);
  ASSERT_FALSE(ran);
  EXPECT_EQ(ran.err().code, error_code::timeout);
  EXPECT_NE(ran.err().message.find("started"), std::string::npos) << ran.err().message;
}

TEST(ChildProcessTest, AMissingProgramExitsWith127) {
  auto ran = run_child({"/nonexistent/program"});
  ASSERT_TRUE(ran) << ran.err().message;
  EXPECT_EQ(ran->exit_code, 127);
  EXPECT_NE(ran->output.find("cannot execute /nonexistent/program"), std::string::npos);
}

TEST(ChildProcessTest, AKilledChildReportsTheSignal) {
  auto ran = run_child({"/bin/sh", "-c", "kill -TERM $$"});
  ASSERT_TRUE(ran) << ran.err().message;
  EXPECT_EQ(ran->exit_code, 128 + SIGTERM);
}

TEST(ChildProcessTest, NoProgramIsInvalid) {
  auto ran = run_child({});
  ASSERT_FALSE(ran);
  EXPECT_EQ(ran.err().code, error_code::invalid);
}

TEST(ChildProcessTest, RunsAsAnotherUserWhenRoot) {
  if (!running_as_root()) GTEST_SKIP() << "switching users needs root";
  auto nobody = find_user("nobody");
  ASSERT_TRUE(nobody && *nobody);
  child_options options;
  options.run_as = **nobody;
  auto ran = run_child({"/usr/bin/id", "-u"}, options);
  ASSERT_TRUE(ran) << ran.err().message;
  EXPECT_EQ(ran->output, std::to_string((*nobody)->uid) + "\n");
}

}  // namespace
}  // namespace streamhub::projections
