#pragma once
// The subcommands of the `streamhub` binary. Each lives in its own file and
// registers itself on the command line; main() parses, sets up logging, and
// runs the one chosen. A new subcommand adds an add_*_command here, its own
// .cpp file, and one line in main.cpp.

#include <filesystem>
#include <functional>
#include <string>

namespace CLI {
class App;
}

namespace streamhub::tools {

/// Flags every subcommand shares.
struct common_options {
  /// The server's data directory; the event log lives in DATA/events.
  std::filesystem::path data_dir = "./data";
  /// "text", "json", or "" (text on a terminal, json otherwise).
  std::string log_format;
  std::string log_level = "info";

  std::filesystem::path events_dir() const { return data_dir / "events"; }
};

/// Runs the chosen subcommand after parsing; returns the exit code.
using command_runner = std::function<int()>;

/// `streamhub serve`: serve_command.cpp.
void add_serve_command(CLI::App& app, const common_options& common, command_runner& run);
/// `streamhub log` and `streamhub log stats`: log_command.cpp.
void add_log_command(CLI::App& app, const common_options& common, command_runner& run);
/// `streamhub replay`: replay_command.cpp.
void add_replay_command(CLI::App& app, const common_options& common, command_runner& run);
/// `streamhub admin`: admin_command.cpp.
void add_admin_command(CLI::App& app, const common_options& common, command_runner& run);

}  // namespace streamhub::tools
