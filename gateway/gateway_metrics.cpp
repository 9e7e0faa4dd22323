#include "gateway/gateway_metrics.hpp"

namespace streamhub::gateway {
namespace {

std::vector<std::string> operation_labels(transport via, const std::string& name) {
  return {via == transport::http ? "http" : "websocket", name.empty() ? "anonymous" : name};
}

}  // namespace

gateway_metrics::gateway_metrics(metrics::registry& r)
    : http_requests(r.counters("streamhub_http_requests_total", "HTTP requests answered.",
                               {"route", "code"})),
      operations(r.counters("streamhub_graphql_operations_total", "GraphQL operations started.",
                            {"transport", "operation"})),
      operation_seconds(r.histograms("streamhub_graphql_operation_seconds",
                                     "GraphQL operation latency (HTTP: to the response; "
                                     "WebSocket: to the first result).",
                                     {"transport", "operation"}, metrics::latency_buckets())),
      rejections(r.counters("streamhub_rejections_total", "Requests or connections refused by a limit.",
                            {"reason"})),
      ws_closes(r.counters("streamhub_websocket_closes_total",
                           "WebSocket connections closed by the server, by close code.", {"code"})),
      http_connections(r.gauges("streamhub_http_connections", "Open HTTP connections.").with({})),
      ws_connections(r.gauges("streamhub_websocket_connections", "Open WebSocket connections.").with({})),
      ws_connections_total(
          r.counters("streamhub_websocket_connections_total", "WebSocket connections accepted.").with({})),
      subscriptions(r.gauges("streamhub_subscriptions", "Active WebSocket operations.").with({})),
      deliveries(r.counters("streamhub_subscription_deliveries_total",
                            "next frames written to WebSocket clients.")
                     .with({})),
      http_bytes_sent(r.counters("streamhub_http_bytes_sent_total", "HTTP response bytes written.").with({})),
      ws_bytes_sent(r.counters("streamhub_websocket_bytes_sent_total",
                               "WebSocket message bytes written.")
                        .with({})) {}

void gateway_metrics::reject(std::string_view reason) {
  rejections.with({std::string(reason)}).inc();
}

void gateway_metrics::count_operation(transport via, const std::string& operation_name) {
  operations.with(operation_labels(via, operation_name)).inc();
}

void gateway_metrics::observe_operation(transport via, const std::string& operation_name,
                                        double seconds) {
  operation_seconds.with(operation_labels(via, operation_name)).observe(seconds);
}

}  // namespace streamhub::gateway
