#include "gateway/outgoing_queue.hpp"

#include <gtest/gtest.h>

namespace streamhub::gateway {
namespace {

outgoing_frame frame_of(std::size_t bytes) {
  return {std::make_shared<const std::string>(bytes, 'x'), nullptr, {}};
}

TEST(outgoing_queue, shares_payloads_between_queues) {
  auto payload = std::make_shared<const std::string>("{\"data\":1}");
  outgoing_queue a, b;
  a.push({std::make_shared<const std::string>("prefix-a"), payload, "}"}, 0, 0);
  b.push({std::make_shared<const std::string>("prefix-b"), payload, "}"}, 0, 0);
  EXPECT_EQ(a.front().body.get(), b.front().body.get());
  EXPECT_EQ(a.bytes(), 8u + 10u + 1u);
}

TEST(outgoing_queue, refuses_beyond_the_caps) {
  outgoing_queue by_bytes;
  EXPECT_TRUE(by_bytes.push(frame_of(150), 100, 0)) << "the first frame always fits";
  EXPECT_FALSE(by_bytes.push(frame_of(1), 100, 0));
  by_bytes.pop();
  EXPECT_TRUE(by_bytes.push(frame_of(60), 100, 0));
  EXPECT_TRUE(by_bytes.push(frame_of(40), 100, 0));
  EXPECT_FALSE(by_bytes.push(frame_of(1), 100, 0));
  outgoing_queue by_frames;
  EXPECT_TRUE(by_frames.push(frame_of(1), 0, 2));
  EXPECT_TRUE(by_frames.push(frame_of(1), 0, 2));
  EXPECT_FALSE(by_frames.push(frame_of(1), 0, 2));
}

TEST(outgoing_queue, keeps_order_and_accounting_through_long_runs) {
  outgoing_queue queue;
  std::size_t next_in = 0, next_out = 0;
  for (int round = 0; round < 1000; ++round) {
    queue.push(frame_of(1 + next_in++ % 7), 0, 0);
    queue.push(frame_of(1 + next_in++ % 7), 0, 0);
    EXPECT_EQ(queue.front().size(), 1 + next_out++ % 7);
    queue.pop();
  }
  std::size_t expected = 0;
  for (std::size_t i = next_out; i < next_in; ++i) expected += 1 + i % 7;
  EXPECT_EQ(queue.bytes(), expected);
  EXPECT_EQ(queue.size(), next_in - next_out);
}

TEST(outgoing_queue, drop_waiting_keeps_the_frame_in_flight) {
  outgoing_queue queue;
  queue.push(frame_of(3), 0, 0);
  queue.push(frame_of(5), 0, 0);
  queue.push(frame_of(7), 0, 0);
  queue.drop_waiting();
  EXPECT_EQ(queue.size(), 1u);
  EXPECT_EQ(queue.bytes(), 3u);
  queue.pop();
  EXPECT_TRUE(queue.empty());
  queue.release_if_empty();
  EXPECT_TRUE(queue.push(frame_of(1), 0, 0));
}

}  // namespace
}  // namespace streamhub::gateway
