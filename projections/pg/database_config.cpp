#include "projections/pg/database_config.hpp"

#include <cstdlib>

namespace streamhub::projections {

database_config resolve_database_config(const std::filesystem::path& data_dir,
                                        const std::optional<std::string>& cli_url) {
  database_config config;
  if (cli_url && !cli_url->empty()) {
    config.url = *cli_url;
  } else if (const char* env = std::getenv("STREAMHUB_PG"); env != nullptr && *env != '\0') {
    config.url = env;
  }
  config.embedded.data_dir = data_dir / "pg";
  return config;
}

database_server::database_server(std::string conninfo, std::unique_ptr<embedded_cluster> cluster)
    : conninfo_(std::move(conninfo)), cluster_(std::move(cluster)) {}

database_server::~database_server() = default;
database_server::database_server(database_server&&) noexcept = default;
database_server& database_server::operator=(database_server&&) noexcept = default;

result<void> database_server::stop() {
  if (!cluster_) return {};
  return cluster_->stop();
}

result<database_server> open_database(const database_config& config) {
  if (!config.url.empty()) return database_server(config.url, nullptr);
  auto cluster = std::make_unique<embedded_cluster>(config.embedded);
  if (auto started = cluster->start(); !started) return std::move(started).err();
  std::string conninfo = cluster->conninfo();
  return database_server(std::move(conninfo), std::move(cluster));
}

result<database_server> open_shared_database(const database_config& config) {
  if (!config.url.empty()) return database_server(config.url, nullptr);
  auto cluster = std::make_unique<embedded_cluster>(config.embedded);
  auto attached = cluster->attach();
  if (!attached) return std::move(attached).err();
  if (!*attached) return open_database(config);
  std::string conninfo = cluster->conninfo();
  return database_server(std::move(conninfo), std::move(cluster));
}

}  // namespace streamhub::projections
