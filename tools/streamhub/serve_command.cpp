// `streamhub serve`: starts the server's components in order, runs until
// SIGINT or SIGTERM, and stops them in reverse order.
//
// Components so far: the event log. The gateway (HTTP and WebSocket on
// --listen) is not part of this build yet, so nothing listens: the address
// is only validated.

#include <memory>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "storage/rocksdb_event_log.hpp"
#include "tools/streamhub/commands.hpp"
#include "tools/streamhub/component_stack.hpp"
#include "tools/streamhub/listen_address.hpp"
#include "tools/streamhub/signals.hpp"

namespace streamhub::tools {

namespace {

struct serve_options {
  std::string listen = "127.0.0.1:8080";
};

int serve(const common_options& common, const serve_options& options) {
  auto listen = parse_listen_address(options.listen);
  if (!listen) {
    spdlog::error("{}", listen.err().message);
    return 2;
  }
  // Before any component starts a thread, so that only sigwait sees them.
  block_shutdown_signals();

  std::unique_ptr<storage::rocksdb_event_log> event_log;
  component_stack components;

  auto opened = storage::rocksdb_event_log::open(common.events_dir());
  if (!opened) {
    spdlog::error("cannot open the event log: {}", opened.err().message);
    return 1;
  }
  event_log = std::move(*opened);
  spdlog::info("event log {} open: format version {}, head position {}",
               event_log->dir().string(), event_log->format_version(),
               event_log->head_position());
  components.push("event log", [&event_log] { event_log.reset(); });

  spdlog::warn("the gateway is not part of this build: nothing listens on {}",
               listen->to_string());
  spdlog::info("streamhub running; SIGINT or SIGTERM stops it");
  const std::string signal = wait_for_shutdown_signal();
  spdlog::info("{} received: stopping", signal);
  components.stop_all();
  spdlog::info("streamhub stopped");
  return 0;
}

}  // namespace

void add_serve_command(CLI::App& app, const common_options& common, command_runner& run) {
  auto options = std::make_shared<serve_options>();
  CLI::App* cmd = app.add_subcommand("serve", "Run the server until SIGINT or SIGTERM");
  cmd->add_option("--listen", options->listen, "HOST:PORT for the gateway")->capture_default_str();
  cmd->fallthrough();
  cmd->callback([&common, &run, options] {
    run = [&common, options] { return serve(common, *options); };
  });
}

}  // namespace streamhub::tools
