#include "gateway/api/relay/topic_relay.hpp"

#include <gtest/gtest.h>

#include <condition_variable>
#include <deque>
#include <future>
#include <map>
#include <mutex>
#include <random>
#include <thread>

#include "actors/runtime.hpp"
#include "gateway/api/relay/relay_hub.hpp"
#include "storage/memory_event_log.hpp"

namespace streamhub::gateway::api {
namespace {

using namespace std::chrono_literals;

// An I/O thread stand-in: a real thread running posted tasks in order.
class test_thread final : public caller_thread {
 public:
  test_thread() : worker_([this] { loop(); }) {}
  ~test_thread() override {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    worker_.join();
  }
  void post(std::function<void()> task) override {
    {
      std::lock_guard lock(mutex_);
      tasks_.push_back(std::move(task));
    }
    wake_.notify_all();
  }
  bool is_current() const noexcept override { return std::this_thread::get_id() == worker_.get_id(); }
  const void* key() const noexcept override { return this; }
  /// Runs `fn` on the thread and waits for it.
  void run(std::function<void()> fn) {
    std::promise<void> done;
    post([&] {
      fn();
      done.set_value();
    });
    done.get_future().wait();
  }

 private:
  void loop() {
    for (;;) {
      std::function<void()> task;
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
        if (tasks_.empty()) return;
        task = std::move(tasks_.front());
        tasks_.pop_front();
      }
      task();
    }
  }
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> tasks_;
  bool stopping_ = false;
  std::thread worker_;
};

// Renders an event as its version, so sinks can check order and gaps.
class version_renderer final : public event_renderer {
 public:
  void render(const actors::published_event_ptr& e, render_callback done) override {
    done(std::make_shared<const std::string>(std::to_string(e->envelope.version)));
  }
};

// Records payloads; wakes waiters.
class recording_sink final : public subscription_sink {
 public:
  void next(std::shared_ptr<const std::string> payload) override {
    std::lock_guard lock(mutex_);
    payloads_.push_back(std::move(payload));
    changed_.notify_all();
  }
  void error(std::shared_ptr<const std::string>) override {}
  void complete() override {}

  /// Waits (bounded, as a failure guard) until `n` payloads arrived.
  bool wait_for(std::size_t n) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, 20s, [&] { return payloads_.size() >= n; });
  }
  std::vector<std::uint64_t> versions() {
    std::lock_guard lock(mutex_);
    std::vector<std::uint64_t> out;
    for (const auto& p : payloads_) out.push_back(std::stoull(*p));
    return out;
  }
  std::vector<std::shared_ptr<const std::string>> payloads() {
    std::lock_guard lock(mutex_);
    return payloads_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::shared_ptr<const std::string>> payloads_;
};

// Leaves its topic on its first payload, from inside the delivery, as a
// WebSocket session does when that payload overflows its outgoing queue.
class leaving_sink final : public subscription_sink {
 public:
  void next(std::shared_ptr<const std::string>) override {
    ++received;
    if (membership) membership->cancel();
  }
  void error(std::shared_ptr<const std::string>) override {}
  void complete() override {}

  std::shared_ptr<class membership> membership;  // set on the member's thread
  std::atomic<int> received{0};
};

class TopicRelayTest : public ::testing::Test {
 protected:
  std::atomic<std::int64_t> ticks_{0};

  TopicRelayTest() : runtime_(log_, options()) {
    say_as_system(domain::user_command{domain::register_user{"alice", "a@example.org", "", "h"}}, "alice");
  }

  // A clock that moves a second per reading: no chat rate limit in the way.
  actors::runtime_options options() {
    actors::runtime_options o;
    o.worker_threads = 2;
    o.clock = [this] { return 1'800'000'000'000'000 + 1'000'000 * ticks_.fetch_add(1); };
    return o;
  }


  template <class Command>
  void say_as_system(Command cmd, const std::string& login) {
    domain::command_context ctx;
    ctx.caller = login;
    std::promise<result<actors::command_outcome>> answer;
    runtime_.execute(login, ctx, std::move(cmd), [&](result<actors::command_outcome> r) { answer.set_value(std::move(r)); });
    auto r = answer.get_future().get();
    ASSERT_TRUE(r) << r.err().message;
  }

  // Chat messages by the (privileged) owner: no rate limit in the way.
  void chat(int n) {
    for (int i = 0; i < n; ++i)
      say_as_system(domain::chat_command{domain::send_chat_message{"m", {}}}, "alice");
  }

  std::shared_ptr<membership> join(test_thread& thread, std::shared_ptr<subscription_sink> sink,
                                   std::optional<std::uint64_t> after, std::string group = "g") {
    std::shared_ptr<membership> m;
    thread.run([&] {
      topic_relay::join_request r;
      r.group_key = std::move(group);
      r.make_renderer = [] { return std::make_shared<version_renderer>(); };
      r.sink = sink;
      r.thread = std::shared_ptr<caller_thread>(&thread, [](caller_thread*) {});
      r.after = after;
      m = hub_.join("chat:alice", std::move(r));
    });
    return m;
  }

  storage::memory_event_log log_{storage::memory_event_log_options{false}};
  actors::runtime runtime_;  // After ticks_ (its clock reads them).
  relay_hub hub_{runtime_};
};

std::vector<std::uint64_t> range(std::uint64_t from, std::uint64_t to) {
  std::vector<std::uint64_t> v;
  for (auto i = from; i <= to; ++i) v.push_back(i);
  return v;
}

TEST_F(TopicRelayTest, GroupMembersShareOnePayloadPerEvent) {
  test_thread t1, t2;
  auto a = std::make_shared<recording_sink>();
  auto b = std::make_shared<recording_sink>();
  auto ma = join(t1, a, 0);
  auto mb = join(t2, b, 0);
  chat(3);
  ASSERT_TRUE(a->wait_for(3));
  ASSERT_TRUE(b->wait_for(3));
  EXPECT_EQ(a->versions(), range(1, 3));
  const auto pa = a->payloads();
  const auto pb = b->payloads();
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(pa[i].get(), pb[i].get()) << "rendered twice at " << i;
  EXPECT_EQ(hub_.relay_count(), 1u);
}

TEST_F(TopicRelayTest, LateMemberResumesWithNothingMissedOrTwice) {
  test_thread t;
  auto first = std::make_shared<recording_sink>();
  auto m1 = join(t, first, 0);
  chat(5);
  ASSERT_TRUE(first->wait_for(5));
  auto late = std::make_shared<recording_sink>();
  auto m2 = join(t, late, 2);  // Missed 3, 4, 5.
  chat(2);
  ASSERT_TRUE(late->wait_for(5));
  ASSERT_TRUE(first->wait_for(7));
  EXPECT_EQ(late->versions(), range(3, 7));
  EXPECT_EQ(first->versions(), range(1, 7));
}

TEST_F(TopicRelayTest, ManyMembersJoiningAtRandomCursorsWhileEventsFlow) {
  test_thread threads[3];
  std::mt19937 rng(20261122);
  constexpr int kRounds = 40;
  struct joined {
    std::shared_ptr<recording_sink> sink;
    std::shared_ptr<membership> m;
    std::uint64_t after;
  };
  std::vector<joined> members;
  std::uint64_t written = 0;
  std::thread writer([&] {
    for (int i = 0; i < kRounds * 3; ++i) chat(1);
  });
  for (int i = 0; i < kRounds; ++i) {
    const std::uint64_t head = log_.stream_version("chat:alice").value();
    const std::uint64_t after = head == 0 ? 0 : std::uniform_int_distribution<std::uint64_t>(0, head)(rng);
    auto sink = std::make_shared<recording_sink>();
    auto m = join(threads[i % 3], sink, after);
    members.push_back({sink, m, after});
  }
  writer.join();
  written = log_.stream_version("chat:alice").value();
  for (auto& j : members) {
    if (!j.sink->wait_for(written - j.after)) {
      std::string got;
      for (auto v : j.sink->versions()) got += std::to_string(v) + " ";
      FAIL() << "after " << j.after << " written " << written << " got " << got;
    }
    EXPECT_EQ(j.sink->versions(), range(j.after + 1, written)) << "after " << j.after;
  }
}

TEST_F(TopicRelayTest, AMemberLeavingDuringADeliveryLeavesTheOthersTheirEvents) {
  test_thread t;
  auto leaver = std::make_shared<leaving_sink>();
  auto ml = join(t, leaver, 0);
  t.run([&] { leaver->membership = ml; });
  // Members on one thread are delivered to in joining order: the leaver
  // first, then these two.
  auto b = std::make_shared<recording_sink>();
  auto c = std::make_shared<recording_sink>();
  auto mb = join(t, b, 0);
  auto mc = join(t, c, 0);
  chat(3);
  ASSERT_TRUE(b->wait_for(3));
  ASSERT_TRUE(c->wait_for(3));
  EXPECT_EQ(b->versions(), range(1, 3));
  EXPECT_EQ(c->versions(), range(1, 3));
  t.run([] {});  // everything posted so far has run
  EXPECT_EQ(leaver->received.load(), 1);
}

TEST_F(TopicRelayTest, LastMemberLeavingDropsTheRelay) {
  test_thread t;
  auto sink = std::make_shared<recording_sink>();
  auto m = join(t, sink, 0);
  chat(1);
  ASSERT_TRUE(sink->wait_for(1));
  m->cancel();
  EXPECT_EQ(hub_.relay_count(), 0u);
  chat(1);
  auto again = std::make_shared<recording_sink>();
  auto m2 = join(t, again, 1);
  chat(1);
  ASSERT_TRUE(again->wait_for(2));
  EXPECT_EQ(again->versions(), range(2, 3));
  EXPECT_EQ(sink->versions(), range(1, 1));
}

}  // namespace
}  // namespace streamhub::gateway::api
