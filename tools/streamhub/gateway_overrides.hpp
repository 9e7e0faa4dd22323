#pragma once
// `serve --limit NAME=VALUE`: one gateway limit or timeout set from the
// command line, for operators tuning a node and for tests that need a limit
// small enough to reach (a 100 ms init timeout, a bucket of 3 operations).

#include <string>
#include <string_view>

#include "protocol/error.hpp"

namespace streamhub::gateway {
struct server_options;
}

namespace streamhub::tools {

/// Applies one "NAME=VALUE" to `options`. Names: the fields of
/// gateway::limits::limits_options with a byte or count value
/// (max_body_bytes, max_message_bytes, max_queued_bytes, max_queued_frames,
/// max_operations_per_connection, max_connections_per_ip, ...), the token
/// buckets as BURST/PER_SECOND (operations_per_ip=5/1), and the timeouts of
/// gateway::server_options in milliseconds (connection_init_timeout_ms,
/// shutdown_timeout_ms, ...). 0 disables a cap, as in limits_options.
/// Errors: invalid, naming the setting, when the name is unknown or the
/// value is not a non-negative number (a bucket: two).
result<void> apply_gateway_override(std::string_view setting, gateway::server_options& options);

/// The names apply_gateway_override knows, comma-separated (for --help).
std::string gateway_override_names();

}  // namespace streamhub::tools
