#pragma once
// Scenario `http`: a GraphQL query mix POSTed over N keep-alive connections,
// either at a fixed total rate (latency from each request's intended send
// time: coordinated-omission safe) or closed-loop (rate 0: each connection
// sends its next request when the last is answered; latency from the send).
// Answers that are not HTTP 200 with "data" and no "errors" count as errors.

#include <cstdint>
#include <string>
#include <vector>

#include "tools/loadgen/run_report.hpp"

namespace streamhub::loadgen {

struct http_options {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
  std::string path = "/graphql";
  std::size_t threads = 1;
  std::size_t connections = 64;
  double rate = 0;  // requests/s over all connections; 0: closed loop
  double duration_s = 10;
  double warmup_s = 1;  // run, not measured, before the measured part
  std::uint64_t max_requests = 0;  // 0: no bound but the duration
  /// Bodies sent round-robin (JSON {"query", "variables"}).
  std::vector<std::string> bodies;
};

/// The query mix over channel `login`: the channel with its owner, and the
/// owner's profile; both answered from entity state.
std::vector<std::string> default_query_mix(const std::string& login);

/// Runs the scenario and adds its figures to `report`. Errors: unavailable
/// when no connection could be opened.
result<void> run_http(const http_options& options, run_report& report);

}  // namespace streamhub::loadgen
