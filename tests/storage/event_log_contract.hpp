#pragma once
// The contract every event_log implementation passes (storage/event_log.hpp).
// Instantiate it with a traits type providing
//
//   static std::unique_ptr<event_log> open(const std::filesystem::path& dir);
//
// (a fresh, empty log in an empty directory), e.g.
//
//   INSTANTIATE_TYPED_TEST_SUITE_P(Memory, EventLogContract, memory_traits);

#include <gtest/gtest.h>

#include <atomic>
#include <barrier>
#include <condition_variable>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "storage/event_log.hpp"
#include "tests/storage/temp_dir.hpp"

namespace streamhub::storage::testing {

inline proposed_event make_event(std::string type = "test.happened", std::string payload = "{}") {
  proposed_event e;
  e.id = event_id::generate();
  e.type = std::move(type);
  e.actor = "user:tester";
  e.payload = std::move(payload);
  return e;
}

inline std::vector<proposed_event> make_events(std::size_t n) {
  std::vector<proposed_event> events;
  for (std::size_t i = 0; i < n; ++i)
    events.push_back(make_event("test.happened", "{\"i\":" + std::to_string(i) + "}"));
  return events;
}

/// Waits (bounded, as a failure guard) until `pred` holds, re-checking each
/// time `cv` is notified under `mutex`.
template <class Pred>
bool wait_until(std::mutex& mutex, std::condition_variable& cv, Pred pred) {
  std::unique_lock lock(mutex);
  return cv.wait_for(lock, std::chrono::seconds(30), pred);
}

template <class Traits>
class EventLogContract : public ::testing::Test {
 protected:
  void SetUp() override { log_ = Traits::open(dir_.path()); }
  void TearDown() override { log_.reset(); }

  event_log& log() { return *log_; }

  append_result append_ok(const std::string& stream, expected_version expected,
                          std::vector<proposed_event> events) {
    auto r = log().append(stream, expected, std::move(events));
    EXPECT_TRUE(r) << r.err().message;
    return r ? *r : append_result{};
  }

  streamhub::testing::temp_dir dir_;
  std::unique_ptr<event_log> log_;
};

TYPED_TEST_SUITE_P(EventLogContract);

TYPED_TEST_P(EventLogContract, AppendedEventReadsBackWithEveryField) {
  proposed_event e = make_event("chat.message", R"({"text":"hi"})");
  e.schema_version = 3;
  e.timestamp_us = 1'795'000'000'000'001;
  e.causation_id = event_id::generate();
  e.correlation_id = event_id::generate();
  const auto r = this->append_ok("chat:alice", expected_version::no_stream(), {e});
  EXPECT_EQ(r, (append_result{1, 1, 1, 1, false}));

  auto events = this->log().read_stream("chat:alice", 1, 10);
  ASSERT_TRUE(events);
  ASSERT_EQ(events->size(), 1u);
  const event_envelope& got = events->front();
  EXPECT_EQ(got.position, 1u);
  EXPECT_EQ(got.stream_id, "chat:alice");
  EXPECT_EQ(got.version, 1u);
  EXPECT_EQ(got.type, "chat.message");
  EXPECT_EQ(got.schema_version, 3u);
  EXPECT_EQ(got.timestamp_us, e.timestamp_us);
  EXPECT_EQ(got.id, e.id);
  EXPECT_EQ(got.causation_id, e.causation_id);
  EXPECT_EQ(got.correlation_id, e.correlation_id);
  EXPECT_EQ(got.actor, "user:tester");
  EXPECT_EQ(got.payload, R"({"text":"hi"})");

  auto all = this->log().read_all(1, 10);
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ(all->front(), got);
}

TYPED_TEST_P(EventLogContract, StampsTheTimeWhenTheEventCarriesNone) {
  const auto before = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  this->append_ok("user:a", expected_version::any(), {make_event()});
  auto events = this->log().read_all(1, 1);
  ASSERT_TRUE(events);
  EXPECT_GE(events->front().timestamp_us, before);
}

TYPED_TEST_P(EventLogContract, ExpectedVersionAnyNoStreamAndExact) {
  auto& log = this->log();
  EXPECT_EQ(this->append_ok("user:a", expected_version::no_stream(), {make_event()}).last_version, 1u);

  auto again = log.append("user:a", expected_version::no_stream(), {make_event()});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.err().code, error_code::conflict);
  EXPECT_EQ(again.err().current_version, 1u);

  EXPECT_EQ(this->append_ok("user:a", expected_version::exact(1), {make_event()}).last_version, 2u);
  auto stale = log.append("user:a", expected_version::exact(1), {make_event()});
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.err().code, error_code::conflict);
  EXPECT_EQ(stale.err().current_version, 2u);

  auto ahead = log.append("user:b", expected_version::exact(5), {make_event()});
  ASSERT_FALSE(ahead);
  EXPECT_EQ(ahead.err().current_version, 0u);

  EXPECT_EQ(this->append_ok("user:a", expected_version::any(), {make_event()}).last_version, 3u);
  EXPECT_EQ(log.head_position(), 3u);
  EXPECT_EQ(*log.stream_version("user:b"), 0u);
}

TYPED_TEST_P(EventLogContract, MultiEventAppendIsAtomicAndContiguous) {
  auto& log = this->log();
  this->append_ok("user:other", expected_version::any(), {make_event()});
  const auto r = this->append_ok("user:a", expected_version::no_stream(), make_events(3));
  EXPECT_EQ(r, (append_result{1, 3, 2, 4, false}));

  auto rejected = log.append("user:a", expected_version::exact(1), make_events(5));
  ASSERT_FALSE(rejected);
  EXPECT_EQ(log.head_position(), 4u);
  EXPECT_EQ(*log.stream_version("user:a"), 3u);

  auto events = log.read_stream("user:a", 1, 100);
  ASSERT_TRUE(events);
  ASSERT_EQ(events->size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ((*events)[i].version, i + 1);
    EXPECT_EQ((*events)[i].position, i + 2);
    EXPECT_EQ((*events)[i].payload, "{\"i\":" + std::to_string(i) + "}");
  }
}

TYPED_TEST_P(EventLogContract, RejectsInvalidInputWithoutWriting) {
  auto& log = this->log();
  const auto invalid = [](const result<append_result>& r) {
    return !r && r.err().code == error_code::invalid;
  };
  EXPECT_TRUE(invalid(log.append("user:a", expected_version::any(), {})));
  EXPECT_TRUE(invalid(log.append("", expected_version::any(), {make_event()})));
  EXPECT_TRUE(invalid(
      log.append(std::string(kMaxStreamIdSize + 1, 'x'), expected_version::any(), {make_event()})));
  proposed_event nil = make_event();
  nil.id = event_id{};
  EXPECT_TRUE(invalid(log.append("user:a", expected_version::any(), {make_event(), nil})));
  EXPECT_EQ(log.head_position(), 0u);
  EXPECT_TRUE(log.append(std::string(kMaxStreamIdSize, 'x'), expected_version::any(), {make_event()}));
}

TYPED_TEST_P(EventLogContract, ScanStreamFromAVersionWithMaxCount) {
  auto& log = this->log();
  for (int i = 0; i < 10; ++i) {
    this->append_ok("user:a", expected_version::any(), {make_event()});
    this->append_ok("user:b", expected_version::any(), {make_event()});
  }
  auto events = log.read_stream("user:a", 4, 3);
  ASSERT_TRUE(events);
  ASSERT_EQ(events->size(), 3u);
  EXPECT_EQ((*events)[0].version, 4u);
  EXPECT_EQ((*events)[2].version, 6u);
  for (const auto& e : *events) EXPECT_EQ(e.stream_id, "user:a");

  EXPECT_EQ(log.read_stream("user:a", 9, 100)->size(), 2u);
  EXPECT_EQ(log.read_stream("user:a", 11, 100)->size(), 0u);
  EXPECT_EQ(log.read_stream("user:a", 0, 100)->size(), 10u);
  EXPECT_EQ(log.read_stream("user:nobody", 1, 100)->size(), 0u);
  EXPECT_EQ(log.read_stream("user:", 1, 100)->size(), 0u);  // a prefix of other ids

  std::size_t seen = 0;
  auto visited = log.scan_stream("user:b", 1, 100, [&](const event_envelope&) { return ++seen < 4; });
  ASSERT_TRUE(visited);
  EXPECT_EQ(*visited, 4u);
}

TYPED_TEST_P(EventLogContract, ScanStreamAcrossInterleavedAppends) {
  // Appends of 1 to 4 events rotating over three streams (and "user:a"'s
  // longer namesake): each stream's positions come in runs with gaps
  // between them. Every (from, max_count) reads exactly what was appended.
  auto& log = this->log();
  const std::vector<std::string> streams{"user:a", "user:b", "user:aa", "user:c"};
  std::map<std::string, std::vector<std::pair<std::string, log_position>>> appended;
  for (std::size_t round = 0; round < 12; ++round) {
    const std::string& stream = streams[(round * 7) % streams.size()];
    std::vector<proposed_event> events;
    for (std::size_t i = 0; i < 1 + (round * 5) % 4; ++i)
      events.push_back(make_event("test.happened", "{\"round\":" + std::to_string(round) +
                                                       ",\"i\":" + std::to_string(i) + "}"));
    const auto r = this->append_ok(stream, expected_version::any(), events);
    for (std::size_t i = 0; i < events.size(); ++i)
      appended[stream].emplace_back(events[i].payload, r.first_position + i);
  }
  for (const auto& [stream, expected] : appended) {
    for (event_number from = 0; from <= expected.size() + 1; ++from) {
      for (std::size_t max_count : {std::size_t{1}, std::size_t{2}, std::size_t{5},
                                    std::numeric_limits<std::size_t>::max()}) {
        auto got = log.read_stream(stream, from, max_count);
        ASSERT_TRUE(got) << got.err().message;
        const std::size_t first = std::max<event_number>(from, 1) - 1;
        const std::size_t want =
            first >= expected.size() ? 0 : std::min(max_count, expected.size() - first);
        ASSERT_EQ(got->size(), want) << stream << " from " << from << " max " << max_count;
        for (std::size_t i = 0; i < want; ++i) {
          const auto& e = (*got)[i];
          EXPECT_EQ(e.stream_id, stream);
          EXPECT_EQ(e.version, first + i + 1);
          EXPECT_EQ(e.payload, expected[first + i].first);
          EXPECT_EQ(e.position, expected[first + i].second);
        }
      }
    }
  }
}

TYPED_TEST_P(EventLogContract, ScanAllVisitsInPositionOrder) {
  auto& log = this->log();
  for (int i = 0; i < 5; ++i) {
    this->append_ok("user:a", expected_version::any(), make_events(2));
    this->append_ok("user:b", expected_version::any(), {make_event()});
  }
  auto all = log.read_all(0, 1000);
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 15u);
  for (std::size_t i = 0; i < all->size(); ++i) EXPECT_EQ((*all)[i].position, i + 1);

  auto middle = log.read_all(7, 4);
  ASSERT_TRUE(middle);
  ASSERT_EQ(middle->size(), 4u);
  EXPECT_EQ(middle->front().position, 7u);
  EXPECT_EQ(middle->back().position, 10u);
  EXPECT_EQ(log.read_all(16, 10)->size(), 0u);

  std::size_t seen = 0;
  auto visited = log.scan_all(1, 100, [&](const event_envelope&) { return ++seen < 3; });
  ASSERT_TRUE(visited);
  EXPECT_EQ(*visited, 3u);
}

TYPED_TEST_P(EventLogContract, SixteenRacersOneWinnerPerRound) {
  constexpr int kThreads = 16;
  constexpr int kRounds = 1000;
  auto& log = this->log();
  std::vector<std::atomic<int>> winners(kRounds);
  std::vector<std::atomic<int>> wrong_conflicts(kRounds);
  std::barrier start(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int round = 0; round < kRounds; ++round) {
        start.arrive_and_wait();  // everyone has finished the previous round
        auto r = log.append("channel:race", expected_version::exact(round), {make_event()});
        if (r) {
          ++winners[round];
        } else if (r.err().code != error_code::conflict ||
                   r.err().current_version != std::uint64_t(round + 1)) {
          ++wrong_conflicts[round];
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  for (int round = 0; round < kRounds; ++round) {
    ASSERT_EQ(winners[round].load(), 1) << "round " << round;
    ASSERT_EQ(wrong_conflicts[round].load(), 0) << "round " << round;
  }
  EXPECT_EQ(*log.stream_version("channel:race"), std::uint64_t(kRounds));
  EXPECT_EQ(log.head_position(), std::uint64_t(kRounds));
}

TYPED_TEST_P(EventLogContract, PositionsDenseAndOrderedUnderConcurrency) {
  constexpr int kThreads = 8;
  constexpr int kAppends = 150;
  auto& log = this->log();
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      log_position last = 0;
      for (int i = 0; i < kAppends; ++i) {
        // Each thread owns one stream and shares one with every other.
        const std::string stream = i % 3 == 0 ? "chat:shared" : "user:" + std::to_string(t);
        auto r = log.append(stream, expected_version::any(), make_events(1 + i % 2));
        if (!r || r->first_position <= last) ++failures;
        if (r) last = r->last_position;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);

  auto all = log.read_all(1, 1'000'000);
  ASSERT_TRUE(all);
  EXPECT_EQ(all->size(), log.head_position());
  std::map<std::string, event_number> versions;
  for (std::size_t i = 0; i < all->size(); ++i) {
    const auto& e = (*all)[i];
    ASSERT_EQ(e.position, i + 1);
    ASSERT_EQ(e.version, ++versions[e.stream_id]) << e.stream_id;
  }
  for (const auto& [stream, version] : versions) EXPECT_EQ(*log.stream_version(stream), version);
}

TYPED_TEST_P(EventLogContract, RetriedAppendReturnsTheOriginalResult) {
  auto& log = this->log();
  this->append_ok("user:other", expected_version::any(), {make_event()});
  const auto events = make_events(3);
  const auto original = this->append_ok("user:a", expected_version::no_stream(), events);
  this->append_ok("user:a", expected_version::exact(3), {make_event()});

  // The expected version is stale by now: a retry is still recognised.
  auto retry = log.append("user:a", expected_version::no_stream(), events);
  ASSERT_TRUE(retry) << retry.err().message;
  EXPECT_TRUE(retry->duplicate);
  append_result same = *retry;
  same.duplicate = false;
  EXPECT_EQ(same, original);
  EXPECT_EQ(log.head_position(), 5u);
  EXPECT_EQ(log.read_stream("user:a", 1, 100)->size(), 4u);

  // An append starting with a later event of the original is answered from
  // that event to the end of the original.
  auto tail = log.append("user:a", expected_version::any(), {events[1], events[2]});
  ASSERT_TRUE(tail);
  EXPECT_EQ(*tail, (append_result{2, 3, 3, 4, true}));
  EXPECT_EQ(log.head_position(), 5u);
}

TYPED_TEST_P(EventLogContract, ConcurrentRetriesWriteOnce) {
  constexpr int kCopies = 32;
  auto& log = this->log();
  const auto events = make_events(2);
  std::mutex mutex;
  std::condition_variable done;
  std::vector<result<append_result>> results;
  // Submitted back to back, so most land in one group of appends.
  for (int i = 0; i < kCopies; ++i) {
    log.append_async("user:a", expected_version::no_stream(), events, [&](result<append_result> r) {
      std::lock_guard lock(mutex);
      results.push_back(std::move(r));
      done.notify_all();
    });
  }
  ASSERT_TRUE(wait_until(mutex, done, [&] { return results.size() == kCopies; }));
  int originals = 0;
  for (const auto& r : results) {
    ASSERT_TRUE(r) << r.err().message;
    if (!r->duplicate) ++originals;
    EXPECT_EQ(r->first_position, 1u);
    EXPECT_EQ(r->last_position, 2u);
    EXPECT_EQ(r->last_version, 2u);
  }
  EXPECT_EQ(originals, 1);
  EXPECT_EQ(log.head_position(), 2u);
}

TYPED_TEST_P(EventLogContract, HeadPositionAndStreamVersion) {
  auto& log = this->log();
  EXPECT_EQ(log.head_position(), 0u);
  EXPECT_EQ(*log.stream_version("user:a"), 0u);
  this->append_ok("user:a", expected_version::any(), make_events(2));
  this->append_ok("user:b", expected_version::any(), {make_event()});
  EXPECT_EQ(log.head_position(), 3u);
  EXPECT_EQ(*log.stream_version("user:a"), 2u);
  EXPECT_EQ(*log.stream_version("user:b"), 1u);
}

TYPED_TEST_P(EventLogContract, WaitForWakesOnAnAppendFromAnotherThread) {
  auto& log = this->log();
  EXPECT_FALSE(log.wait_for(1, std::chrono::milliseconds(1)));
  std::atomic<bool> reached{false};
  std::thread waiter([&] { reached = log.wait_for(2, std::chrono::minutes(1)); });
  this->append_ok("user:a", expected_version::any(), {make_event()});
  this->append_ok("user:a", expected_version::any(), {make_event()});
  waiter.join();
  EXPECT_TRUE(reached.load());
  EXPECT_TRUE(log.wait_for(2, std::chrono::milliseconds(0)));
}

TYPED_TEST_P(EventLogContract, ListenersHearNewHeadsUntilRemoved) {
  auto& log = this->log();
  std::mutex mutex;
  std::condition_variable changed;
  log_position first_seen = 0, second_seen = 0;
  const auto first = log.add_listener([&](log_position head) {
    std::lock_guard lock(mutex);
    first_seen = head;
    changed.notify_all();
  });
  log.add_listener([&](log_position head) {
    std::lock_guard lock(mutex);
    second_seen = head;
    changed.notify_all();
  });
  this->append_ok("user:a", expected_version::any(), make_events(2));
  EXPECT_TRUE(wait_until(mutex, changed, [&] { return first_seen == 2 && second_seen == 2; }));

  log.remove_listener(first);
  this->append_ok("user:a", expected_version::any(), {make_event()});
  // Listeners are called in registration order: once the second heard 3,
  // the first would have too.
  EXPECT_TRUE(wait_until(mutex, changed, [&] { return second_seen == 3; }));
  std::lock_guard lock(mutex);
  EXPECT_EQ(first_seen, 2u);
}

TYPED_TEST_P(EventLogContract, SnapshotsSaveLoadReplaceAndDelete) {
  auto& log = this->log();
  EXPECT_FALSE(log.load_snapshot("user:a")->has_value());
  ASSERT_TRUE(log.save_snapshot("user:a", snapshot{5, 1, "state-5"}));
  ASSERT_TRUE(log.save_snapshot("user:b", snapshot{2, 1, "b"}));
  EXPECT_EQ(**log.load_snapshot("user:a"), (snapshot{5, 1, "state-5"}));
  ASSERT_TRUE(log.save_snapshot("user:a", snapshot{9, 2, std::string("with\0nul", 8)}));
  EXPECT_EQ(**log.load_snapshot("user:a"), (snapshot{9, 2, std::string("with\0nul", 8)}));
  EXPECT_FALSE(log.save_snapshot("", snapshot{1, 1, ""}));

  this->append_ok("user:a", expected_version::any(), {make_event()});
  ASSERT_TRUE(log.delete_all_snapshots());
  EXPECT_FALSE(log.load_snapshot("user:a")->has_value());
  EXPECT_FALSE(log.load_snapshot("user:b")->has_value());
  EXPECT_EQ(log.head_position(), 1u);
  EXPECT_EQ(log.read_stream("user:a", 1, 10)->size(), 1u);
}

REGISTER_TYPED_TEST_SUITE_P(EventLogContract, AppendedEventReadsBackWithEveryField,
                            StampsTheTimeWhenTheEventCarriesNone,
                            ExpectedVersionAnyNoStreamAndExact,
                            MultiEventAppendIsAtomicAndContiguous,
                            RejectsInvalidInputWithoutWriting, ScanStreamFromAVersionWithMaxCount,
                            ScanStreamAcrossInterleavedAppends,
                            ScanAllVisitsInPositionOrder, SixteenRacersOneWinnerPerRound,
                            PositionsDenseAndOrderedUnderConcurrency,
                            RetriedAppendReturnsTheOriginalResult, ConcurrentRetriesWriteOnce,
                            HeadPositionAndStreamVersion, WaitForWakesOnAnAppendFromAnotherThread,
                            ListenersHearNewHeadsUntilRemoved, SnapshotsSaveLoadReplaceAndDelete);

}  // namespace streamhub::storage::testing
