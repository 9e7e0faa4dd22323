// The child of event_log_crash_test: appends to the RocksDB event log from 8
// threads until it is killed, and after each acknowledged append (never
// before) records it in a side file, one line per event, with one write(2)
// per append:
//
//   <stream> <version> <position> <event id> <payload fnv1a64 hex> <payload bytes>
//
//   crash_writer DATA_DIR SIDE_FILE SEED

#include <fcntl.h>
#include <unistd.h>

#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "storage/rocksdb_event_log.hpp"
#include "tests/reliability/crash_record.hpp"

namespace {

using namespace streamhub;
using namespace streamhub::storage;

constexpr int kWriters = 8;
constexpr int kOwnStreams = 3;

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "crash_writer: %s\n", what.c_str());
  std::_Exit(2);
}

void write_all(int fd, const std::string& text) {
  if (::write(fd, text.data(), text.size()) != static_cast<ssize_t>(text.size()))
    die("side file write failed");
}

void writer(event_log& log, int fd, int index, std::uint64_t seed) {
  std::mt19937_64 rng(seed * 7919 + index);
  std::vector<std::string> own;
  std::vector<event_number> versions;
  for (int k = 0; k < kOwnStreams; ++k) {
    own.push_back("crash:w" + std::to_string(index) + "-" + std::to_string(k));
    auto v = log.stream_version(own.back());
    if (!v) die(v.err().message);
    versions.push_back(*v);
  }
  for (std::uint64_t n = 0;; ++n) {
    const bool shared = rng() % 4 == 0;
    const int k = static_cast<int>(rng() % kOwnStreams);
    const std::string& stream = shared ? testing::kSharedStream : own[k];
    std::vector<proposed_event> events(1 + rng() % 3);
    for (auto& e : events) {
      e.id = event_id::generate();
      e.type = "crash.appended";
      e.actor = "system";
      const std::size_t pad = rng() % 4 == 0 ? 2000 + rng() % 6000 : rng() % 300;
      e.payload = "{\"w\":" + std::to_string(index) + ",\"n\":" + std::to_string(n) + ",\"pad\":\"" +
                  std::string(pad, static_cast<char>('a' + rng() % 26)) + "\"}";
    }
    const auto expected = shared ? expected_version::any() : expected_version::exact(versions[k]);
    auto r = log.append(stream, expected, events);
    if (!r) die("append failed: " + r.err().message);
    if (!shared) versions[k] = r->last_version;
    std::string lines;
    for (std::size_t i = 0; i < events.size(); ++i)
      lines += testing::crash_record{stream, r->first_version + i, r->first_position + i,
                                     events[i].id.to_string(), testing::fnv1a64(events[i].payload),
                                     events[i].payload.size()}
                   .to_line();
    write_all(fd, lines);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) die("usage: crash_writer DATA_DIR SIDE_FILE SEED");
  auto log = rocksdb_event_log::open(argv[1]);
  if (!log) die(log.err().message);
  const int fd = ::open(argv[2], O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) die("cannot open the side file");
  const std::uint64_t seed = std::strtoull(argv[3], nullptr, 10);
  std::vector<std::thread> threads;
  for (int i = 0; i < kWriters; ++i) threads.emplace_back(writer, std::ref(**log), fd, i, seed);
  for (auto& t : threads) t.join();  // never: the parent kills us
}
