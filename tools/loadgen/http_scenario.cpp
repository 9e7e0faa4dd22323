#include "tools/loadgen/http_scenario.hpp"

#include <atomic>
#include <memory>
#include <optional>
#include <thread>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include "tools/loadgen/fixed_rate.hpp"
#include "tools/loadgen/latency_histogram.hpp"
#include "tools/loadgen/worker_pool.hpp"

namespace streamhub::loadgen {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

std::vector<std::string> default_query_mix(const std::string& login) {
  const nlohmann::json vars = {{"login", login}};
  return {
      nlohmann::json{{"query", "query Channel($login: String!) { channel(login: $login) "
                               "{ id live title category viewerCount owner { login displayName } } }"},
                     {"variables", vars}}
          .dump(),
      nlohmann::json{{"query", "query Profile($login: String!) { user(login: $login) "
                               "{ login displayName followerCount } }"},
                     {"variables", vars}}
          .dump(),
  };
}

namespace {

// Figures of one worker thread; merged after the run.
struct thread_figures {
  latency_histogram latency;
  std::uint64_t ok = 0;
  std::uint64_t errors = 0;
  std::uint64_t failed_connections = 0;
};

struct shared_run {
  const http_options* options;
  tcp::endpoint server;
  clock::time_point measure_from;  // warm-up ends
  clock::time_point stop_at;
  std::atomic<std::uint64_t> issued{0};  // bounded by max_requests
  std::atomic<std::size_t> live{0};       // clients not yet closed
};

// One keep-alive connection: one request in flight (HTTP/1.1, no pipelining).
class http_client : public std::enable_shared_from_this<http_client> {
 public:
  http_client(net::io_context& io, shared_run& run, thread_figures& figures, std::size_t index)
      : socket_(io), timer_(io), run_(run), figures_(figures), index_(index) {}

  void start() {
    const auto& o = *run_.options;
    if (o.rate > 0) {
      // Connection c sends requests c, c + N, c + 2N, ... of the total schedule.
      const double per_connection = o.rate / static_cast<double>(o.connections);
      const auto offset = std::chrono::nanoseconds(static_cast<std::int64_t>(1e9 / o.rate * static_cast<double>(index_)));
      schedule_.emplace(run_.measure_from - std::chrono::duration_cast<clock::duration>(
                                                std::chrono::duration<double>(o.warmup_s)) + offset,
                        per_connection);
    }
    socket_.async_connect(run_.server, [self = shared_from_this()](beast::error_code ec) {
      if (ec) return self->fail();
      self->socket_.set_option(tcp::no_delay(true));
      self->next();
    });
  }

 private:
  void next() {
    const auto& o = *run_.options;
    if (o.max_requests && run_.issued.fetch_add(1, std::memory_order_relaxed) >= o.max_requests) return close();
    if (schedule_) {
      const auto due = schedule_->intended(sent_);
      if (due >= run_.stop_at) return close();
      if (due > clock::now()) {
        timer_.expires_at(due);
        timer_.async_wait([self = shared_from_this(), due](beast::error_code ec) {
          if (!ec) self->send(due);
        });
        return;
      }
      return send(due);
    }
    const auto now = clock::now();
    if (now >= run_.stop_at) return close();
    send(now);
  }

  void send(clock::time_point intended) {
    const auto& o = *run_.options;
    request_ = {http::verb::post, o.path, 11};
    request_.set(http::field::host, o.host);
    request_.set(http::field::content_type, "application/json");
    request_.keep_alive(true);
    request_.body() = o.bodies[(index_ + sent_) % o.bodies.size()];
    request_.prepare_payload();
    ++sent_;
    http::async_write(socket_, request_, [self = shared_from_this(), intended](beast::error_code ec, std::size_t) {
      if (ec) return self->fail();
      self->response_ = {};
      http::async_read(self->socket_, self->buffer_, self->response_,
                       [self, intended](beast::error_code ec, std::size_t) {
                         if (ec) return self->fail();
                         self->answered(intended);
                       });
    });
  }

  void answered(clock::time_point intended) {
    const auto now = clock::now();
    if (intended >= run_.measure_from) {
      const auto& body = response_.body();
      const bool good = response_.result() == http::status::ok && body.find("\"data\"") != std::string::npos &&
                        body.find("\"errors\"") == std::string::npos;
      if (good) {
        ++figures_.ok;
        figures_.latency.record(latency_ns(intended, now));
      } else {
        ++figures_.errors;
      }
    }
    next();
  }

  void fail() {
    ++figures_.failed_connections;
    close();
  }

  void close() {
    if (closed_) return;
    closed_ = true;
    beast::error_code ignored;
    socket_.close(ignored);
    run_.live.fetch_sub(1, std::memory_order_release);
  }

  tcp::socket socket_;
  net::steady_timer timer_;
  shared_run& run_;
  thread_figures& figures_;
  std::size_t index_;
  std::optional<fixed_rate> schedule_;
  std::uint64_t sent_ = 0;
  bool closed_ = false;
  beast::flat_buffer buffer_;
  http::request<http::string_body> request_;
  http::response<http::string_body> response_;
};

}  // namespace

result<void> run_http(const http_options& options, run_report& report) {
  if (options.bodies.empty()) return error{error_code::invalid, "no request bodies"};
  shared_run run;
  run.options = &options;
  run.server = tcp::endpoint(net::ip::make_address(options.host), options.port);
  const auto start = clock::now();
  run.measure_from = start + std::chrono::duration_cast<clock::duration>(std::chrono::duration<double>(options.warmup_s));
  run.stop_at = run.measure_from + std::chrono::duration_cast<clock::duration>(std::chrono::duration<double>(options.duration_s));

  worker_pool pool(options.threads);
  std::vector<thread_figures> figures(pool.size());
  run.live = options.connections;
  for (std::size_t i = 0; i < options.connections; ++i)
    std::make_shared<http_client>(pool.at(i), run, figures[i % pool.size()], i)->start();
  // Clients close themselves at stop_at, once their last answer is in.
  pool.run();
  const auto give_up = run.stop_at + std::chrono::seconds(10);
  while (run.live.load(std::memory_order_acquire) > 0 && clock::now() < give_up)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  pool.stop();
  pool.join();
  const double measured_s = options.duration_s;

  thread_figures total;
  for (auto& f : figures) {
    total.latency.merge(f.latency);
    total.ok += f.ok;
    total.errors += f.errors;
    total.failed_connections += f.failed_connections;
  }
  report.setting("connections", static_cast<double>(options.connections));
  report.setting("rate", options.rate);
  report.setting("duration_s", options.duration_s);
  report.setting("threads", static_cast<double>(options.threads));
  report.figure("requests_per_s", static_cast<double>(total.ok) / measured_s, "req/s");
  report.figure("errors", static_cast<double>(total.errors), "requests");
  report.figure("failed_connections", static_cast<double>(total.failed_connections), "connections");
  report.latencies("latency", total.latency);
  if (total.ok == 0 && total.failed_connections == options.connections)
    return error{error_code::unavailable, "no connection could be opened"};
  return {};
}

}  // namespace streamhub::loadgen
