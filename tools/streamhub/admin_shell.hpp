#pragma once
// The `streamhub admin` shell: sends admin commands (gateway/admin/
// admin_command.hpp) to a node's admin endpoint and prints the answers.
//
// Interactive on a terminal (line editing, history, tab completion of
// commands and entity ids through GNU readline); otherwise it reads one
// command a line from standard input. `-c` runs one command. A lost
// connection is reported, and the next command connects again (re-reading
// the endpoint's address and token, so a restarted node is found).
//
// Thread-safety: runs on the calling thread; one shell per process (the
// readline callbacks are process-wide).

#include <filesystem>
#include <optional>
#include <string>

#include "protocol/error.hpp"
#include "tools/streamhub/admin_output.hpp"
#include "tools/streamhub/listen_address.hpp"

namespace streamhub::tools {

struct admin_shell_options {
  /// HOST:PORT of the endpoint; empty: read from `data_dir`/admin.port.
  std::string connect;
  std::filesystem::path data_dir = "./data";
  /// Empty: `data_dir`/admin.token.
  std::filesystem::path token_file;
  /// Empty: ~/.streamhub_admin_history (or none without a home directory).
  std::filesystem::path history_file;
  /// Run this one command and exit.
  std::optional<std::string> command;
};

/// Where to connect: `options.connect`, or the address the node wrote.
/// Errors: invalid (a bad address), not_found (no admin.port: is the node
/// running?).
result<listen_address> locate_endpoint(const admin_shell_options& options);

/// The token from the token file. Errors: not_found, io_error.
result<std::string> read_admin_token(const admin_shell_options& options);

/// Runs the shell until end of input (or after `options.command`). Returns
/// the exit code: 0 when every command succeeded, 1 when one failed, 2 when
/// the endpoint could not be reached at all.
int run_admin_shell(const admin_shell_options& options);

}  // namespace streamhub::tools
