#include "tools/loadgen/chat_load.hpp"

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include "tools/loadgen/fixed_rate.hpp"
#include "tools/loadgen/graphql_setup.hpp"
#include "tools/loadgen/worker_pool.hpp"
#include "tools/loadgen/ws_connection.hpp"

namespace streamhub::loadgen {

namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

constexpr std::uint64_t warm_number_base = 1'000'000'000'000;  // ids of warm-up messages
constexpr std::string_view warm_text = "warm-up";

std::int64_t ns_of(clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

// Figures of one worker thread, merged after the run.
struct thread_figures {
  latency_histogram delivery;
  latency_histogram ack;
  std::uint64_t deliveries = 0;
  clock::time_point last_delivery{};
  std::uint64_t published = 0;
  std::uint64_t errors = 0;
  std::string first_error;
};

// What threads share: counters the main thread waits on.
struct shared_run {
  const chat_load_options* o = nullptr;
  tcp::endpoint server;
  std::atomic<std::size_t> ready{0};
  std::atomic<std::size_t> failed{0};
  std::atomic<std::size_t> warm{0};  // subscribers that heard a warm-up
  std::atomic<std::int64_t> outstanding{0};  // StreamHub publishes unanswered
  std::atomic<std::uint64_t> sent{0};         // measured messages sent
  std::atomic<std::uint64_t> deliveries{0};
  std::atomic<std::uint64_t> room0_acked{0};
  std::atomic<std::uint64_t> room0_min{UINT64_MAX};
  std::atomic<std::uint64_t> room0_max{0};
  std::mutex failure_mutex;
  std::string first_failure;

  void failed_with(std::string_view what) {
    ++failed;
    std::lock_guard lock(failure_mutex);
    if (first_failure.empty()) first_failure = what;
  }
};

std::string room_of(const chat_load_options& o, std::size_t i) { return o.prefix + "pub" + std::to_string(i); }

std::string ws_path(chat_server server, bool publisher) {
  switch (server) {
    case chat_server::streamhub: return "/graphql";
    case chat_server::nats: return "/";
    case chat_server::ws: return publisher ? "/pub" : "/sub";
  }
  return "/";
}

ws_target target_for(shared_run& run, bool publisher, const std::string& token, net::ip::address source) {
  ws_target t;
  t.server = run.server;
  t.source = source;
  t.path = ws_path(run.o->server, publisher);
  switch (run.o->server) {
    case chat_server::streamhub:
      t.subprotocol = "graphql-transport-ws";
      t.first_message = graphql_ws_init(token);
      t.is_ready = graphql_ws_is_ack;
      break;
    case chat_server::nats:
      t.first_message = nats_connect(!publisher);
      t.is_ready = nats_is_pong;
      break;
    case chat_server::ws:
      break;
  }
  return t;
}

class subscriber {
 public:
  subscriber(net::io_context& io, shared_run& run, thread_figures& figures)
      : run_(run), figures_(figures), checkers_(run.o->server == chat_server::streamhub ? 1 : run.o->publishers) {
    connection_ = std::make_shared<ws_connection>(
        io, ws_connection::handlers{[this] { on_ready(); }, [this](std::string_view m) { on_message(m); },
                                    [this](std::string_view what) { run_.failed_with(what); }});
  }

  void start(net::ip::address source) { connection_->start(target_for(run_, false, {}, source)); }

  sequence_report finish(std::uint64_t first, std::uint64_t last, std::size_t stream) const {
    return checkers_[stream].finish(first, last);
  }

 private:
  void on_ready() {
    if (run_.o->server == chat_server::streamhub) connection_->send(graphql_ws_chat_subscription(room_of(*run_.o, 0)));
    ++run_.ready;
  }

  void on_message(std::string_view message) {
    switch (run_.o->server) {
      case chat_server::streamhub:
        if (auto d = graphql_ws_delivery(message)) heard(d->sequence, d->text);
        break;
      case chat_server::ws:
        heard(std::nullopt, message);
        break;
      case chat_server::nats: {
        auto replies = nats_take(message, carry_, [this](std::string_view p) { heard(std::nullopt, p); });
        if (!replies.empty()) connection_->send(std::move(replies));
        break;
      }
    }
  }

  void heard(std::optional<std::uint64_t> sequence, std::string_view text) {
    const auto t = parse_chat_text(text);
    if (!t) {
      if (!warm_ && text == warm_text) {
        warm_ = true;
        ++run_.warm;
      }
      return;
    }
    const auto now = clock::now();
    figures_.delivery.record(ns_of(now) - t->intended_ns);
    ++figures_.deliveries;
    figures_.last_delivery = now;
    run_.deliveries.fetch_add(1, std::memory_order_relaxed);
    if (sequence) {
      checkers_[0].observe(*sequence);
    } else if (t->publisher < checkers_.size()) {
      checkers_[t->publisher].observe(t->number);
    }
  }

  shared_run& run_;
  thread_figures& figures_;
  std::shared_ptr<ws_connection> connection_;
  std::vector<sequence_checker> checkers_;
  std::string carry_;
  bool warm_ = false;
};

class publisher {
 public:
  publisher(net::io_context& io, shared_run& run, thread_figures& figures, std::size_t index, std::string token)
      : io_(io), run_(run), figures_(figures), index_(index), token_(std::move(token)), timer_(io) {
    connection_ = std::make_shared<ws_connection>(
        io, ws_connection::handlers{[this] { ++run_.ready; }, [this](std::string_view m) { on_message(m); },
                                    [this](std::string_view what) { run_.failed_with(what); }});
  }

  void start() { connection_->start(target_for(run_, true, token_, {})); }

  /// Posts one warm-up message to room 0 (any thread).
  void warm_up() {
    net::post(io_, [this] {
      if (run_.o->server == chat_server::streamhub) ++run_.outstanding;
      publish_text(0, warm_number_base + warm_sent_++, std::string(warm_text));
    });
  }

  /// Starts the measured part (any thread): publishing until `stop_at`.
  void begin(clock::time_point start, clock::time_point stop_at) {
    net::post(io_, [this, start, stop_at] {
      stop_at_ = stop_at;
      const auto& o = *run_.o;
      if (o.rate > 0) {
        const auto offset = std::chrono::nanoseconds(static_cast<std::int64_t>(1e9 / o.rate * static_cast<double>(index_)));
        schedule_.emplace(start + offset, o.rate / static_cast<double>(o.publishers));
        send_scheduled();
      } else {
        for (std::size_t i = 0; i < o.inflight; ++i) send_now();
      }
    });
  }

  std::uint64_t sent() const { return sent_; }

 private:
  void send_scheduled() {
    const auto due = schedule_->intended(sent_);
    if (due >= stop_at_) return;
    if (due > clock::now()) {
      timer_.expires_at(due);
      timer_.async_wait([this](boost::system::error_code ec) {
        if (!ec) send_scheduled();
      });
      return;
    }
    send(due);
    send_scheduled();
  }

  void send_now() {
    const auto now = clock::now();
    if (now < stop_at_) send(now);
  }

  void send(clock::time_point intended) {
    const std::uint64_t number = ++sent_;
    run_.sent.fetch_add(1, std::memory_order_relaxed);
    const std::string text = make_chat_text({static_cast<std::uint32_t>(index_), number, ns_of(intended)},
                                            run_.o->message_bytes);
    if (run_.o->server == chat_server::streamhub) {
      intended_[number] = intended;
      ++run_.outstanding;
    } else {
      ++figures_.published;
    }
    publish_text((index_ + number) % std::max<std::size_t>(run_.o->rooms, 1), number, text);
  }

  void publish_text(std::size_t room, std::uint64_t number, const std::string& text) {
    switch (run_.o->server) {
      case chat_server::streamhub:
        connection_->send(graphql_ws_send_chat(room_of(*run_.o, room), number, text));
        break;
      case chat_server::nats:
        connection_->send(nats_publish(text));
        break;
      case chat_server::ws:
        connection_->send(text);
        break;
    }
  }

  void on_message(std::string_view message) {
    if (run_.o->server == chat_server::nats) {
      auto replies = nats_take(message, carry_, [](std::string_view) {});
      if (!replies.empty()) connection_->send(std::move(replies));
      return;
    }
    if (run_.o->server != chat_server::streamhub) return;
    const auto answer = graphql_ws_publish_answer(message);
    if (!answer) return;
    --run_.outstanding;
    if (answer->number >= warm_number_base) return;
    const auto it = intended_.find(answer->number);
    if (it == intended_.end()) return;
    figures_.ack.record(latency_ns(it->second, clock::now()));
    intended_.erase(it);
    if (answer->sequence) {
      ++figures_.published;
      if ((index_ + answer->number) % std::max<std::size_t>(run_.o->rooms, 1) == 0) {
        ++run_.room0_acked;
        std::uint64_t seen = run_.room0_min.load();
        while (*answer->sequence < seen && !run_.room0_min.compare_exchange_weak(seen, *answer->sequence)) {
        }
        seen = run_.room0_max.load();
        while (*answer->sequence > seen && !run_.room0_max.compare_exchange_weak(seen, *answer->sequence)) {
        }
      }
    } else {
      ++figures_.errors;
      if (figures_.first_error.empty()) figures_.first_error = answer->error;
    }
    if (!schedule_) send_now();
  }

  net::io_context& io_;
  shared_run& run_;
  thread_figures& figures_;
  std::size_t index_;
  std::string token_;
  net::steady_timer timer_;
  std::shared_ptr<ws_connection> connection_;
  std::optional<fixed_rate> schedule_;
  clock::time_point stop_at_{};
  std::uint64_t sent_ = 0;
  std::uint64_t warm_sent_ = 0;
  std::unordered_map<std::uint64_t, clock::time_point> intended_;
  std::string carry_;
};

// Polls `done` every 20 ms until it holds or `limit` passes; answers done().
template <typename Done>
bool wait_until(Done done, clock::duration limit) {
  const auto give_up = clock::now() + limit;
  while (!done()) {
    if (clock::now() >= give_up) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

result<std::vector<std::string>> register_publishers(const chat_load_options& o) {
  std::vector<std::string> tokens;
  if (o.server != chat_server::streamhub) return std::vector<std::string>(o.publishers);
  auto setup = graphql_setup::connect(o.host, o.port);
  if (!setup) return setup.err();
  for (std::size_t i = 0; i < o.publishers; ++i) {
    auto token = setup->register_user(room_of(o, i));
    if (!token) return error{token.err().code, "register " + room_of(o, i) + ": " + token.err().message};
    tokens.push_back(std::move(*token));
  }
  return tokens;
}

}  // namespace

result<chat_load_result> run_chat_load(const chat_load_options& o) {
  auto tokens = register_publishers(o);
  if (!tokens) return tokens.err();

  shared_run run;
  run.o = &o;
  run.server = tcp::endpoint(net::ip::make_address(o.host), o.port);
  worker_pool pool(o.threads);  // before the connections: it must outlive them
  std::vector<thread_figures> figures(pool.size());
  std::vector<std::unique_ptr<subscriber>> subscribers;
  std::vector<std::unique_ptr<publisher>> publishers;
  // Destroyed first: no handler runs once the connections' owners are gone.
  struct stop_first {
    worker_pool& pool;
    ~stop_first() {
      pool.stop();
      pool.join();
    }
  } stopper{pool};
  pool.run();

  const auto connect_limit = std::chrono::seconds(120);
  constexpr std::size_t wave = 1000;
  for (std::size_t first = 0; first < o.subscribers; first += wave) {
    const std::size_t last = std::min(o.subscribers, first + wave);
    for (std::size_t i = first; i < last; ++i) {
      auto& io = pool.at(i);
      subscribers.push_back(std::make_unique<subscriber>(io, run, figures[i % pool.size()]));
      const auto source = net::ip::address_v4(0x7F000002u + static_cast<std::uint32_t>(i % std::max<std::size_t>(o.sources, 1)));
      net::post(io, [s = subscribers.back().get(), source] { s->start(source); });
    }
    if (!wait_until([&] { return run.ready + run.failed >= last; }, connect_limit))
      return error{error_code::unavailable, "subscribers did not connect in time"};
  }
  for (std::size_t i = 0; i < o.publishers; ++i) {
    auto& io = pool.at(i);
    publishers.push_back(std::make_unique<publisher>(io, run, figures[i % pool.size()], i, (*tokens)[i]));
    net::post(io, [p = publishers.back().get()] { p->start(); });
  }
  if (!wait_until([&] { return run.ready + run.failed >= o.subscribers + o.publishers; }, connect_limit) ||
      run.failed > 0) {
    std::lock_guard lock(run.failure_mutex);
    return error{error_code::unavailable, std::to_string(run.failed.load()) + " connections failed: " + run.first_failure};
  }

  // Warm-up: until every subscriber has heard room 0 (subscriptions are live).
  const bool warmed = wait_until(
      [&] {
        if (run.warm >= o.subscribers) return true;
        publishers[0]->warm_up();
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        return run.warm >= o.subscribers;
      },
      std::chrono::seconds(60));
  if (!warmed) return error{error_code::unavailable, std::to_string(run.warm.load()) + " of " +
                                                         std::to_string(o.subscribers) + " subscribers heard the warm-up"};
  wait_until([&] { return run.outstanding.load() == 0; }, std::chrono::seconds(30));

  const auto start = clock::now() + std::chrono::milliseconds(100);
  const auto stop_at = start + std::chrono::duration_cast<clock::duration>(std::chrono::duration<double>(o.duration_s));
  for (auto& p : publishers) p->begin(start, stop_at);
  std::this_thread::sleep_until(stop_at);
  const auto drain = std::chrono::duration_cast<clock::duration>(std::chrono::duration<double>(o.drain_s));
  wait_until([&] { return run.outstanding.load() == 0; }, drain);

  chat_load_result r;
  r.expected_deliveries = (o.server == chat_server::streamhub ? run.room0_acked.load() : run.sent.load()) * o.subscribers;
  wait_until([&] { return run.deliveries.load() >= r.expected_deliveries; }, drain);
  pool.stop();
  pool.join();

  clock::time_point last_delivery{};
  for (auto& f : figures) {
    r.delivery_latency.merge(f.delivery);
    r.ack_latency.merge(f.ack);
    r.deliveries += f.deliveries;
    r.published += f.published;
    r.publish_errors += f.errors;
    if (r.first_publish_error.empty()) r.first_publish_error = f.first_error;
    last_delivery = std::max(last_delivery, f.last_delivery);
  }
  r.publish_s = o.duration_s;
  r.delivery_s = std::chrono::duration<double>(last_delivery - start).count();
  r.failed_connections = run.failed;
  r.first_failure = run.first_failure;
  for (const auto& s : subscribers) {
    if (o.server == chat_server::streamhub) {
      if (run.room0_acked > 0) r.check += s->finish(run.room0_min, run.room0_max, 0);
    } else {
      for (std::size_t p = 0; p < publishers.size(); ++p) r.check += s->finish(1, publishers[p]->sent(), p);
    }
  }
  return r;
}

}  // namespace streamhub::loadgen
