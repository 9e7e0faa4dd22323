#pragma once
// One running StreamHub node: every component, started in dependency order
// and stopped in reverse: the event log, the entity runtime, the token keys
// and password hasher, the read models (PostgreSQL, projections, queries;
// tools/streamhub/read_models.hpp), the product API, the gateway on --listen, the admin
// endpoint on --admin-listen (gateway/admin/admin_server.hpp).
//
// Thread-safety: start() and stop() from one controlling thread.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "protocol/error.hpp"
#include "storage/event_log.hpp"
#include "tools/streamhub/component_stack.hpp"

namespace streamhub::storage {
class rocksdb_event_log;
}
namespace streamhub::actors {
class runtime;
}
namespace streamhub::gateway {
class server;
namespace auth {
class jwt_codec;
class password_hasher;
}  // namespace auth
namespace admin {
class admin_server;
}  // namespace admin
namespace api {
class relay_hub;
class api_service;
struct api_services;
}  // namespace api
}  // namespace streamhub::gateway

namespace streamhub::tools {

class read_models;

struct node_options {
  std::filesystem::path data_dir = "./data";
  std::string listen = "127.0.0.1:8080";
  /// 0: one per core.
  std::size_t io_threads = 0;
  std::size_t actor_threads = 0;
  /// How often a live channel records its viewer count as an event (what
  /// liveStreams orders by and stream sessions' peaks are made of).
  std::chrono::seconds viewer_sample_interval{60};
  storage::durability durability = storage::durability::sync;
  /// The web app's directory served at /; empty: none.
  std::string web_dir;
  /// Logins made admins when they register.
  std::vector<std::string> bootstrap_admins;
  /// Origins allowed to open WebSockets; empty: any.
  std::vector<std::string> allowed_origins;
  /// PostgreSQL of the read models (--pg): a libpq URL. Unset or empty:
  /// $STREAMHUB_PG, else a private cluster in DATA/pg.
  std::optional<std::string> pg_url;
  /// false (--no-pg): no PostgreSQL and no projections; lists, history and
  /// search answer UNAVAILABLE.
  bool read_models = true;
  /// Lifts the edge's per-IP and per-user caps (connections, operation
  /// rates) for load tests from one machine; size limits stay. Never for
  /// a node facing the public.
  bool limits_off = false;
  /// "NAME=VALUE" gateway limits and timeouts (--limit), applied after
  /// limits_off; tools/streamhub/gateway_overrides.hpp names them.
  std::vector<std::string> gateway_overrides;
  /// HOST:PORT of the admin endpoint (port 0: any free one, written to
  /// DATA/admin.port); loopback only unless admin_allow_remote.
  std::string admin_listen = "127.0.0.1:0";
  bool admin_allow_remote = false;
};

class node {
 public:
  explicit node(node_options options);
  /// Stops whatever runs.
  ~node();
  node(const node&) = delete;
  node& operator=(const node&) = delete;

  /// Starts every component; answers the port the gateway listens on.
  /// On an error, whatever started is stopped again.
  result<std::uint16_t> start();
  /// Stops every component, the gateway first. Idempotent.
  void stop();

  /// The admin endpoint's port; 0 when not running.
  std::uint16_t admin_port() const;

 private:
  result<void> start_admin();

  node_options options_;
  component_stack components_;
  std::unique_ptr<storage::rocksdb_event_log> log_;
  std::unique_ptr<actors::runtime> runtime_;
  std::unique_ptr<read_models> read_models_;
  std::shared_ptr<const gateway::auth::jwt_codec> tokens_;
  std::unique_ptr<gateway::auth::password_hasher> hasher_;
  std::unique_ptr<gateway::api::relay_hub> relays_;
  std::unique_ptr<gateway::api::api_services> services_;
  std::shared_ptr<gateway::api::api_service> api_;
  std::unique_ptr<gateway::server> server_;
  std::unique_ptr<gateway::admin::admin_server> admin_;
};

}  // namespace streamhub::tools
