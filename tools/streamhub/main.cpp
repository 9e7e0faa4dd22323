// streamhub: one binary, one subcommand per job (serve, log, ...).

#include <cstdio>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "tools/streamhub/commands.hpp"
#include "tools/streamhub/logging.hpp"

int main(int argc, char** argv) {
  using namespace streamhub::tools;
  common_options common;
  command_runner run;

  CLI::App app{"StreamHub: the backend of a live-streaming platform"};
  app.add_option("--data", common.data_dir, "Data directory")->capture_default_str();
  app.add_option("--log-format", common.log_format,
                 "text or json (default: text on a terminal, json otherwise)");
  app.add_option("--log-level", common.log_level, "trace, debug, info, warn, error, off")
      ->capture_default_str();
  app.require_subcommand(1);
  add_serve_command(app, common, run);
  add_log_command(app, common, run);
  add_replay_command(app, common, run);
  add_admin_command(app, common, run);
  CLI11_PARSE(app, argc, argv);

  auto format = parse_log_format(common.log_format);
  if (!format) {
    std::fprintf(stderr, "streamhub: %s\n", format.err().message.c_str());
    return 2;
  }
  if (auto r = setup_logging(*format, common.log_level); !r) {
    std::fprintf(stderr, "streamhub: %s\n", r.err().message.c_str());
    return 2;
  }
  return run();
}
