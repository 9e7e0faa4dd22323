// Memory per idle, acknowledged graphql-transport-ws connection.
//
//   gateway_idle_connections_bench [connections=10000] [io_threads=2]
//
// The process forks: the parent runs the gateway server, the child opens the
// connections over loopback (so client memory is not counted), sends
// connection_init and waits for every connection_ack. The parent then reads
// its own RSS (/proc/self/status) and heap in use (mallinfo2) and prints the
// growth per connection. Not a test: a budget check to run by hand.

#include <malloc.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "gateway/server.hpp"
#include "protocol/graphql_ws/frames.hpp"

namespace net = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;

namespace {

class null_service final : public streamhub::gateway::graphql_service {
 public:
  void execute(streamhub::gateway::graphql_request, streamhub::gateway::auth_context,
               streamhub::gateway::execute_callback done) override {
    done({streamhub::gateway::execution_outcome::internal, nullptr, {}});
  }
  std::unique_ptr<streamhub::gateway::subscription> subscribe(
      streamhub::gateway::graphql_request, streamhub::gateway::auth_context,
      std::shared_ptr<streamhub::gateway::subscription_sink> sink) override {
    sink->complete();
    struct none final : streamhub::gateway::subscription {
      void cancel() noexcept override {}
    };
    return std::make_unique<none>();
  }
};

long rss_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

void raise_file_limit() {
  rlimit limit{};
  getrlimit(RLIMIT_NOFILE, &limit);
  limit.rlim_cur = limit.rlim_max;
  setrlimit(RLIMIT_NOFILE, &limit);
}

// One client: connect, upgrade, connection_init, wait for the ack, then idle.
struct client : std::enable_shared_from_this<client> {
  explicit client(net::io_context& ioc) : ws(ioc) {}
  websocket::stream<tcp::socket> ws;
  beast::flat_buffer buffer;
  std::string init = streamhub::graphql_ws::connection_init_frame();

  void start(const tcp::endpoint& endpoint, std::size_t& acked, std::size_t& failed) {
    auto self = shared_from_this();
    ws.next_layer().async_connect(endpoint, [self, &acked, &failed](beast::error_code ec) {
      if (ec) return void(++failed);
      self->ws.set_option(websocket::stream_base::decorator([](websocket::request_type& req) {
        req.set(beast::http::field::sec_websocket_protocol, "graphql-transport-ws");
      }));
      self->ws.async_handshake("127.0.0.1", "/graphql", [self, &acked, &failed](beast::error_code ec) {
        if (ec) return void(++failed);
        self->ws.async_write(net::buffer(self->init), [self, &acked, &failed](beast::error_code ec, std::size_t) {
          if (ec) return void(++failed);
          self->ws.async_read(self->buffer, [self, &acked, &failed](beast::error_code ec, std::size_t) {
            if (ec) return void(++failed);
            ++acked;
          });
        });
      });
    });
  }
};

int run_clients(std::uint16_t port, std::size_t count, int report_fd, int hold_fd) {
  net::io_context ioc(1);
  auto work = net::make_work_guard(ioc);
  std::vector<std::shared_ptr<client>> clients;
  std::size_t acked = 0, failed = 0;
  const tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"), port);
  // Open in waves so the listen backlog never overflows.
  for (std::size_t opened = 0; opened < count;) {
    const std::size_t wave = std::min<std::size_t>(500, count - opened);
    for (std::size_t i = 0; i < wave; ++i) {
      clients.push_back(std::make_shared<client>(ioc));
      clients.back()->start(endpoint, acked, failed);
    }
    opened += wave;
    while (acked + failed < opened) ioc.run_one();
  }
  const std::string report = std::to_string(acked) + " " + std::to_string(failed) + "\n";
  if (write(report_fd, report.data(), report.size()) < 0) return 1;
  char byte;
  if (read(hold_fd, &byte, 1) < 0) return 1;  // until the parent has measured
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t connections = argc > 1 ? std::stoul(argv[1]) : 10000;
  const std::size_t io_threads = argc > 2 ? std::stoul(argv[2]) : 2;
  raise_file_limit();
  int port_pipe[2], report_pipe[2], hold_pipe[2];
  if (pipe(port_pipe) || pipe(report_pipe) || pipe(hold_pipe)) return 1;
  const pid_t child = fork();
  if (child == 0) {
    std::uint16_t port = 0;
    if (read(port_pipe[0], &port, sizeof port) != sizeof port) return 1;
    return run_clients(port, connections, report_pipe[1], hold_pipe[0]);
  }

  streamhub::gateway::server_options options;
  options.listen = "127.0.0.1:0";
  options.io_threads = io_threads;
  options.service = std::make_shared<null_service>();
  options.limits.max_connections_per_ip = 0;
  options.connection_init_timeout = std::chrono::minutes(5);
  options.ping_interval = std::chrono::minutes(5);
  options.idle_timeout = std::chrono::minutes(10);
  streamhub::gateway::server server(options);
  auto port = server.start();
  if (!port) {
    std::fprintf(stderr, "start: %s\n", port.err().message.c_str());
    return 1;
  }
  malloc_trim(0);
  const long rss_before = rss_kib();
  const auto heap_before = mallinfo2().uordblks;
  const std::uint16_t bound = *port;
  if (write(port_pipe[1], &bound, sizeof bound) != sizeof bound) return 1;

  char line[64] = {};
  if (read(report_pipe[0], line, sizeof line - 1) <= 0) return 1;
  std::size_t acked = 0, failed = 0;
  std::sscanf(line, "%zu %zu", &acked, &failed);
  const long rss_after = rss_kib();
  const auto heap_after = mallinfo2().uordblks;
  std::printf("connections acknowledged: %zu (failed %zu), io threads %zu\n", acked, failed, io_threads);
  std::printf("server RSS: %ld KiB -> %ld KiB, %.0f bytes per connection\n", rss_before, rss_after,
              acked ? (rss_after - rss_before) * 1024.0 / static_cast<double>(acked) : 0.0);
  std::printf("server heap in use: %.0f bytes per connection\n",
              acked ? static_cast<double>(heap_after - heap_before) / static_cast<double>(acked) : 0.0);
  if (write(hold_pipe[1], "x", 1) < 0) return 1;
  int status = 0;
  waitpid(child, &status, 0);
  server.stop();
  return failed == 0 ? 0 : 1;
}
