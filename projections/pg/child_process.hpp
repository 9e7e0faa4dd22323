#pragma once
// Runs a program as a child process and waits for it: fork + exec, never a
// shell, optionally under another user's identity (PostgreSQL refuses to run
// as root, so a server started as root runs initdb and pg_ctl as an
// unprivileged user).
//
// Between fork and exec the child calls only async-signal-safe functions,
// so this is safe from a multi-threaded process. The child starts with the
// given environment only, stdin from /dev/null, stdout and stderr captured,
// default signal handling, and no file descriptors but 0-2 (a server's
// listening sockets must not leak into a PostgreSQL that outlives it).

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "projections/pg/system_user.hpp"
#include "protocol/error.hpp"

namespace streamhub::projections {

struct child_options {
  /// Run under this user's uid and gid (supplementary groups: only its own
  /// gid). REQUIRES: the process runs as root. None: as the caller.
  std::optional<system_user> run_as;
  /// The child is killed (SIGKILL) when it runs longer than this.
  std::chrono::milliseconds timeout{60'000};
  /// The child's whole environment, "NAME=value" each.
  std::vector<std::string> environment{"PATH=/usr/local/bin:/usr/bin:/bin", "LC_ALL=C"};
  std::filesystem::path working_directory{"/"};
};

struct child_outcome {
  /// The exit status; 128 + N when killed by signal N; 127 when the program
  /// could not be executed, 126 when the identity could not be switched.
  int exit_code = 0;
  /// stdout and stderr interleaved (the last 64 KiB of it).
  std::string output;
};

/// Runs `argv[0]` (an absolute path) with arguments `argv` and waits for it
/// to exit. A non-zero exit is a successful outcome with that exit code.
/// Errors: invalid (empty argv), timeout (the child was killed; the message
/// holds its output so far), io_error (fork, pipes or wait failed).
/// Thread-safety: may be called from any thread.
result<child_outcome> run_child(const std::vector<std::string>& argv,
                                const child_options& options = {});

/// `outcome.output` tail of at most `max_chars`, for error messages.
std::string output_tail(const child_outcome& outcome, std::size_t max_chars = 1000);

}  // namespace streamhub::projections
