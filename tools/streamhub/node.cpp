#include "tools/streamhub/node.hpp"

#include <chrono>
#include <fstream>

#include <spdlog/spdlog.h>

#include "actors/runtime.hpp"
#include "gateway/admin/admin_server.hpp"
#include "gateway/api/api_service.hpp"
#include "gateway/api/api_services.hpp"
#include "gateway/api/relay/relay_hub.hpp"
#include "gateway/auth/jwt.hpp"
#include "gateway/auth/password_hasher.hpp"
#include "gateway/metrics/registry.hpp"
#include "gateway/server.hpp"
#include "storage/rocksdb_event_log.hpp"
#include "tools/streamhub/read_models.hpp"
#include "tools/streamhub/runtime_metrics.hpp"
#include "tools/streamhub/listen_address.hpp"
#include "tools/streamhub/gateway_overrides.hpp"
#include "tools/streamhub/secret_file.hpp"

namespace streamhub::tools {

namespace {

std::int64_t now_us() {
  using namespace std::chrono;
  return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

/// Writes `text` to `path` through a temporary file, so a reader never sees
/// half of it.
result<void> write_file_atomically(const std::filesystem::path& path, const std::string& text) {
  const auto temporary = path.string() + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << text;
    if (!out.flush()) return error{error_code::io_error, "cannot write " + temporary};
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) return error{error_code::io_error, "cannot write " + path.string() + ": " + ec.message()};
  return {};
}

}  // namespace

node::node(node_options options) : options_(std::move(options)) {}

node::~node() { stop(); }

void node::stop() { components_.stop_all(); }

result<std::uint16_t> node::start() {
  auto fail = [this](error e) -> result<std::uint16_t> {
    stop();
    return e;
  };
  std::error_code ec;
  std::filesystem::create_directories(options_.data_dir, ec);
  if (ec) return fail(error{error_code::io_error, "cannot create " + options_.data_dir.string() + ": " + ec.message()});

  storage::rocksdb_event_log_options log_options;
  log_options.durability = options_.durability;
  auto opened = storage::rocksdb_event_log::open(options_.data_dir / "events", log_options);
  if (!opened) return fail(error{opened.err().code, "event log: " + opened.err().message});
  log_ = std::move(*opened);
  spdlog::info("event log {}: format version {}, head position {}", log_->dir().string(),
               log_->format_version(), log_->head_position());
  components_.push("event log", [this] { log_.reset(); });

  actors::runtime_options runtime_options;
  runtime_options.worker_threads = options_.actor_threads;
  runtime_options.viewer_sample_interval = options_.viewer_sample_interval;
  runtime_ = std::make_unique<actors::runtime>(*log_, runtime_options);
  components_.push("entity runtime", [this] { runtime_.reset(); });

  if (options_.read_models) {
    read_models_ = std::make_unique<read_models>(*log_, read_models_options{options_.data_dir, options_.pg_url});
    if (auto started = read_models_->start(); !started) return fail(started.err());
    components_.push("read models", [this] { read_models_.reset(); });
  }

  auto secret = load_or_create_secret(options_.data_dir / "token.key");
  if (!secret) return fail(secret.err());
  gateway::auth::jwt_options jwt;
  jwt.keys.push_back({"k1", *secret});
  jwt.active_key_id = "k1";
  jwt.issuer = "streamhub";
  jwt.audience = "streamhub";
  auto codec = gateway::auth::jwt_codec::create(std::move(jwt));
  if (!codec) return fail(codec.err());
  tokens_ = std::make_shared<const gateway::auth::jwt_codec>(std::move(*codec));
  hasher_ = std::make_unique<gateway::auth::password_hasher>();
  relays_ = std::make_unique<gateway::api::relay_hub>(*runtime_);
  gateway::api::api_options api_options;
  api_options.bootstrap_admins = options_.bootstrap_admins;
  services_ = std::make_unique<gateway::api::api_services>(gateway::api::api_services{
      *runtime_, read_models_ ? read_models_->queries() : nullptr, tokens_, *hasher_, *relays_, api_options,
      now_us});
  auto api = gateway::api::api_service::create(*services_);
  if (!api) return fail(error{api.err().code, "API: " + api.err().message});
  api_ = std::move(*api);
  components_.push("API", [this] {
    api_.reset();
    services_.reset();
    relays_.reset();
    hasher_.reset();
  });

  gateway::server_options server_options;
  server_options.listen = options_.listen;
  server_options.io_threads = options_.io_threads;
  server_options.service = api_;
  server_options.tokens = tokens_;
  server_options.static_dir = options_.web_dir;
  server_options.allowed_origins = options_.allowed_origins;
  server_options.metrics = std::make_shared<gateway::metrics::registry>();
  server_options.metrics->add_collector(runtime_collector(*runtime_, *log_));
  if (read_models_) {
    server_options.metrics->add_collector(read_models_->collector());
    server_options.readiness = [models = read_models_.get()] { return models->caught_up(); };
    server_options.readiness_detail = [models = read_models_.get()] { return models->lagging(); };
  }
  if (options_.limits_off) {
    // Zero disables a cap (limits_options.hpp).
    server_options.limits.max_connections_per_ip = 0;
    server_options.limits.max_connections_per_user = 0;
    server_options.limits.operations_per_ip = {};
    server_options.limits.operations_per_user = {};
    server_options.limits.max_operations_per_connection = 0;
  }
  for (const auto& setting : options_.gateway_overrides)
    if (auto applied = apply_gateway_override(setting, server_options); !applied) return fail(applied.err());
  server_ = std::make_unique<gateway::server>(std::move(server_options));
  auto port = server_->start();
  if (!port) return fail(error{port.err().code, "gateway: " + port.err().message});
  components_.push("gateway", [this] {
    server_->stop();
    server_.reset();
  });
  if (auto admin = start_admin(); !admin) return fail(admin.err());
  return *port;
}

result<void> node::start_admin() {
  auto address = parse_listen_address(options_.admin_listen);
  if (!address) return address.err();
  auto token = load_or_create_secret(options_.data_dir / "admin.token");
  if (!token) return token.err();
  gateway::admin::admin_server_options admin_options;
  admin_options.listen = address->to_string();
  admin_options.allow_remote = options_.admin_allow_remote;
  admin_options.token = std::move(*token);
  admin_ = std::make_unique<gateway::admin::admin_server>(
      std::move(admin_options), gateway::admin::admin_sources{runtime_.get(), server_.get(),
                                    read_models_ ? read_models_->admin_control() : nullptr});
  auto port = admin_->start();
  if (!port) {
    admin_.reset();
    return error{port.err().code, "admin endpoint: " + port.err().message};
  }
  // Where `streamhub admin` connects: a wildcard address is reached on loopback.
  listen_address reach = *address;
  reach.port = *port;
  if (reach.host == "0.0.0.0") reach.host = "127.0.0.1";
  if (reach.host == "::") reach.host = "::1";
  const auto port_file = options_.data_dir / "admin.port";
  components_.push("admin endpoint", [this, port_file] {
    admin_->stop();
    admin_.reset();
    std::error_code ignored;
    std::filesystem::remove(port_file, ignored);
  });
  if (auto written = write_file_atomically(port_file, reach.to_string() + "\n"); !written) return written;
  spdlog::info("admin endpoint on {} (token in {})", reach.to_string(), (options_.data_dir / "admin.token").string());
  return {};
}

std::uint16_t node::admin_port() const { return admin_ ? admin_->port() : 0; }

}  // namespace streamhub::tools
