// bench_actors_chat: chat messages per second through one chat room, each
// acknowledged only once durable: the real RocksDB log (WAL synced) under the
// real multi-threaded runtime.
//
//   bench_actors_chat --dir /var/tmp/chat-bench --messages 200000 --senders 64
//
// `--senders` commands are kept in flight: each sender sends its next
// message when the last one is answered (closed loop), so the room's
// pipeline of appends stays full. Latency is from execute() to the answer.
// Senders post as viewers drawn round-robin from a pool of `--users` logins,
// large enough that the per-user rate limit (20 per 30 s) never binds; the
// run counts rejections and fails if there were any.

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <mutex>

#include <CLI/CLI.hpp>

#include "actors/runtime.hpp"
#include "storage/rocksdb_event_log.hpp"
#include "tools/bench/actor_bench_support.hpp"

namespace {

using namespace streamhub;
using namespace streamhub::bench;

struct config {
  std::filesystem::path dir = "chat-bench";
  std::size_t messages = 200'000;
  std::size_t senders = 64;
  std::size_t users = 100'000;
  std::size_t threads = default_threads();
  std::size_t text_bytes = 60;
};

class chat_load {
 public:
  chat_load(actors::runtime& rt, const config& cfg)
      : rt_(rt), cfg_(cfg), text_(cfg.text_bytes, 'x') {
    latencies_.resize(cfg.messages);
  }

  void run() {
    start_ = clock_type::now();
    const double cpu_start = cpu_seconds();
    for (std::size_t s = 0; s < cfg_.senders; ++s) send_next();
    std::unique_lock lock(mutex_);
    finished_.wait(lock, [&] { return answered_ == cfg_.messages; });
    seconds_ = seconds_since(start_);
    cpu_seconds_ = cpu_seconds() - cpu_start;
  }

  double seconds() const { return seconds_; }
  double cpu() const { return cpu_seconds_; }
  std::size_t rejected() const { return rejected_.load(); }
  std::vector<std::int64_t>& latencies() { return latencies_; }

 private:
  void send_next() {
    const std::size_t n = issued_.fetch_add(1, std::memory_order_relaxed);
    if (n >= cfg_.messages) return;
    domain::command_context ctx;
    ctx.caller = "viewer" + std::to_string(n % cfg_.users);
    const auto sent = clock_type::now();
    rt_.execute("owner", std::move(ctx), domain::chat_command{domain::send_chat_message{text_, {}}},
                [this, n, sent](result<actors::command_outcome> r) {
                  latencies_[n] = std::chrono::duration_cast<std::chrono::nanoseconds>(
                                      clock_type::now() - sent)
                                      .count();
                  if (!r) rejected_.fetch_add(1, std::memory_order_relaxed);
                  send_next();  // From the actor thread: execute() only enqueues.
                  std::lock_guard guard(mutex_);
                  if (++answered_ == cfg_.messages) finished_.notify_all();
                });
  }

  actors::runtime& rt_;
  const config& cfg_;
  const std::string text_;
  std::vector<std::int64_t> latencies_;
  std::atomic<std::size_t> issued_{0};
  std::atomic<std::size_t> rejected_{0};
  std::mutex mutex_;
  std::condition_variable finished_;
  std::size_t answered_ = 0;
  clock_type::time_point start_;
  double seconds_ = 0;
  double cpu_seconds_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  config cfg;
  CLI::App app{"Chat messages per second through one room, durable (RocksDB, WAL synced)"};
  app.add_option("--dir", cfg.dir, "Directory for the log (recreated; on the disk to measure)");
  app.add_option("--messages", cfg.messages, "Messages to send");
  app.add_option("--senders", cfg.senders, "Messages kept in flight");
  app.add_option("--users", cfg.users, "Distinct senders, round-robin (keep >= 1.5 x messages/s)");
  app.add_option("--threads", cfg.threads, "CAF worker threads");
  app.add_option("--text", cfg.text_bytes, "Bytes per message")->check(CLI::Range(1, 500));
  CLI11_PARSE(app, argc, argv);

  std::filesystem::remove_all(cfg.dir);
  auto log = storage::rocksdb_event_log::open(cfg.dir, {.durability = storage::durability::sync});
  if (!log) die("open", log.err());
  {
    actors::runtime_options options;
    options.worker_threads = cfg.threads;
    actors::runtime rt(**log, options);
    domain::command_context owner;
    owner.caller = "owner";
    await<actors::command_outcome>("register", [&](auto done) {
      rt.execute("owner", owner, domain::user_command{domain::register_user{"owner", "o@example.org", "", "h"}},
                 std::move(done));
    });
    // Activates the room (and its replicas) before the clock starts.
    await<actors::command_outcome>("warm-up", [&](auto done) {
      rt.execute("owner", owner, domain::chat_command{domain::send_chat_message{"hello", {}}}, std::move(done));
    });

    chat_load load(rt, cfg);
    load.run();
    auto& lat = load.latencies();
    const double p50 = percentile_us(lat, 0.50), p99 = percentile_us(lat, 0.99),
                 p999 = percentile_us(lat, 0.999);
    const auto stats = rt.stats();
    std::printf("messages %zu, senders %zu, users %zu, threads %zu\n", cfg.messages, cfg.senders,
                cfg.users, cfg.threads);
    std::printf("%-12s %9s %11s %9s %9s %9s %9s\n", "run", "seconds", "messages/s", "p50 us",
                "p99 us", "p99.9 us", "rejected");
    std::printf("%-12s %9.3f %11.0f %9.1f %9.1f %9.1f %9zu\n", "chat-durable", load.seconds(),
                double(cfg.messages) / load.seconds(), p50, p99, p999, load.rejected());
    std::printf("cpu %.1f s (%.0f us/message), appends %llu, append failures %llu, RSS %.0f MiB\n",
                load.cpu(), load.cpu() * 1e6 / double(cfg.messages),
                static_cast<unsigned long long>(stats.appends),
                static_cast<unsigned long long>(stats.append_failures), proc_status_mib("VmRSS"));
    if (load.rejected() > 0) {
      std::fprintf(stderr, "bench_actors_chat: %zu messages rejected; raise --users\n", load.rejected());
      return 1;
    }
  }
  log->reset();
  std::filesystem::remove_all(cfg.dir);
  return 0;
}
