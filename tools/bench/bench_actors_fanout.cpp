// bench_actors_fanout: in-process fan-out of one chat room's messages.
//
//   bench_actors_fanout --subscribers 10000 --rate 2000 --seconds 5
//
// Shapes:
//   direct  --subscribers event_subscriber objects on the room; the room's
//           actor calls each one per batch of events (as a session
//           subscribed directly would be called).
//   relays  --relays subscribers on the room, each handing every batch to
//           its own thread, which fans out to subscribers/relays receivers:
//           the production shape, a few relays per node fanning out to
//           sessions.
// Every receiver counts its events and checks that versions are
// consecutive. Messages are sent at a steady --rate (0: as fast as the room
// answers, --window in flight) for --seconds; deliveries/s = messages x
// receivers / (first send .. last delivery). The log is the in-memory one:
// this measures fan-out, not the disk (bench_actors_chat measures that).

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <semaphore>

#include <CLI/CLI.hpp>

#include "actors/runtime.hpp"
#include "storage/memory_event_log.hpp"
#include "tools/bench/actor_bench_support.hpp"

namespace {

using namespace streamhub;
using namespace streamhub::bench;
using actors::published_event_ptr;

struct config {
  std::size_t subscribers = 10'000;
  std::size_t relays = 2;
  double rate = 2000;
  double seconds = 5;
  std::size_t window = 256;
  std::size_t users = 100'000;
  std::size_t threads = default_threads();
  std::vector<std::string> shapes{"direct", "relays"};
};

// Counts deliveries; flags a gap or a repeat. Shared counters are updated
// once per batch, not per event.
class counting_receiver final : public actors::event_subscriber {
 public:
  explicit counting_receiver(std::atomic<std::uint64_t>& total, std::atomic<std::uint64_t>& gaps)
      : total_(total), gaps_(gaps) {}
  bool on_events(std::span<const published_event_ptr> events) override {
    for (const auto& e : events) {
      const auto v = e->envelope.version;
      if (last_ != 0 && v != last_ + 1) gaps_.fetch_add(1, std::memory_order_relaxed);
      last_ = v;
    }
    total_.fetch_add(events.size(), std::memory_order_relaxed);
    return true;
  }
  void on_closed(const error&) override {}

 private:
  std::atomic<std::uint64_t>& total_;
  std::atomic<std::uint64_t>& gaps_;
  event_number last_ = 0;
};

// A node relay: takes each batch off the room's actor thread and fans it
// out to its receivers on its own thread.
class relay final : public actors::event_subscriber {
 public:
  explicit relay(std::vector<std::unique_ptr<counting_receiver>> receivers)
      : receivers_(std::move(receivers)), thread_([this] { loop(); }) {}
  ~relay() override {
    {
      std::lock_guard guard(mutex_);
      stopping_ = true;
    }
    changed_.notify_one();
    thread_.join();
  }
  bool on_events(std::span<const published_event_ptr> events) override {
    {
      std::lock_guard guard(mutex_);
      queue_.emplace_back(events.begin(), events.end());
    }
    changed_.notify_one();
    return true;
  }
  void on_closed(const error&) override {}

 private:
  void loop() {
    std::unique_lock lock(mutex_);
    for (;;) {
      changed_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;
      auto batches = std::move(queue_);
      queue_.clear();
      lock.unlock();
      for (const auto& batch : batches)
        for (auto& r : receivers_) r->on_events(batch);
      lock.lock();
    }
  }

  std::vector<std::unique_ptr<counting_receiver>> receivers_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::vector<published_event_ptr>> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

struct figures {
  std::size_t messages = 0;
  std::size_t receivers = 0;
  double send_seconds = 0;
  double seconds = 0;
  std::uint64_t gaps = 0;
};

figures run_shape(const std::string& shape, const config& cfg) {
  // Declared first: receivers may outlive the runtime's last delivery.
  std::atomic<std::uint64_t> delivered{0}, gaps{0};
  storage::memory_event_log log;
  actors::runtime_options options;
  options.worker_threads = cfg.threads;
  actors::runtime rt(log, options);
  domain::command_context owner;
  owner.caller = "owner";
  await<actors::command_outcome>("register", [&](auto done) {
    rt.execute("owner", owner, domain::user_command{domain::register_user{"owner", "o@example.org", "", "h"}},
               std::move(done));
  });

  std::vector<std::shared_ptr<actors::event_subscriber>> subs;
  std::size_t receivers = 0;
  if (shape == "direct") {
    for (std::size_t i = 0; i < cfg.subscribers; ++i)
      subs.push_back(std::make_shared<counting_receiver>(delivered, gaps));
    receivers = cfg.subscribers;
  } else {
    for (std::size_t r = 0; r < cfg.relays; ++r) {
      std::vector<std::unique_ptr<counting_receiver>> mine;
      for (std::size_t i = 0; i < cfg.subscribers / cfg.relays; ++i)
        mine.push_back(std::make_unique<counting_receiver>(delivered, gaps));
      receivers += mine.size();
      subs.push_back(std::make_shared<relay>(std::move(mine)));
    }
  }
  for (auto& s : subs) rt.subscribe("chat:owner", 1, s);

  const auto messages = static_cast<std::size_t>(cfg.rate > 0 ? cfg.rate * cfg.seconds : 0);
  std::atomic<std::size_t> rejected{0}, answered{0};
  std::counting_semaphore<> window(static_cast<std::ptrdiff_t>(cfg.window));
  const std::string text = "a message of some sixty bytes, as chat messages tend to be.";
  auto send = [&](std::size_t n) {
    domain::command_context ctx;
    ctx.caller = "viewer" + std::to_string(n % cfg.users);
    rt.execute("owner", std::move(ctx), domain::chat_command{domain::send_chat_message{text, {}}},
               [&](result<actors::command_outcome> r) {
                 if (!r) rejected.fetch_add(1);
                 answered.fetch_add(1);
                 window.release();
               });
  };
  const auto start = clock_type::now();
  std::size_t sent = 0;
  if (cfg.rate > 0) {
    const auto interval = std::chrono::duration<double>(1.0 / cfg.rate);
    for (; sent < messages; ++sent) {
      std::this_thread::sleep_until(start + std::chrono::duration_cast<clock_type::duration>(interval * double(sent)));
      window.acquire();
      send(sent);
    }
  } else {
    for (; seconds_since(start) < cfg.seconds; ++sent) {
      window.acquire();
      send(sent);
    }
  }
  const double send_seconds = seconds_since(start);
  const std::uint64_t expected = std::uint64_t(sent) * receivers;
  while (answered.load() < sent || delivered.load() + std::uint64_t(rejected.load()) * receivers < expected)
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  figures f{sent - rejected.load(), receivers, send_seconds, seconds_since(start), gaps.load()};
  if (rejected.load()) std::fprintf(stderr, "%zu messages rejected; raise --users\n", rejected.load());
  rt.shutdown();
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  config cfg;
  CLI::App app{"In-process fan-out of one chat room to many subscribers"};
  app.add_option("--subscribers", cfg.subscribers, "Receivers in total");
  app.add_option("--relays", cfg.relays, "Relays (shape relays), each with subscribers/relays receivers");
  app.add_option("--rate", cfg.rate, "Messages per second; 0: as fast as answered");
  app.add_option("--seconds", cfg.seconds, "How long to send");
  app.add_option("--window", cfg.window, "Messages in flight at most");
  app.add_option("--users", cfg.users, "Distinct senders, round-robin");
  app.add_option("--threads", cfg.threads, "CAF worker threads");
  app.add_option("--shapes", cfg.shapes, "direct, relays")->delimiter(',');
  CLI11_PARSE(app, argc, argv);

  std::printf("rate %s, %.0f s, threads %zu\n",
              cfg.rate > 0 ? std::to_string(static_cast<long>(cfg.rate)).c_str() : "max", cfg.seconds,
              cfg.threads);
  std::printf("%-7s %9s %9s %9s %9s %14s %6s\n", "shape", "receivers", "messages", "send s", "total s",
              "deliveries/s", "gaps");
  int status = 0;
  for (const auto& shape : cfg.shapes) {
    if (shape != "direct" && shape != "relays") die("shapes", error{error_code::invalid, shape});
    const auto f = run_shape(shape, cfg);
    std::printf("%-7s %9zu %9zu %9.2f %9.2f %14.0f %6llu\n", shape.c_str(), f.receivers, f.messages,
                f.send_seconds, f.seconds, double(f.messages) * double(f.receivers) / f.seconds,
                static_cast<unsigned long long>(f.gaps));
    if (f.gaps) status = 1;
  }
  return status;
}
