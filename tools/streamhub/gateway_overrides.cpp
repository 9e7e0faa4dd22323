#include "tools/streamhub/gateway_overrides.hpp"

#include <charconv>
#include <chrono>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

#include "gateway/server_options.hpp"

namespace streamhub::tools {

namespace {

using setter = std::function<bool(std::string_view value, gateway::server_options&)>;

template <class Number>
std::optional<Number> parse_number(std::string_view text) {
  Number n{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc{} || end != text.data() + text.size() || n < Number{}) return std::nullopt;
  return n;
}

setter count(std::size_t gateway::limits::limits_options::*field) {
  return [field](std::string_view value, gateway::server_options& o) {
    const auto n = parse_number<std::size_t>(value);
    if (n) o.limits.*field = *n;
    return n.has_value();
  };
}

setter bucket(gateway::limits::token_bucket_config gateway::limits::limits_options::*field) {
  return [field](std::string_view value, gateway::server_options& o) {
    const auto slash = value.find('/');
    if (slash == std::string_view::npos) return false;
    const auto burst = parse_number<double>(value.substr(0, slash));
    const auto rate = parse_number<double>(value.substr(slash + 1));
    if (!burst || !rate) return false;
    o.limits.*field = {*burst, *rate};
    return true;
  };
}

setter millis(std::chrono::milliseconds gateway::server_options::*field) {
  return [field](std::string_view value, gateway::server_options& o) {
    const auto n = parse_number<std::int64_t>(value);
    if (n) o.*field = std::chrono::milliseconds(*n);
    return n.has_value();
  };
}

const std::vector<std::pair<std::string_view, setter>>& setters() {
  using L = gateway::limits::limits_options;
  using S = gateway::server_options;
  static const std::vector<std::pair<std::string_view, setter>> table{
      {"max_body_bytes", count(&L::max_body_bytes)},
      {"max_header_bytes", count(&L::max_header_bytes)},
      {"max_message_bytes", count(&L::max_message_bytes)},
      {"max_queued_bytes", count(&L::max_queued_bytes)},
      {"max_queued_frames", count(&L::max_queued_frames)},
      {"max_operations_per_connection", count(&L::max_operations_per_connection)},
      {"max_operation_id_bytes", count(&L::max_operation_id_bytes)},
      {"max_connections_per_ip", count(&L::max_connections_per_ip)},
      {"max_connections_per_user", count(&L::max_connections_per_user)},
      {"operations_per_ip", bucket(&L::operations_per_ip)},
      {"operations_per_user", bucket(&L::operations_per_user)},
      {"connection_init_timeout_ms", millis(&S::connection_init_timeout)},
      {"ping_interval_ms", millis(&S::ping_interval)},
      {"idle_timeout_ms", millis(&S::idle_timeout)},
      {"close_timeout_ms", millis(&S::close_timeout)},
      {"http_idle_timeout_ms", millis(&S::http_idle_timeout)},
      {"shutdown_timeout_ms", millis(&S::shutdown_timeout)},
  };
  return table;
}

}  // namespace

result<void> apply_gateway_override(std::string_view setting, gateway::server_options& options) {
  const auto eq = setting.find('=');
  const std::string_view name = setting.substr(0, eq);
  for (const auto& [known, set] : setters()) {
    if (known != name) continue;
    if (eq != std::string_view::npos && set(setting.substr(eq + 1), options)) return {};
    return error{error_code::invalid, "bad value in --limit " + std::string(setting) +
                                          (name.starts_with("operations_per_") ? " (BURST/PER_SECOND)" : "")};
  }
  return error{error_code::invalid, "unknown limit '" + std::string(name) + "' (known: " + gateway_override_names() + ")"};
}

std::string gateway_override_names() {
  std::string names;
  for (const auto& [name, set] : setters()) {
    if (!names.empty()) names += ", ";
    names += name;
  }
  return names;
}

}  // namespace streamhub::tools
