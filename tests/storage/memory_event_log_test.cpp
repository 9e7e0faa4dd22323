#include "storage/memory_event_log.hpp"

#include <gtest/gtest.h>

#include <future>
#include <thread>

#include "tests/storage/event_log_contract.hpp"

namespace streamhub::storage::testing {
namespace {

struct memory_inline_traits {
  static std::unique_ptr<event_log> open(const std::filesystem::path&) {
    return std::make_unique<memory_event_log>();
  }
};

struct memory_threaded_traits {
  static std::unique_ptr<event_log> open(const std::filesystem::path&) {
    return std::make_unique<memory_event_log>(memory_event_log_options{.complete_inline = false});
  }
};

INSTANTIATE_TYPED_TEST_SUITE_P(MemoryInline, EventLogContract, memory_inline_traits);
INSTANTIATE_TYPED_TEST_SUITE_P(MemoryThreaded, EventLogContract, memory_threaded_traits);

TEST(MemoryEventLogTest, InlineModeCompletesOnTheCallersThreadBeforeReturning) {
  memory_event_log log;
  std::thread::id completed_on;
  log_position heard = 0;
  log.add_listener([&](log_position head) { heard = head; });
  log.append_async("user:a", expected_version::any(), {make_event()},
                   [&](result<append_result> r) {
                     ASSERT_TRUE(r);
                     completed_on = std::this_thread::get_id();
                   });
  EXPECT_EQ(completed_on, std::this_thread::get_id());
  EXPECT_EQ(heard, 1u);
}

TEST(MemoryEventLogTest, ThreadedModeCompletesOnAnotherThread) {
  memory_event_log log(memory_event_log_options{.complete_inline = false});
  std::promise<std::thread::id> completed_on;
  log.append_async("user:a", expected_version::any(), {make_event()},
                   [&](result<append_result>) { completed_on.set_value(std::this_thread::get_id()); });
  EXPECT_NE(completed_on.get_future().get(), std::this_thread::get_id());
}

}  // namespace
}  // namespace streamhub::storage::testing
