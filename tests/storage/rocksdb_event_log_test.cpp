#include "storage/rocksdb_event_log.hpp"

#include <gtest/gtest.h>

#include <future>

#include <rocksdb/db.h>

#include "protocol/event_codec.hpp"
#include "storage/rocksdb_layout.hpp"
#include "tests/storage/event_log_contract.hpp"

namespace streamhub::storage::testing {
namespace {

struct rocksdb_traits {
  static std::unique_ptr<event_log> open(const std::filesystem::path& dir) {
    auto log = rocksdb_event_log::open(dir / "events");
    if (!log) throw std::runtime_error(log.err().message);
    return std::move(*log);
  }
};

INSTANTIATE_TYPED_TEST_SUITE_P(Rocksdb, EventLogContract, rocksdb_traits);

/// Calls `change(db, family)` on the store at `dir` opened with RocksDB
/// directly, as a damaged disk or a newer build would leave the store.
template <class Change>
void change_raw(const std::filesystem::path& dir, const std::string& family, Change change) {
  std::vector<std::string> names;
  ASSERT_TRUE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions{}, dir.string(), &names).ok());
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (const auto& n : names) families.emplace_back(n, rocksdb::ColumnFamilyOptions{});
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  ASSERT_TRUE(rocksdb::DB::Open(rocksdb::DBOptions{}, dir.string(), families, &handles, &db).ok());
  const auto it = std::find(names.begin(), names.end(), family);
  ASSERT_NE(it, names.end());
  EXPECT_TRUE(change(*db, handles[it - names.begin()]).ok());
  for (auto* h : handles) db->DestroyColumnFamilyHandle(h);
  delete db;
}

void write_raw(const std::filesystem::path& dir, const std::string& family, const std::string& key,
               const std::string& value) {
  change_raw(dir, family, [&](rocksdb::DB& db, rocksdb::ColumnFamilyHandle* cf) {
    return db.Put(rocksdb::WriteOptions{}, cf, key, value);
  });
}

void delete_raw(const std::filesystem::path& dir, const std::string& family, const std::string& key) {
  change_raw(dir, family, [&](rocksdb::DB& db, rocksdb::ColumnFamilyHandle* cf) {
    return db.Delete(rocksdb::WriteOptions{}, cf, key);
  });
}

class RocksdbEventLogTest : public ::testing::Test {
 protected:
  std::unique_ptr<rocksdb_event_log> open(rocksdb_event_log_options options = {}) {
    auto log = rocksdb_event_log::open(dir(), options);
    EXPECT_TRUE(log) << log.err().message;
    return log ? std::move(*log) : nullptr;
  }
  std::filesystem::path dir() const { return temp_.path() / "events"; }

  streamhub::testing::temp_dir temp_;
};

TEST_F(RocksdbEventLogTest, ReopenKeepsEventsVersionsSnapshotsAndIds) {
  const auto events = make_events(2);
  append_result first;
  {
    auto log = open();
    first = *log->append("user:a", expected_version::no_stream(), events);
    ASSERT_TRUE(log->append("user:b", expected_version::any(), {make_event()}));
    ASSERT_TRUE(log->save_snapshot("user:a", snapshot{2, 1, "s"}));
  }
  auto log = open();
  EXPECT_EQ(log->format_version(), layout::kStoreFormatVersion);
  EXPECT_EQ(log->head_position(), 3u);
  EXPECT_EQ(*log->stream_version("user:a"), 2u);
  EXPECT_EQ(**log->load_snapshot("user:a"), (snapshot{2, 1, "s"}));
  auto retry = log->append("user:a", expected_version::no_stream(), events);
  ASSERT_TRUE(retry);
  EXPECT_TRUE(retry->duplicate);
  EXPECT_EQ(retry->first_position, first.first_position);

  auto next = log->append("user:a", expected_version::exact(2), {make_event()});
  ASSERT_TRUE(next) << next.err().message;
  EXPECT_EQ(next->first_position, 4u);
  EXPECT_EQ(next->first_version, 3u);
  EXPECT_EQ(log->read_all(1, 100)->size(), 4u);
}

/// Appends without waiting; the future holds the answer.
std::future<result<append_result>> append_later(event_log& log, const std::string& stream,
                                                expected_version expected,
                                                std::vector<proposed_event> events) {
  auto answer = std::make_shared<std::promise<result<append_result>>>();
  auto future = answer->get_future();
  log.append_async(stream, expected, std::move(events),
                   [answer](result<append_result> r) { answer->set_value(std::move(r)); });
  return future;
}

TEST_F(RocksdbEventLogTest, GroupsAreDecidedBeforeTheIndexEntriesOfTheOnesBefore) {
  // A queue of 4,000 appends is written as 4 groups of at most 1,024 before
  // any index entries: each group's versions and retries must come from the
  // writer's memory of the ones before. One cached stream version makes
  // every stream switch a cache miss.
  auto log = open(rocksdb_event_log_options{.stream_version_cache_entries = 1});
  constexpr int kAppends = 2000;
  std::vector<std::vector<proposed_event>> sent;
  std::vector<std::future<result<append_result>>> answers, retries;
  log->pause_writes_for_testing(true);
  for (int i = 0; i < kAppends; ++i) {
    sent.push_back({make_event()});
    answers.push_back(append_later(*log, "user:" + std::to_string(i % 3),
                                   expected_version::exact(i / 3), sent.back()));
    if (i >= 300)
      retries.push_back(append_later(*log, "user:" + std::to_string((i - 300) % 3),
                                     expected_version::any(), sent[i - 300]));
  }
  log->pause_writes_for_testing(false);
  for (int i = 0; i < kAppends; ++i) {
    auto r = answers[i].get();
    ASSERT_TRUE(r) << "append " << i << ": " << r.err().message;
    EXPECT_EQ(r->first_version, static_cast<event_number>(i / 3 + 1));
    EXPECT_FALSE(r->duplicate);
  }
  for (std::size_t k = 0; k < retries.size(); ++k) {
    auto r = retries[k].get();
    ASSERT_TRUE(r) << r.err().message;
    EXPECT_TRUE(r->duplicate) << "retry of append " << k;
    EXPECT_EQ(r->first_version, static_cast<event_number>(k / 3 + 1));
  }
  EXPECT_EQ(log->head_position(), static_cast<log_position>(kAppends));
}

TEST_F(RocksdbEventLogTest, IndexEntriesACrashLostAreRebuiltAtOpen) {
  const auto first = make_events(2);
  {
    auto log = open();
    ASSERT_TRUE(log->append("user:a", expected_version::no_stream(), first));
    ASSERT_TRUE(log->append("user:b", expected_version::any(), {make_event()}));
    ASSERT_TRUE(log->append("user:a", expected_version::exact(2), {make_event()}));
  }
  // What a crash after the group's write and before its index batch leaves
  // (all four events as one group): events and backlog, no index entries.
  std::vector<event_envelope> events;
  {
    auto log = open();
    events = *log->read_all(1, 10);
  }
  for (const auto& e : events) {
    delete_raw(dir(), layout::kStreamsFamily, layout::stream_key(e.stream_id, e.version));
    delete_raw(dir(), layout::kEventIdsFamily,
               std::string(reinterpret_cast<const char*>(e.id.bytes().data()), event_id::size));
  }
  std::string sizes;
  for (std::uint64_t size : {2, 1, 1}) layout::put_append_size(sizes, size);
  write_raw(dir(), layout::kMetaFamily, layout::id_backlog_key(1), sizes);
  write_raw(dir(), layout::kMetaFamily, layout::kIndexedThroughKey, std::string(8, '\0'));

  auto log = open();
  auto a = log->read_stream("user:a", 1, 10);
  ASSERT_TRUE(a) << a.err().message;
  ASSERT_EQ(a->size(), 3u);
  EXPECT_EQ(a->back().position, 4u);
  auto retry = log->append("user:a", expected_version::no_stream(), first);
  ASSERT_TRUE(retry) << retry.err().message;
  EXPECT_TRUE(retry->duplicate);
  EXPECT_EQ(retry->last_position, 2u);  // its append's size came from the backlog
  auto next = log->append("user:a", expected_version::exact(3), {make_event()});
  ASSERT_TRUE(next) << next.err().message;
  EXPECT_EQ(next->first_position, 5u);
}

TEST_F(RocksdbEventLogTest, FormatOneStoreOpensAsFullyIndexed) {
  const auto first = make_events(2);
  {
    auto log = open();
    ASSERT_TRUE(log->append("user:a", expected_version::no_stream(), first));
  }
  write_raw(dir(), layout::kMetaFamily, layout::kFormatVersionKey, "1");
  delete_raw(dir(), layout::kMetaFamily, layout::kIndexedThroughKey);
  {
    auto log = open();
    EXPECT_EQ(log->format_version(), layout::kStoreFormatVersion);
    auto retry = log->append("user:a", expected_version::no_stream(), first);
    ASSERT_TRUE(retry) << retry.err().message;
    EXPECT_TRUE(retry->duplicate);
    ASSERT_TRUE(log->append("user:a", expected_version::exact(2), {make_event()}));
  }
  auto log = open();
  EXPECT_EQ(log->read_stream("user:a", 1, 10)->size(), 3u);
}

TEST_F(RocksdbEventLogTest, AppendsInOneGroupCommitSeeEachOther) {
  auto log = open();
  // The writer thread runs callbacks; holding it in one lets the next
  // appends gather into a single group commit.
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  log->append_async("user:gate", expected_version::any(), {make_event()},
                    [released](result<append_result>) { released.wait(); });

  const auto retried = make_events(2);
  std::vector<result<append_result>> results;
  std::mutex mutex;
  std::condition_variable done;
  const auto collect = [&](std::size_t slot) {
    return [&, slot](result<append_result> r) {
      std::lock_guard lock(mutex);
      results[slot] = std::move(r);
      done.notify_all();
    };
  };
  results.assign(6, error{error_code::internal, "no answer"});
  log->append_async("user:a", expected_version::no_stream(), retried, collect(0));
  log->append_async("user:a", expected_version::exact(2), {make_event()}, collect(1));
  log->append_async("user:a", expected_version::no_stream(), {make_event()}, collect(2));
  log->append_async("user:a", expected_version::no_stream(), retried, collect(3));
  log->append_async("user:b", expected_version::no_stream(), {make_event()}, collect(4));
  log->append_async("user:a", expected_version::any(), {retried[1]}, collect(5));
  release.set_value();
  ASSERT_TRUE(wait_until(mutex, done, [&] {
    return std::all_of(results.begin(), results.end(), [](const auto& r) {
      return r || r.err().code != error_code::internal;
    });
  }));
  ASSERT_TRUE(results[0]);
  EXPECT_EQ(*results[0], (append_result{1, 2, 2, 3, false}));
  ASSERT_TRUE(results[1]) << results[1].err().message;  // checked against the first
  EXPECT_EQ(*results[1], (append_result{3, 3, 4, 4, false}));
  ASSERT_FALSE(results[2]);
  EXPECT_EQ(results[2].err().current_version, 3u);
  ASSERT_TRUE(results[3]);
  EXPECT_EQ(*results[3], (append_result{1, 2, 2, 3, true}));  // retry within the group
  ASSERT_TRUE(results[4]);
  EXPECT_EQ(results[4]->first_position, 5u);
  ASSERT_TRUE(results[5]);
  EXPECT_EQ(*results[5], (append_result{2, 2, 3, 3, true}));  // a later event of the first
  EXPECT_EQ(log->head_position(), 5u);
}

TEST_F(RocksdbEventLogTest, MissingStoreIsNotFoundUnlessCreated) {
  auto log = rocksdb_event_log::open(dir(), rocksdb_event_log_options{.create_if_missing = false});
  ASSERT_FALSE(log);
  EXPECT_EQ(log.err().code, error_code::not_found);
}

TEST_F(RocksdbEventLogTest, SecondOpenInOneProcessIsUnavailable) {
  auto log = open();
  auto second = rocksdb_event_log::open(dir());
  ASSERT_FALSE(second);
  EXPECT_EQ(second.err().code, error_code::unavailable) << second.err().message;
}

TEST_F(RocksdbEventLogTest, CorruptRecordFailsNamingItsPosition) {
  {
    auto log = open();
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(log->append("user:a", expected_version::any(), {make_event()}));
  }
  write_raw(dir(), layout::kEventsFamily, layout::event_key(2), "\x01\x00garbage-record");
  auto log = open();
  auto all = log->read_all(1, 10);
  ASSERT_FALSE(all);
  EXPECT_EQ(all.err().code, error_code::corrupt);
  EXPECT_NE(all.err().message.find("log position 2"), std::string::npos) << all.err().message;

  auto stream = log->read_stream("user:a", 1, 10);
  ASSERT_FALSE(stream);
  EXPECT_EQ(stream.err().code, error_code::corrupt);
  EXPECT_NE(stream.err().message.find("log position 2"), std::string::npos);
  EXPECT_EQ(log->read_all(3, 10)->size(), 1u);  // the rest stays readable
}

TEST_F(RocksdbEventLogTest, IndexedEventMissingFromTheLogIsCorrupt) {
  // user:a at positions 1, 2, 3 (one run), then 5 after user:b's 4.
  {
    auto log = open();
    ASSERT_TRUE(log->append("user:a", expected_version::any(), make_events(3)));
    ASSERT_TRUE(log->append("user:b", expected_version::any(), {make_event()}));
    ASSERT_TRUE(log->append("user:a", expected_version::any(), {make_event()}));
    ASSERT_TRUE(log->append("user:b", expected_version::any(), {make_event()}));
  }
  // 2 is inside a run (the reader steps onto 3), 5 follows a gap (the
  // reader seeks and lands on 6).
  delete_raw(dir(), layout::kEventsFamily, layout::event_key(2));
  delete_raw(dir(), layout::kEventsFamily, layout::event_key(5));
  auto log = open();
  const std::vector<std::pair<event_number, std::string>> holes{{1, "log position 2"}, {3, "log position 5"}};
  for (const auto& [from, position] : holes) {
    auto stream = log->read_stream("user:a", from, 10);
    ASSERT_FALSE(stream) << "from " << from;
    EXPECT_EQ(stream.err().code, error_code::corrupt);
    EXPECT_NE(stream.err().message.find(position), std::string::npos) << stream.err().message;
  }
  EXPECT_EQ(log->read_stream("user:a", 3, 1)->front().position, 3u);  // read up to the hole
}

TEST_F(RocksdbEventLogTest, StreamsReadBackAcrossFlushedFilesAndTheMemtable) {
  // A tiny memtable flushes every few dozen events, so each stream's runs
  // are spread over many table files and the memtable.
  auto log = open(rocksdb_event_log_options{.write_buffer_bytes = 256 << 10});
  const std::string payload = "{\"text\":\"" + std::string(1000, 'x') + "\"}";
  for (int round = 0; round < 300; ++round)
    ASSERT_TRUE(log->append("user:" + std::to_string(round % 7), expected_version::any(),
                            {make_event("test.happened", payload), make_event("test.happened", payload)}));
  for (int s = 0; s < 7; ++s) {
    auto events = log->read_stream("user:" + std::to_string(s), 1, 1000);
    ASSERT_TRUE(events) << events.err().message;
    ASSERT_EQ(events->size(), s < 6 ? 86u : 84u);
    for (std::size_t i = 0; i < events->size(); ++i) EXPECT_EQ((*events)[i].version, i + 1);
    EXPECT_EQ(events->back().position, events->at(events->size() - 2).position + 1);
  }
}

TEST_F(RocksdbEventLogTest, RecordUnderTheWrongPositionIsCorrupt) {
  event_envelope first;
  {
    auto log = open();
    for (int i = 0; i < 2; ++i) ASSERT_TRUE(log->append("user:a", expected_version::any(), {make_event()}));
    first = log->read_all(1, 1)->front();
  }
  write_raw(dir(), layout::kEventsFamily, layout::event_key(2), encode_event(first));
  auto log = open();
  auto all = log->read_all(1, 10);
  ASSERT_FALSE(all);
  EXPECT_EQ(all.err().code, error_code::corrupt);
  EXPECT_NE(all.err().message.find("log position 2"), std::string::npos) << all.err().message;
}

TEST_F(RocksdbEventLogTest, NewerFormatIsRefusedWithAClearMessage) {
  open().reset();
  write_raw(dir(), layout::kMetaFamily, layout::kFormatVersionKey, "99");
  auto log = rocksdb_event_log::open(dir());
  ASSERT_FALSE(log);
  EXPECT_EQ(log.err().code, error_code::unsupported_format);
  EXPECT_NE(log.err().message.find("99"), std::string::npos) << log.err().message;
}

TEST_F(RocksdbEventLogTest, FailedWriteIsStickyUntilReopened) {
  {
    auto log = open();
    ASSERT_TRUE(log->append("user:a", expected_version::any(), {make_event()}));
    log->fail_next_write_for_testing();
    auto failed = log->append("user:a", expected_version::any(), {make_event()});
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.err().code, error_code::io_error);
    auto later = log->append("user:b", expected_version::any(), {make_event()});
    ASSERT_FALSE(later);
    EXPECT_EQ(later.err().code, error_code::io_error);
    EXPECT_EQ(log->head_position(), 1u);
  }
  auto log = open();
  auto r = log->append("user:b", expected_version::any(), {make_event()});
  ASSERT_TRUE(r) << r.err().message;
  EXPECT_EQ(r->first_position, 2u);  // dense: the failed write left no hole
}

TEST_F(RocksdbEventLogTest, AFailedIndexWriteLeavesAnUnknownOutcomeThatARetryAfterReopenSettles) {
  const auto second = make_events(1);
  {
    auto log = open();
    ASSERT_TRUE(log->append("user:a", expected_version::any(), {make_event()}));
    log->fail_next_index_write_for_testing();
    auto unknown = log->append("user:a", expected_version::exact(1), second);
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.err().code, error_code::io_error);
    auto later = log->append("user:b", expected_version::any(), {make_event()});
    ASSERT_FALSE(later);
    EXPECT_EQ(later.err().code, error_code::io_error);
    EXPECT_EQ(log->head_position(), 1u);  // nothing unindexed is readable
    EXPECT_EQ(log->read_stream("user:a", 1, 10)->size(), 1u);
  }
  // The events were written and synced; opening indexes them from the backlog.
  auto log = open();
  EXPECT_EQ(log->head_position(), 2u);
  EXPECT_EQ(log->read_stream("user:a", 1, 10)->size(), 2u);
  auto retry = log->append("user:a", expected_version::exact(1), second);
  ASSERT_TRUE(retry) << retry.err().message;
  EXPECT_TRUE(retry->duplicate);
  EXPECT_EQ(retry->first_position, 2u);
  EXPECT_EQ(retry->first_version, 2u);
}

TEST_F(RocksdbEventLogTest, AsyncDurabilityAppendsAndReads) {
  const auto events = make_events(3);
  {
    auto log = open(rocksdb_event_log_options{.durability = durability::async});
    ASSERT_TRUE(log->append("user:a", expected_version::any(), events));
    EXPECT_EQ(log->read_all(1, 10)->size(), 3u);
    EXPECT_EQ(log->read_stream("user:a", 1, 10)->size(), 3u);
  }
  auto log = open(rocksdb_event_log_options{.durability = durability::async});
  auto retry = log->append("user:a", expected_version::any(), events);
  ASSERT_TRUE(retry) << retry.err().message;
  EXPECT_TRUE(retry->duplicate);
}

TEST_F(RocksdbEventLogTest, SecondaryFollowsThePrimary) {
  auto primary = open();
  ASSERT_TRUE(primary->append("user:a", expected_version::any(), make_events(2)));
  streamhub::testing::temp_dir secondary_dir;
  auto secondary = rocksdb_event_log::open_secondary(dir(), secondary_dir.path());
  ASSERT_TRUE(secondary) << secondary.err().message;
  auto& follower = **secondary;
  EXPECT_TRUE(follower.is_secondary());
  EXPECT_EQ(follower.head_position(), 2u);
  EXPECT_EQ(follower.read_all(1, 10)->size(), 2u);

  std::atomic<bool> reached{false};
  std::thread waiter([&] { reached = follower.wait_for(3, std::chrono::minutes(1)); });
  ASSERT_TRUE(primary->append("user:b", expected_version::any(), {make_event()}));
  waiter.join();
  EXPECT_TRUE(reached.load());
  EXPECT_EQ(follower.read_stream("user:b", 1, 10)->size(), 1u);

  auto refused = follower.append("user:c", expected_version::any(), {make_event()});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.err().code, error_code::unavailable);
  EXPECT_EQ(follower.save_snapshot("user:a", snapshot{}).err().code, error_code::unavailable);
  EXPECT_FALSE(follower.wait_for(10, std::chrono::milliseconds(1)));
}

TEST_F(RocksdbEventLogTest, SecondaryOfAMissingStoreIsNotFound) {
  streamhub::testing::temp_dir secondary_dir;
  auto log = rocksdb_event_log::open_secondary(dir(), secondary_dir.path());
  ASSERT_FALSE(log);
  EXPECT_EQ(log.err().code, error_code::not_found);
}

}  // namespace
}  // namespace streamhub::storage::testing
