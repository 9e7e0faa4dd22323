#include "gateway/url.hpp"

#include <gtest/gtest.h>

namespace streamhub::gateway {
namespace {

TEST(url, splits_and_decodes) {
  const auto split = split_request_target("/graphql?query=a");
  EXPECT_EQ(split.path, "/graphql");
  EXPECT_EQ(split.query, "query=a");
  EXPECT_EQ(split_request_target("/x").query, "");
  EXPECT_EQ(percent_decode("a%20b+c", true), "a b c");
  EXPECT_EQ(percent_decode("a+b", false), "a+b");
  EXPECT_EQ(percent_decode("%zz", true), std::nullopt);
  EXPECT_EQ(percent_decode("%4", true), std::nullopt);
  auto params = parse_query("a=1&&b=x%3Dy&c");
  ASSERT_TRUE(params);
  ASSERT_EQ(params->size(), 3u);
  EXPECT_EQ((*params)[1].second, "x=y");
  EXPECT_EQ((*params)[2].first, "c");
}

}  // namespace
}  // namespace streamhub::gateway
