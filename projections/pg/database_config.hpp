#pragma once
// Which PostgreSQL a node uses: the server named by a URL (`--pg URL` or the
// STREAMHUB_PG environment variable), or by default a private cluster
// embedded in the data directory (DATA/pg), started and stopped with the node.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "projections/pg/embedded_cluster.hpp"
#include "protocol/error.hpp"

namespace streamhub::projections {

struct database_config {
  /// A libpq URL or connection string; empty: the embedded cluster.
  std::string url;
  /// The embedded cluster's settings (data_dir: DATA/pg). Unused with a URL.
  embedded_cluster_options embedded;
};

/// The configuration for a node with data directory `data_dir`: the URL is
/// `cli_url` (from --pg) when given and not empty, else $STREAMHUB_PG when
/// set and not empty, else none (embedded, in `data_dir`/pg).
database_config resolve_database_config(const std::filesystem::path& data_dir,
                                        const std::optional<std::string>& cli_url);

/// The PostgreSQL in use. Owns the embedded cluster, if any: destroying the
/// object stops it. Thread-safety: none (one owner).
class database_server {
 public:
  database_server(std::string conninfo, std::unique_ptr<embedded_cluster> cluster);
  ~database_server();
  database_server(database_server&&) noexcept;
  database_server& operator=(database_server&&) noexcept;

  /// Where to connect (libpq connection string or URL).
  const std::string& conninfo() const noexcept { return conninfo_; }
  /// The embedded cluster; null when a URL was configured.
  embedded_cluster* cluster() noexcept { return cluster_.get(); }

  /// Stops the embedded cluster (no-op with a URL). Errors: as
  /// embedded_cluster::stop.
  result<void> stop();

 private:
  std::string conninfo_;
  std::unique_ptr<embedded_cluster> cluster_;
};

/// Starts the embedded cluster when no URL is configured, and says where to
/// connect. A URL is not checked here: PostgreSQL may be down when a node
/// starts (projectors retry; the read side answers unavailable).
/// Errors: as embedded_cluster::start.
result<database_server> open_database(const database_config& config);

/// As open_database, for a tool working beside a node (`streamhub replay`):
/// when the embedded cluster is already running, it connects to that server
/// and leaves it running; otherwise it starts the cluster as open_database
/// does, and stops it when the returned object is destroyed.
/// Errors: as embedded_cluster::attach and start.
result<database_server> open_shared_database(const database_config& config);

}  // namespace streamhub::projections
