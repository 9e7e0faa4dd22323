#include "tools/loadgen/latency_histogram.hpp"

#include <gtest/gtest.h>

#include "tools/loadgen/fixed_rate.hpp"

namespace streamhub::loadgen {
namespace {

TEST(latency_histogram, exact_percentiles_of_small_values) {
  latency_histogram h;
  for (int v = 1; v <= 100; ++v) h.record(v);
  EXPECT_EQ(h.count(), 100u);
  EXPECT_EQ(h.percentile(50), 50);
  EXPECT_EQ(h.percentile(99), 99);
  EXPECT_EQ(h.percentile(99.9), 100);
  EXPECT_EQ(h.percentile(100), 100);
  EXPECT_EQ(h.percentile(0), 1);
  EXPECT_DOUBLE_EQ(h.mean(), 50.5);
  EXPECT_EQ(h.max(), 100);
}

TEST(latency_histogram, large_values_within_bucket_precision) {
  latency_histogram h;
  // 1,000 values of 1 ms and 10 of 250 ms: p99 is 1 ms, p99.9 is 250 ms.
  for (int i = 0; i < 990; ++i) h.record(1'000'000);
  for (int i = 0; i < 10; ++i) h.record(250'000'000);
  EXPECT_GE(h.percentile(99), 1'000'000);
  EXPECT_LE(h.percentile(99), 1'000'000 + 1'000'000 / 64);
  EXPECT_GE(h.percentile(99.9), 250'000'000 - 250'000'000 / 64);
  EXPECT_LE(h.percentile(99.9), 250'000'000);  // never above the maximum
  EXPECT_EQ(h.max(), 250'000'000);
}

TEST(latency_histogram, every_value_lands_at_or_just_above_itself) {
  latency_histogram h;
  for (std::int64_t v : {127LL, 128LL, 129LL, 255LL, 256LL, 1'000'003LL, 123'456'789'012LL}) {
    latency_histogram one;
    one.record(v);
    EXPECT_EQ(one.percentile(50), v) << "clamped to the maximum";
    h.record(v);
  }
  EXPECT_EQ(h.percentile(100), 123'456'789'012LL);
}

TEST(latency_histogram, merge_adds_counts) {
  latency_histogram a, b;
  for (int v = 1; v <= 50; ++v) a.record(v);
  for (int v = 51; v <= 100; ++v) b.record(v);
  a.merge(b);
  EXPECT_EQ(a.count(), 100u);
  EXPECT_EQ(a.percentile(50), 50);
  EXPECT_EQ(a.percentile(90), 90);
  EXPECT_EQ(a.max(), 100);
}

TEST(latency_histogram, negative_values_count_as_zero) {
  latency_histogram h;
  h.record(-5);
  EXPECT_EQ(h.percentile(100), 0);
}

TEST(latency_histogram, coordinated_omission_correction_fills_the_stall) {
  // One request every 1 us; the server stalls once for 100 us. Measured from
  // the actual send time, the loop saw one 100 us answer: the correction
  // adds the 99 requests it would have sent meanwhile (99, 98, ... 1 us).
  latency_histogram h;
  h.record_corrected(100, 1);
  EXPECT_EQ(h.count(), 100u);
  EXPECT_EQ(h.percentile(50), 50);
  EXPECT_EQ(h.percentile(99), 99);
  latency_histogram plain;
  plain.record_corrected(100, 0);
  EXPECT_EQ(plain.count(), 1u);
}

TEST(fixed_rate, latency_runs_from_the_intended_time) {
  // 1,000 requests per second; a stall holds every send until t = 100 ms and
  // all answers come back at once then: request i is charged 100 - i ms.
  const clock::time_point start{};
  fixed_rate schedule(start, 1000.0);
  EXPECT_EQ(schedule.interval_ns(), 1'000'000);
  const clock::time_point answered = start + std::chrono::milliseconds(100);
  latency_histogram h;
  for (std::uint64_t i = 0; i < 100; ++i) h.record(latency_ns(schedule.intended(i), answered));
  EXPECT_EQ(schedule.intended(7), start + std::chrono::milliseconds(7));
  EXPECT_EQ(h.count(), 100u);
  EXPECT_EQ(h.max(), 100'000'000);
  EXPECT_NEAR(static_cast<double>(h.percentile(50)), 51e6, 51e6 / 64);
  EXPECT_NEAR(h.mean(), 50.5e6, 1.0);
}

}  // namespace
}  // namespace streamhub::loadgen
