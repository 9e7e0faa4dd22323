#pragma once
// Scenario `connections`: opens N graphql-transport-ws connections (each
// acknowledged: connection_init answered by connection_ack), spread over
// `sources` loopback source addresses 127.0.0.2, 127.0.0.3, ... so that one
// address's ephemeral port range is no bound; holds them for `hold_s`, then
// closes them. Reports the connect rate and, given the server's pid, the
// growth of its resident memory per connection (/proc/<pid>/status).

#include <cstdint>
#include <string>
#include <sys/types.h>

#include "tools/loadgen/run_report.hpp"

namespace streamhub::loadgen {

struct connections_options {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
  std::size_t threads = 1;
  std::size_t connections = 10000;
  std::size_t sources = 64;
  std::size_t in_flight = 500;  // connections being opened at once
  double hold_s = 5;
  pid_t server_pid = 0;  // 0: memory not reported
};

/// Runs the scenario and adds its figures to `report`. Errors: unavailable
/// when the connections could not all be opened in time.
result<void> run_connections(const connections_options& options, run_report& report);

}  // namespace streamhub::loadgen
