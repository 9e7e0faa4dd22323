#pragma once
// The gateway's instruments, registered once in a metrics::registry and
// updated by the sessions. Families with an "operation" label are capped at
// registry::default_max_series series because operation names come from
// clients.

#include <string>
#include <string_view>

#include "gateway/graphql_service.hpp"
#include "gateway/metrics/registry.hpp"

namespace streamhub::gateway {

/// Thread-safe: every member is a family or an instrument.
struct gateway_metrics {
  explicit gateway_metrics(metrics::registry& registry);

  /// streamhub_http_requests_total{route,code}
  metrics::family<metrics::counter>& http_requests;
  /// streamhub_graphql_operations_total{transport,operation}
  metrics::family<metrics::counter>& operations;
  /// streamhub_graphql_operation_seconds{transport,operation}: request to
  /// response (HTTP), subscribe to first result (WebSocket).
  metrics::family<metrics::histogram>& operation_seconds;
  /// streamhub_rejections_total{reason}
  metrics::family<metrics::counter>& rejections;
  /// streamhub_websocket_closes_total{code}: closes the server initiated.
  metrics::family<metrics::counter>& ws_closes;

  metrics::gauge& http_connections;
  metrics::gauge& ws_connections;
  metrics::counter& ws_connections_total;
  metrics::gauge& subscriptions;
  metrics::counter& deliveries;
  metrics::counter& http_bytes_sent;
  metrics::counter& ws_bytes_sent;

  void reject(std::string_view reason);
  void count_operation(transport via, const std::string& operation_name);
  void observe_operation(transport via, const std::string& operation_name, double seconds);
};

}  // namespace streamhub::gateway
