#include "tools/loadgen/connections_scenario.hpp"

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <boost/asio/post.hpp>

#include "tools/loadgen/chat_wire.hpp"
#include "tools/loadgen/fixed_rate.hpp"
#include "tools/loadgen/worker_pool.hpp"
#include "tools/loadgen/ws_connection.hpp"

namespace streamhub::loadgen {

namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

struct counters {
  std::atomic<std::size_t> acked{0};
  std::atomic<std::size_t> failed{0};
  std::mutex mutex;
  std::string first_failure;
};

}  // namespace

result<void> run_connections(const connections_options& o, run_report& report) {
  const std::size_t file_limit = raise_file_limit();
  report.setting("connections", static_cast<double>(o.connections));
  report.setting("sources", static_cast<double>(o.sources));
  report.setting("loadgen_file_limit", static_cast<double>(file_limit));
  const tcp::endpoint server(net::ip::make_address(o.host), o.port);
  const long rss_before = o.server_pid ? rss_kib(o.server_pid) : -1;

  worker_pool pool(o.threads);  // before the connections: it must outlive them
  counters c;
  std::vector<std::shared_ptr<ws_connection>> connections;
  connections.reserve(o.connections);
  pool.run();
  const auto started = clock::now();
  std::size_t opened = 0;
  while (opened < o.connections) {
    // Keep at most in_flight connections between connect and ack.
    while (opened < o.connections && opened - c.acked - c.failed < o.in_flight) {
      auto& io = pool.at(opened);
      auto conn = std::make_shared<ws_connection>(
          io, ws_connection::handlers{[&c] { ++c.acked; }, nullptr, [&c](std::string_view what) {
                                        ++c.failed;
                                        std::lock_guard lock(c.mutex);
                                        if (c.first_failure.empty()) c.first_failure = what;
                                      }});
      ws_target t;
      t.server = server;
      t.source = net::ip::address_v4(0x7F000002u + static_cast<std::uint32_t>(opened % std::max<std::size_t>(o.sources, 1)));
      t.subprotocol = "graphql-transport-ws";
      t.first_message = graphql_ws_init({});
      t.is_ready = graphql_ws_is_ack;
      net::post(io, [conn, t = std::move(t)]() mutable { conn->start(std::move(t)); });
      connections.push_back(std::move(conn));
      ++opened;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    if (clock::now() - started > std::chrono::minutes(5)) break;
  }
  while (c.acked + c.failed < opened && clock::now() - started < std::chrono::minutes(5))
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  const double connect_s = std::chrono::duration<double>(clock::now() - started).count();
  const std::size_t acked = c.acked;

  // Let the server settle (its sweep timer, lazily freed buffers), then measure.
  std::this_thread::sleep_for(std::chrono::duration<double>(o.hold_s));
  const long rss_after = o.server_pid ? rss_kib(o.server_pid) : -1;
  const std::size_t failed = c.failed;
  for (std::size_t i = 0; i < connections.size(); ++i)
    net::post(pool.at(i), [conn = connections[i]] { conn->close(); });
  pool.stop();
  pool.join();

  report.figure("acknowledged", static_cast<double>(acked), "connections");
  report.figure("failed", static_cast<double>(failed), "connections");
  report.figure("connect_rate", static_cast<double>(acked) / connect_s, "connections/s");
  if (rss_before >= 0 && rss_after >= 0 && acked > 0) {
    report.figure("server_rss_before", static_cast<double>(rss_before) / 1024.0, "MiB");
    report.figure("server_rss_after", static_cast<double>(rss_after) / 1024.0, "MiB");
    report.figure("server_rss_per_connection", static_cast<double>(rss_after - rss_before) * 1024.0 / static_cast<double>(acked),
                  "bytes");
  }
  if (acked < o.connections) {
    std::lock_guard lock(c.mutex);
    return error{error_code::unavailable, std::to_string(o.connections - acked) + " connections not acknowledged; first failure: " +
                                              c.first_failure};
  }
  return {};
}

}  // namespace streamhub::loadgen
