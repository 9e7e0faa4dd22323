#include "protocol/graphql_ws/close_code.hpp"

#include <gtest/gtest.h>

namespace streamhub::graphql_ws {
namespace {

TEST(close_code, numbers_match_the_protocol) {
  EXPECT_EQ(static_cast<int>(close_code::bad_request), 4400);
  EXPECT_EQ(static_cast<int>(close_code::unauthorized), 4401);
  EXPECT_EQ(static_cast<int>(close_code::forbidden), 4403);
  EXPECT_EQ(static_cast<int>(close_code::subprotocol_not_acceptable), 4406);
  EXPECT_EQ(static_cast<int>(close_code::connection_initialisation_timeout), 4408);
  EXPECT_EQ(static_cast<int>(close_code::subscriber_already_exists), 4409);
  EXPECT_EQ(static_cast<int>(close_code::too_many_initialisation_requests), 4429);
  EXPECT_EQ(static_cast<int>(close_code::going_away), 1001);
  EXPECT_EQ(default_reason(close_code::forbidden), "Forbidden");
}

TEST(close_code, reason_is_cut_to_123_bytes_on_a_character_boundary) {
  EXPECT_EQ(fit_close_reason("short"), "short");
  const std::string ascii(200, 'a');
  EXPECT_EQ(fit_close_reason(ascii).size(), 123u);
  std::string wide;
  for (int i = 0; i < 60; ++i) wide += "\xC3\xA9";  // é, two bytes each
  const std::string cut = fit_close_reason(wide);
  EXPECT_LE(cut.size(), 123u);
  EXPECT_EQ(cut.size() % 2, 0u) << "a two-byte character was split";
}

}  // namespace
}  // namespace streamhub::graphql_ws
