#include "projections/read/applied_positions.hpp"

#include <gtest/gtest.h>

namespace streamhub::projections::read {
namespace {

TEST(AppliedPositionsTest, PositionsOnlyRise) {
  applied_positions p;
  p.publish(read_model::chat, 10);
  p.publish(read_model::chat, 7);
  EXPECT_EQ(p.position(read_model::chat), 10u);
  EXPECT_EQ(p.position(read_model::users), 0u);
}

TEST(AppliedPositionsTest, ASetHasReachedWhatItsSlowestModelHas) {
  applied_positions p;
  p.publish(read_model::chat, 10);
  p.publish(read_model::users, 4);
  EXPECT_EQ(p.min_position({read_model::chat, read_model::users}), 4u);
  EXPECT_TRUE(p.reached(4, {read_model::chat, read_model::users}));
  EXPECT_FALSE(p.reached(5, {read_model::chat, read_model::users}));
  EXPECT_TRUE(p.reached(10, {read_model::chat}));
  EXPECT_TRUE(p.reached(1'000, {}));
}

TEST(AppliedPositionsTest, ListenersHearRisesOnlyUntilRemoved) {
  applied_positions p;
  int heard = 0;
  const auto id = p.add_listener([&] { ++heard; });
  p.publish(read_model::chat, 1);
  p.publish(read_model::chat, 1);  // not a rise
  EXPECT_EQ(heard, 1);
  p.remove_listener(id);
  p.publish(read_model::chat, 2);
  EXPECT_EQ(heard, 1);
}

TEST(ReadModelTest, NamesRoundTrip) {
  for (std::size_t i = 0; i < read_model_count; ++i) {
    const auto m = static_cast<read_model>(i);
    EXPECT_EQ(read_model_named(to_string(m)), m);
  }
  EXPECT_EQ(read_model_named("nope"), std::nullopt);
  EXPECT_EQ(read_model_set::all().contains(read_model::analytics), true);
}

}  // namespace
}  // namespace streamhub::projections::read
