#include "storage/rocksdb_event_log.hpp"

#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <thread>

#include "tests/reliability/crash_record.hpp"
#include "tests/storage/temp_dir.hpp"

// Kills a writing process at random moments and checks, after each kill,
// that the reopened log holds every append the process was told was
// durable: byte-identical, at its acknowledged position and version, with
// positions and every stream's versions dense.

namespace streamhub::storage {
namespace {

constexpr int kCycles = 24;

std::size_t side_file_size(const std::filesystem::path& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  return ec ? 0 : static_cast<std::size_t>(size);
}

/// Cuts a line the kill may have torn (a write(2) to a regular file is not
/// torn in practice, but the check must not depend on it).
void drop_partial_line(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto last = text.rfind('\n');
  const std::size_t keep = last == std::string::npos ? 0 : last + 1;
  if (keep != text.size()) std::filesystem::resize_file(path, keep);
}

std::vector<testing::crash_record> read_records(const std::filesystem::path& path) {
  std::vector<testing::crash_record> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    auto r = testing::crash_record::parse(line);
    if (!r) ADD_FAILURE() << "malformed side file line: " << line;
    else out.push_back(*r);
  }
  return out;
}

pid_t start_writer(const std::filesystem::path& data, const std::filesystem::path& side, int seed) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    const std::string seed_text = std::to_string(seed);
    ::execl(CRASH_WRITER_PATH, CRASH_WRITER_PATH, data.c_str(), side.c_str(), seed_text.c_str(),
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  return pid;
}

/// Checks the log against every acknowledged record; returns how many
/// events the log holds.
std::size_t verify(const std::filesystem::path& data,
                   const std::vector<testing::crash_record>& acked) {
  auto opened = rocksdb_event_log::open(data);
  EXPECT_TRUE(opened) << opened.err().message;
  if (!opened) return 0;
  auto& log = **opened;
  struct seen {
    std::string stream;
    event_number version;
    std::string id;
    std::uint64_t hash;
    std::size_t size;
  };
  std::vector<seen> events;
  std::map<std::string, event_number> versions;
  log_position expected = 1;
  auto scanned = log.scan_all(1, SIZE_MAX, [&](const event_envelope& e) {
    EXPECT_EQ(e.position, expected++) << "positions not dense";
    EXPECT_EQ(e.version, ++versions[e.stream_id]) << "versions of " << e.stream_id << " not dense";
    events.push_back(
        {e.stream_id, e.version, e.id.to_string(), testing::fnv1a64(e.payload), e.payload.size()});
    return true;
  });
  EXPECT_TRUE(scanned) << scanned.err().message;
  EXPECT_EQ(events.size(), log.head_position());
  std::size_t lost = 0;
  for (const auto& r : acked) {
    if (r.position == 0 || r.position > events.size()) {
      ++lost;
      continue;
    }
    const seen& e = events[r.position - 1];
    if (e.stream != r.stream || e.version != r.version || e.id != r.event_id ||
        e.hash != r.payload_hash || e.size != r.payload_size)
      ++lost;
  }
  EXPECT_EQ(lost, 0u) << "acknowledged events lost or changed";

  // The indexes, completed at open from what the kill left: every stream
  // reads back whole, and the latest acknowledged appends (the ones a kill
  // most likely caught between their write and their index entries) are
  // recognised when retried.
  for (const auto& [stream, version] : versions) {
    auto read = log.read_stream(stream, 1, SIZE_MAX);
    EXPECT_TRUE(read) << stream << ": " << read.err().message;
    if (read) {
      EXPECT_EQ(read->size(), version) << "stream index of " << stream;
    }
  }
  const std::size_t retried = std::min<std::size_t>(acked.size(), 64);
  for (std::size_t k = acked.size() - retried; k < acked.size(); ++k) {
    const auto& r = acked[k];
    proposed_event again;
    again.id = *event_id::parse(r.event_id);
    again.type = "crash.retried";
    again.actor = "system";
    auto retry = log.append(r.stream, expected_version::any(), {again});
    EXPECT_TRUE(retry && retry->duplicate && retry->first_position == r.position)
        << "retry of the append at " << r.position << " not recognised";
  }
  return events.size();
}

TEST(RocksdbEventLogCrashTest, KilledWriterLosesNoAcknowledgedAppend) {
  streamhub::testing::temp_dir temp;
  const auto data = temp.path() / "events";
  const auto side = temp.path() / "acked.txt";
  std::mt19937 rng(std::random_device{}());
  std::size_t acked_total = 0, in_log = 0;

  for (int cycle = 0; cycle < kCycles; ++cycle) {
    const std::size_t start_size = side_file_size(side);
    const pid_t child = start_writer(data, side, cycle);
    ASSERT_GT(child, 0);
    // Wait until the child has made some acknowledged progress, then kill
    // it at a random moment after that.
    const std::size_t progress = 200 + rng() % 60'000;  // bytes of side file
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    int status = 0;
    while (side_file_size(side) < start_size + progress) {
      ASSERT_EQ(::waitpid(child, &status, WNOHANG), 0) << "writer exited early, status " << status;
      ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "writer made no progress";
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    std::this_thread::sleep_for(std::chrono::microseconds(rng() % 50'000));
    ASSERT_EQ(::kill(child, SIGKILL), 0);
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "status " << status;

    drop_partial_line(side);
    const auto acked = read_records(side);
    acked_total = acked.size();
    in_log = verify(data, acked);
    if (::testing::Test::HasFailure()) {
      ADD_FAILURE() << "after kill " << cycle + 1;
      break;
    }
  }
  std::cout << "crash test: " << kCycles << " kills, " << acked_total
            << " acknowledged events, " << in_log << " events in the log, "
            << "acknowledged events lost = " << (::testing::Test::HasFailure() ? "SOME" : "0")
            << std::endl;
}

}  // namespace
}  // namespace streamhub::storage
