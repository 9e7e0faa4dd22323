#pragma once
// Where a projection's tables live, and how a rebuild replaces them.
//
// A target is a schema plus a checkpoint row: the live tables of projection
// "chat" are schema proj_chat with checkpoint row "chat"; a rebuild writes
// schema proj_chat_next with checkpoint row "chat@proj_chat_next". A target
// is created in one transaction (schema, tables from the projection's DDL,
// checkpoint row at position 0 with the projection's version), so there is
// never one without the other.
//
// swap_in() makes a rebuild the live tables in one transaction: the live
// schema is dropped, the rebuild's renamed to it, and its checkpoint row
// takes the live one's place. Statements prepared on any connection name
// tables by schema and name, and PostgreSQL re-plans them after the rename,
// so readers and the live projector carry on against the new tables.
//
// Thread-safety: free functions; each uses the connection it is given.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "projections/projection.hpp"
#include "protocol/error.hpp"
#include "protocol/event_envelope.hpp"

namespace pqxx {
class connection_base;
class transaction_base;
}

namespace streamhub::projections {

/// The schema of `model`'s live tables: "proj_chat".
std::string live_schema(read::read_model model);

/// Checkpoint row of a rebuild of `projection` into `schema`: "chat@proj_chat_next".
std::string rebuild_checkpoint(std::string_view projection, std::string_view schema);

/// The rebuild schema of `projection`'s live tables: "proj_chat_next".
std::string rebuild_schema(read::read_model model);

/// A target's checkpoint row.
struct target_state {
  log_position position = 0;
  /// The projection version that built the tables.
  std::uint32_t version = 0;
  std::string status;
  std::optional<std::string> last_error;
  /// This call created the schema and the row.
  bool created = false;
};

/// Returns the checkpoint row `checkpoint`, first creating it and schema
/// `schema` with `p`'s tables when the row does not exist. Concurrent callers
/// for one checkpoint are serialised (advisory lock).
/// Errors: invalid (bad schema name), conflict (the schema exists but the
/// row does not: tables nobody accounts for, left alone), unavailable,
/// internal.
result<target_state> ensure_target(pqxx::connection_base& connection, const projection& p,
                                   std::string_view schema, std::string_view checkpoint);

/// Swaps the rebuild in `schema` (checkpoint rebuild_checkpoint(name, schema))
/// in as `p`'s live tables, in one transaction: drops the live schema, renames
/// `schema` to it, moves the rebuild's checkpoint row (and dead letters) to
/// the live key with status 'running'. A running live projector notices at
/// its next transaction (its checkpoint row changed) and continues from the
/// rebuild's position.
/// Errors: not_found (no such rebuild), conflict (the rebuild is behind the
/// live checkpoint: catch it up first), invalid, unavailable, internal.
result<void> swap_in(pqxx::connection_base& connection, const projection& p,
                     std::string_view schema);

/// As above, inside `tx`, which the caller commits: a caller holding the live
/// checkpoint row in `tx` (so that the live projector waits) can bring the
/// rebuild level with it before swapping. Errors: as above; on an error the
/// caller must roll `tx` back.
result<void> swap_in(pqxx::transaction_base& tx, const projection& p, std::string_view schema);

}  // namespace streamhub::projections
