#include "projections/pg/backoff.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace streamhub::projections {
namespace {

using std::chrono::milliseconds;

backoff_policy no_jitter(milliseconds initial, milliseconds cap) {
  backoff_policy policy(initial, cap);
  policy.jitter = 0;
  return policy;
}

TEST(BackoffTest, DoublesUpToTheCap) {
  backoff delays(no_jitter(milliseconds{100}, milliseconds{1000}));
  EXPECT_EQ(delays.next_delay(), milliseconds{100});
  EXPECT_EQ(delays.next_delay(), milliseconds{200});
  EXPECT_EQ(delays.next_delay(), milliseconds{400});
  EXPECT_EQ(delays.next_delay(), milliseconds{800});
  EXPECT_EQ(delays.next_delay(), milliseconds{1000});
  EXPECT_EQ(delays.next_delay(), milliseconds{1000});
  EXPECT_EQ(delays.attempts(), 6u);
}

TEST(BackoffTest, ResetStartsOver) {
  backoff delays(no_jitter(milliseconds{10}, milliseconds{1000}));
  delays.next_delay();
  delays.next_delay();
  delays.reset();
  EXPECT_EQ(delays.next_delay(), milliseconds{10});
}

TEST(BackoffTest, ALongOutageStaysAtTheCap) {
  backoff delays(no_jitter(milliseconds{100}, milliseconds{5000}));
  for (int i = 0; i < 10'000; ++i) delays.next_delay();
  EXPECT_EQ(delays.next_delay(), milliseconds{5000});
}

TEST(BackoffTest, JitterStaysWithinItsFraction) {
  backoff_policy policy(milliseconds{1000}, milliseconds{1000});
  policy.jitter = 0.25;
  backoff delays(policy, 42);
  bool varied = false;
  milliseconds first = delays.next_delay();
  for (int i = 0; i < 1000; ++i) {
    const auto d = delays.next_delay();
    ASSERT_GE(d, milliseconds{750});
    ASSERT_LE(d, milliseconds{1000});
    varied = varied || d != first;
  }
  EXPECT_TRUE(varied);
}

TEST(BackoffTest, SameSeedSameDelays) {
  backoff a({}, 7);
  backoff b({}, 7);
  for (int i = 0; i < 20; ++i) EXPECT_EQ(a.next_delay(), b.next_delay());
}

TEST(RetryWhileUnavailableTest, RetriesUntilSomethingElseHappens) {
  backoff delays(no_jitter(milliseconds{0}, milliseconds{0}));
  int calls = 0;
  auto outcome = retry_while_unavailable(
      [&]() -> result<void> {
        if (++calls < 3) return error{error_code::unavailable, "down"};
        return {};
      },
      delays);
  EXPECT_TRUE(outcome);
  EXPECT_EQ(calls, 3);
}

TEST(RetryWhileUnavailableTest, OtherErrorsAreNotRetried) {
  backoff delays(no_jitter(milliseconds{0}, milliseconds{0}));
  int calls = 0;
  auto outcome = retry_while_unavailable(
      [&]() -> result<void> {
        ++calls;
        return error{error_code::internal, "bug"};
      },
      delays);
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.err().code, error_code::internal);
  EXPECT_EQ(calls, 1);
}

TEST(RetryWhileUnavailableTest, AStopRequestEndsALongWait) {
  // The delay is an hour: only the stop request can end the wait.
  backoff delays(no_jitter(std::chrono::hours{1}, std::chrono::hours{1}));
  std::stop_source stop;
  int calls = 0;
  std::thread stopper;
  auto outcome = retry_while_unavailable(
      [&]() -> result<void> {
        if (++calls == 1) stopper = std::thread([&] { stop.request_stop(); });
        return error{error_code::unavailable, "down"};
      },
      delays, stop.get_token());
  stopper.join();
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.err().code, error_code::unavailable);
  // One attempt if the stop came before the wait, two if it ended the wait.
  EXPECT_LE(calls, 2);
}

}  // namespace
}  // namespace streamhub::projections
