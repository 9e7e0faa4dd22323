#include "projections/projection_schema.hpp"

#include <pqxx/connection_base>
#include <pqxx/result>
#include <pqxx/transaction>

#include "projections/pg/pg_error.hpp"
#include "projections/sql/schema_sql.hpp"

namespace streamhub::projections {
namespace {

// Serialises creators of one target (two-key advisory locks: a space of
// their own, apart from the migrations' one-key lock).
constexpr const char* lock_target_sql =
    "SELECT pg_advisory_xact_lock(hashtext('streamhub.projection'), hashtext($1))";

constexpr const char* select_checkpoint_sql =
    "SELECT position, version, status, last_error FROM projection_checkpoints "
    "WHERE projection = $1";

bool schema_exists(pqxx::transaction_base& tx, std::string_view schema) {
  return !tx.exec_params("SELECT 1 FROM pg_namespace WHERE nspname = $1", std::string(schema))
              .empty();
}

error bad_schema(std::string_view schema) {
  return error{error_code::invalid, "not a usable schema name: '" + std::string(schema) + "'"};
}

}  // namespace

std::string live_schema(read::read_model model) {
  return "proj_" + std::string(read::to_string(model));
}

std::string rebuild_schema(read::read_model model) { return live_schema(model) + "_next"; }

std::string rebuild_checkpoint(std::string_view projection, std::string_view schema) {
  std::string key(projection);
  key += '@';
  key += schema;
  return key;
}

result<target_state> ensure_target(pqxx::connection_base& connection, const projection& p,
                                   std::string_view schema, std::string_view checkpoint) {
  if (!sql::valid_schema_name(schema)) return bad_schema(schema);
  return pg_guard("prepare the tables of " + std::string(checkpoint),
                  [&]() -> result<target_state> {
    pqxx::work tx(connection);
    tx.exec_params(lock_target_sql, std::string(checkpoint));
    const auto rows = tx.exec_params(select_checkpoint_sql, std::string(checkpoint));
    target_state state;
    if (!rows.empty()) {
      const auto row = rows[0];
      state.position = row[0].as<log_position>();
      state.version = row[1].as<std::uint32_t>();
      state.status = row[2].as<std::string>();
      if (!row[3].is_null()) state.last_error = row[3].as<std::string>();
      tx.commit();
      return state;
    }
    if (schema_exists(tx, schema)) {
      return error{error_code::conflict,
                   "schema " + std::string(schema) + " exists but checkpoint '" +
                       std::string(checkpoint) + "' does not; drop the schema to rebuild it"};
    }
    state.version = p.version();
    state.status = checkpoint == p.name() ? "running" : "replaying";
    state.created = true;
    tx.exec0("CREATE SCHEMA " + std::string(schema));
    tx.exec0(sql::with_schema(p.ddl(), schema));
    tx.exec_params0(
        "INSERT INTO projection_checkpoints (projection, position, status, version) "
        "VALUES ($1, 0, $2, $3)",
        std::string(checkpoint), state.status, state.version);
    tx.commit();
    return state;
  });
}

result<void> swap_in(pqxx::connection_base& connection, const projection& p,
                     std::string_view schema) {
  if (!sql::valid_schema_name(schema)) return bad_schema(schema);
  return pg_guard("swap in " + rebuild_checkpoint(p.name(), schema), [&]() -> result<void> {
    pqxx::work tx(connection);
    if (auto swapped = swap_in(tx, p, schema); !swapped) return swapped;
    tx.commit();
    return {};
  });
}

result<void> swap_in(pqxx::transaction_base& tx, const projection& p, std::string_view schema) {
  if (!sql::valid_schema_name(schema)) return bad_schema(schema);
  const std::string live_key(p.name());
  const std::string rebuild_key = rebuild_checkpoint(p.name(), schema);
  const std::string live = live_schema(p.model());
  return pg_guard("swap in " + rebuild_key, [&]() -> result<void> {
    // Locks both rows: the live projector's next transaction waits here and
    // then finds its row gone.
    const auto rows = tx.exec_params(
        "SELECT projection, position FROM projection_checkpoints "
        "WHERE projection IN ($1, $2) ORDER BY projection FOR UPDATE",
        live_key, rebuild_key);
    std::optional<log_position> live_position, rebuild_position;
    for (const auto& row : rows) {
      (row[0].as<std::string>() == live_key ? live_position : rebuild_position) =
          row[1].as<log_position>();
    }
    if (!rebuild_position) {
      return error{error_code::not_found, "no rebuild " + rebuild_key};
    }
    if (live_position && *rebuild_position < *live_position) {
      return error{error_code::conflict, "rebuild " + rebuild_key + " is at position " +
                                             std::to_string(*rebuild_position) +
                                             ", behind the live tables at " +
                                             std::to_string(*live_position)};
    }
    if (schema_exists(tx, live)) tx.exec0("DROP SCHEMA " + live + " CASCADE");
    tx.exec0("ALTER SCHEMA " + std::string(schema) + " RENAME TO " + live);
    tx.exec_params0("DELETE FROM projection_checkpoints WHERE projection = $1", live_key);
    tx.exec_params0(
        "UPDATE projection_checkpoints SET projection = $1, status = 'running', "
        "updated_at = now() WHERE projection = $2",
        live_key, rebuild_key);
    tx.exec_params0("DELETE FROM dead_letters WHERE projection = $1", live_key);
    tx.exec_params0("UPDATE dead_letters SET projection = $1 WHERE projection = $2", live_key,
                    rebuild_key);
    return {};
  });
}

}  // namespace streamhub::projections
