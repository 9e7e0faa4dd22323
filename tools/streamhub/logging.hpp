#pragma once
// Process-wide logging through spdlog, to stderr: readable lines on a
// terminal, one JSON object per line otherwise (for log collectors):
//
//   {"time":"2026-11-22T10:17:03.120431Z","level":"info","logger":"streamhub","msg":"..."}
//
// Thread-safety: set up once at start-up, before other threads log; the
// loggers themselves are thread-safe.

#include <string>
#include <string_view>

#include "protocol/error.hpp"

namespace streamhub::tools {

enum class log_format { text, json };

/// "text" or "json"; "" picks text when stderr is a terminal, json
/// otherwise. Errors: invalid.
result<log_format> parse_log_format(std::string_view name);

/// Installs the default logger: format, and level ("trace", "debug",
/// "info", "warn", "error", "critical", "off"). Errors: invalid level.
result<void> setup_logging(log_format format, std::string_view level);

}  // namespace streamhub::tools
