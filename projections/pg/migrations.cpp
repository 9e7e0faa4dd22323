#include "projections/pg/migrations.hpp"

#include <pqxx/connection>
#include <pqxx/nontransaction>
#include <pqxx/result>
#include <pqxx/transaction>

#include <cstdio>
#include <map>
#include <optional>

#include "projections/pg/pg_error.hpp"
#include "protocol/crc32c.hpp"

namespace streamhub::projections {
namespace {

std::string label(const migration& m) {
  char version[16];
  std::snprintf(version, sizeof version, "%04u", m.version);
  return std::string(version) + "_" + std::string(m.name);
}

result<void> validate(std::span<const migration> migrations) {
  std::uint32_t previous = 0;
  for (const auto& m : migrations) {
    if (m.version <= previous || m.name.empty()) {
      return error{error_code::invalid, "migrations must have ascending non-zero versions and "
                                        "names; " + label(m) + " does not fit"};
    }
    previous = m.version;
  }
  return {};
}

struct applied_row {
  std::string name;
  std::uint32_t checksum = 0;
};

// Compares what the database has applied with what we know. Returns the
// index of the first migration still to apply.
result<std::size_t> reconcile(const std::map<std::uint32_t, applied_row>& applied,
                              std::span<const migration> migrations) {
  std::map<std::uint32_t, const migration*> known;
  for (const auto& m : migrations) known.emplace(m.version, &m);
  for (const auto& [version, row] : applied) {
    const auto it = known.find(version);
    if (it == known.end()) {
      return error{error_code::unsupported_format,
                   "the database has migration " + std::to_string(version) + " (" + row.name +
                       ") applied, which this build does not know: it was migrated by a newer "
                       "build"};
    }
    const auto ours = migration_checksum(it->second->sql);
    if (ours != row.checksum) {
      return error{error_code::corrupt,
                   "migration " + label(*it->second) + " was changed after it was applied "
                   "(checksum " + std::to_string(row.checksum) + " in the database, " +
                       std::to_string(ours) + " in this build); restore it and add a new "
                       "migration instead"};
    }
  }
  std::size_t next = 0;
  while (next < migrations.size() && applied.count(migrations[next].version) != 0) ++next;
  for (std::size_t i = next; i < migrations.size(); ++i) {
    if (!applied.empty() && migrations[i].version < applied.rbegin()->first) {
      return error{error_code::unsupported_format,
                   "migration " + label(migrations[i]) + " was never applied, but a newer one was "
                   "(" + std::to_string(applied.rbegin()->first) + "); migrations apply in order"};
    }
  }
  return next;
}

}  // namespace

std::uint32_t migration_checksum(std::string_view sql) noexcept {
  return crc32c(sql.data(), sql.size());
}

result<migration_report> apply_migrations(const std::string& conninfo,
                                          std::span<const migration> migrations,
                                          const migration_options& options) {
  if (auto valid = validate(migrations); !valid) return std::move(valid).err();
  std::optional<pqxx::connection> connection;
  std::map<std::uint32_t, applied_row> applied;
  auto locked = pg_guard("lock and read schema_migrations", [&] {
    connection.emplace(conninfo);
    pqxx::nontransaction session(*connection);
    session.exec0("SET lock_timeout = " + std::to_string(options.lock_timeout.count()));
    // Session-level: held across the per-migration transactions below, and
    // released by the server if this process dies.
    session.exec_params("SELECT pg_advisory_lock($1)", migration_lock_key);
    session.exec0(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version integer PRIMARY KEY,"
        " name text NOT NULL,"
        " checksum bigint NOT NULL,"
        " applied_at timestamptz NOT NULL DEFAULT now())");
    for (const auto& row : session.exec("SELECT version, name, checksum FROM schema_migrations")) {
      applied[row[0].as<std::uint32_t>()] = {row[1].as<std::string>(), row[2].as<std::uint32_t>()};
    }
  });
  if (!locked) return std::move(locked).err();
  auto next = reconcile(applied, migrations);
  if (!next) return std::move(next).err();

  migration_report report;
  report.already_applied = *next;
  for (std::size_t i = *next; i < migrations.size(); ++i) {
    const auto& m = migrations[i];
    auto done = pg_guard("apply migration " + label(m), [&] {
      pqxx::work tx(*connection);
      tx.exec(std::string(m.sql));
      tx.exec_params0("INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
                      m.version, std::string(m.name), migration_checksum(m.sql));
      tx.commit();
    });
    if (!done) return std::move(done).err();
    report.applied.push_back(m.version);
  }
  return report;  // closing the connection releases the lock
}

}  // namespace streamhub::projections
