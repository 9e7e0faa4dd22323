// `streamhub admin`: the shell for a running node's admin endpoint
// (tools/streamhub/admin_shell.hpp).

#include <memory>

#include <CLI/CLI.hpp>

#include "tools/streamhub/admin_shell.hpp"
#include "tools/streamhub/commands.hpp"

namespace streamhub::tools {

void add_admin_command(CLI::App& app, const common_options& common, command_runner& run) {
  auto options = std::make_shared<admin_shell_options>();
  CLI::App* cmd = app.add_subcommand(
      "admin", "Inspect and operate a running node (interactive on a terminal; else one command a line from stdin)");
  cmd->add_option("--connect", options->connect,
                  "HOST:PORT of the node's admin endpoint (default: the one DATA/admin.port names)");
  cmd->add_option("--token-file", options->token_file, "file holding the admin token (default: DATA/admin.token)");
  cmd->add_option("--history", options->history_file, "history file (default: ~/.streamhub_admin_history)");
  cmd->add_option("-c,--command", options->command, "run this one command and exit, e.g. -c 'inspect user:alice'");
  cmd->fallthrough();
  cmd->callback([&common, &run, options] {
    run = [&common, options] {
      options->data_dir = common.data_dir;
      return run_admin_shell(*options);
    };
  });
}

}  // namespace streamhub::tools
