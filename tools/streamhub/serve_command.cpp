// `streamhub serve`: starts a node (tools/streamhub/node.hpp), runs until
// SIGINT or SIGTERM, and stops it.

#include <filesystem>
#include <memory>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "gateway/server_options.hpp"
#include "tools/streamhub/commands.hpp"
#include "tools/streamhub/gateway_overrides.hpp"
#include "tools/streamhub/listen_address.hpp"
#include "tools/streamhub/node.hpp"
#include "tools/streamhub/signals.hpp"

namespace streamhub::tools {

namespace {

struct serve_options {
  std::string listen = "127.0.0.1:8080";
  std::size_t io_threads = 0;
  std::size_t actor_threads = 0;
  unsigned viewer_sample_seconds = 60;
  std::string durability = "sync";
  std::string web_dir = STREAMHUB_DEFAULT_WEB_DIR;
  std::vector<std::string> admins;
  std::vector<std::string> origins;
  std::string pg_url;
  bool no_pg = false;
  bool limits_off = false;
  std::vector<std::string> limits;
  std::string admin_listen = "127.0.0.1:0";
  bool admin_allow_remote = false;
};

int serve(const common_options& common, const serve_options& options) {
  auto listen = parse_listen_address(options.listen);
  if (!listen) {
    spdlog::error("{}", listen.err().message);
    return 2;
  }
  // Before any component starts a thread, so that only sigwait sees them.
  block_shutdown_signals();

  node_options n;
  n.data_dir = common.data_dir;
  n.listen = listen->to_string();
  n.io_threads = options.io_threads;
  n.actor_threads = options.actor_threads;
  n.viewer_sample_interval = std::chrono::seconds(options.viewer_sample_seconds);
  n.durability = options.durability == "async" ? storage::durability::async : storage::durability::sync;
  if (std::filesystem::is_directory(options.web_dir)) n.web_dir = options.web_dir;
  n.bootstrap_admins = options.admins;
  n.allowed_origins = options.origins;
  if (!options.pg_url.empty()) n.pg_url = options.pg_url;
  n.read_models = !options.no_pg;
  n.limits_off = options.limits_off;
  n.gateway_overrides = options.limits;
  n.admin_listen = options.admin_listen;
  n.admin_allow_remote = options.admin_allow_remote;
  if (n.limits_off) spdlog::warn("--limits-off: no per-IP or per-user connection and rate caps (load tests only)");
  node server{std::move(n)};
  auto port = server.start();
  if (!port) {
    spdlog::error("cannot start: {}", port.err().message);
    return 1;
  }
  spdlog::info("streamhub serving on http://{}:{}/graphql (GraphiQL at /graphiql); SIGINT or SIGTERM stops it",
               listen->host, *port);
  const std::string signal = wait_for_shutdown_signal();
  spdlog::info("{} received: stopping", signal);
  server.stop();
  spdlog::info("streamhub stopped");
  return 0;
}

}  // namespace

void add_serve_command(CLI::App& app, const common_options& common, command_runner& run) {
  auto options = std::make_shared<serve_options>();
  CLI::App* cmd = app.add_subcommand("serve", "Run the server until SIGINT or SIGTERM");
  cmd->add_option("--listen", options->listen, "HOST:PORT for the gateway (port 0: any free port)")
      ->capture_default_str();
  cmd->add_option("--io-threads", options->io_threads, "gateway I/O threads (0: one per core)")
      ->capture_default_str();
  cmd->add_option("--actor-threads", options->actor_threads, "actor worker threads (0: one per core)")
      ->capture_default_str();
  cmd->add_option("--viewer-sample-seconds", options->viewer_sample_seconds,
                  "how often a live channel records its viewer count (liveStreams order, session peaks)")
      ->check(CLI::Range(1u, 3600u))
      ->capture_default_str();
  cmd->add_option("--durability", options->durability,
                  "sync: acknowledge appends once the log is synced; async: once written")
      ->check(CLI::IsMember({"sync", "async"}))
      ->capture_default_str();
  cmd->add_option("--web", options->web_dir, "directory of the web app served at /")->capture_default_str();
  cmd->add_option("--admin", options->admins, "login made an admin when it registers (repeatable)");
  cmd->add_option("--allow-origin", options->origins, "origin allowed to open WebSockets (repeatable; none: any)");
  cmd->add_option("--pg", options->pg_url,
                  "PostgreSQL URL for the read models (default: $STREAMHUB_PG, else a private cluster in DATA/pg)");
  cmd->add_flag("--no-pg", options->no_pg,
                "run without PostgreSQL and projections: lists, history and search answer UNAVAILABLE")
      ->excludes("--pg");
  cmd->add_flag("--limits-off", options->limits_off,
                "lift per-IP and per-user connection and operation-rate caps (load tests from one machine only)");
  cmd->add_option("--admin-listen", options->admin_listen,
                  "HOST:PORT of the admin endpoint (port 0: any free port, written to DATA/admin.port)")
      ->capture_default_str();
  cmd->add_flag("--admin-allow-remote", options->admin_allow_remote,
                "allow a non-loopback --admin-listen address (the token is then all that guards the node)");
  cmd->add_option("--limit", options->limits,
                  "NAME=VALUE: set one gateway limit or timeout (repeatable; 0 disables a cap). Names: " +
                      gateway_override_names())
      ->check([](const std::string& setting) {
        gateway::server_options scratch;
        auto applied = apply_gateway_override(setting, scratch);
        return applied ? std::string() : applied.err().message;
      });
  cmd->fallthrough();
  cmd->callback([&common, &run, options] {
    run = [&common, options] { return serve(common, *options); };
  });
}

}  // namespace streamhub::tools
