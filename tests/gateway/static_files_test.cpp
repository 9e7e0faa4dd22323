#include "gateway/static_files.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

namespace streamhub::gateway {
namespace {

namespace fs = std::filesystem;

class static_files_test : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("streamhub-static-" + std::to_string(::getpid()));
    fs::create_directories(root_ / "app" / "css");
    std::ofstream(root_ / "app" / "index.html") << "index";
    std::ofstream(root_ / "app" / "css" / "site.css") << "css";
    std::ofstream(root_ / "outside.txt") << "secret";
    fs::create_symlink(root_ / "outside.txt", root_ / "app" / "link.txt");
  }
  void TearDown() override { fs::remove_all(root_); }

  std::string resolved(std::string_view path) {
    const auto files = static_files::open((root_ / "app").string());
    const auto found = files->resolve(path);
    return found ? found->path.filename().string() : "";
  }

  fs::path root_;
};

TEST_F(static_files_test, resolves_files_and_index) {
  EXPECT_EQ(resolved("/"), "index.html");
  EXPECT_EQ(resolved("/css/site.css"), "site.css");
  EXPECT_EQ(resolved("/css/"), "") << "no index in css/";
  EXPECT_EQ(resolved("/css%2Fsite.css"), "site.css");
  EXPECT_EQ(resolved("/some/client/route"), "index.html");
  EXPECT_EQ(resolved("/missing.js"), "");
}

TEST_F(static_files_test, refuses_escapes) {
  EXPECT_EQ(resolved("/../outside.txt"), "");
  EXPECT_EQ(resolved("/%2e%2e/outside.txt"), "");
  EXPECT_EQ(resolved("/css/../../outside.txt"), "");
  EXPECT_EQ(resolved("/link.txt"), "") << "symlink leaving the root";
  EXPECT_EQ(resolved("/..%5coutside.txt"), "");
  EXPECT_EQ(resolved("/index.html%00.png"), "");
  EXPECT_EQ(resolved("relative"), "");
}

TEST_F(static_files_test, content_types_by_extension) {
  EXPECT_EQ(content_type_for("a.html"), "text/html; charset=utf-8");
  EXPECT_EQ(content_type_for("a.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(content_type_for("a.bin"), "application/octet-stream");
  EXPECT_FALSE(static_files::open((root_ / "nope").string()));
}

}  // namespace
}  // namespace streamhub::gateway
