#pragma once
// A projection: a read model's tables and how events change them. The
// projector (projector.hpp) owns the loop (reading the log, transactions,
// checkpoints, failures); a projection only says what its tables are and
// writes rows for the events it is handed, inside the projector's
// transaction.
//
// A projection's tables live in one PostgreSQL schema, named by whoever runs
// it: proj_<name> for the live tables, another (proj_<name>_next) for a
// rebuild. Its DDL and statements are written once with "{schema}" in place
// of the schema (sql/schema_sql.hpp). While applying, a projection reads and
// writes only its own tables, so each can be rebuilt alone from the log.
//
// Thread-safety: a projection is immutable after construction (any thread);
// a writer is used by one thread, within one transaction.

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "projections/pg/connection_pool.hpp"
#include "projections/read/read_model.hpp"
#include "protocol/error.hpp"
#include "protocol/event_envelope.hpp"

namespace pqxx {
class transaction_base;
}

namespace streamhub::projections {

/// What a writer's rows go into.
enum class write_target : std::uint8_t {
  /// Live tables: serving reads while the projector writes them.
  live,
  /// A rebuild's tables (rebuild.hpp): written by one rebuilder only and read
  /// by nobody until swapped in, so rows that are only ever inserted may be
  /// bulk-loaded (COPY) rather than sent as statements.
  rebuild,
};

/// Writes one transaction's worth of events.
class projection_writer {
 public:
  virtual ~projection_writer() = default;

  /// Applies `event`, one the projection handles(), in log order. It may
  /// buffer rows until flush(). Errors: invalid when the payload does not
  /// decode or breaks the projection's expectations. PostgreSQL failures
  /// arrive as libpqxx exceptions; the projector turns them into errors.
  virtual result<void> apply(const event_envelope& event) = 0;

  /// Called once before the first apply() with the batch that will follow
  /// (relevant events and others), so that a writer can fetch in one query
  /// what it would otherwise look up event by event. Optional; throws as
  /// apply() does.
  virtual void prefetch(std::span<const event_envelope> batch) { (void)batch; }

  /// Writes whatever apply() buffered: afterwards the tables reflect every
  /// event applied so far. Throws as apply() does.
  virtual void flush() = 0;
};

class projection {
 public:
  virtual ~projection() = default;

  /// Which read model this is; its name is the projection's name.
  virtual read::read_model model() const noexcept = 0;
  std::string_view name() const noexcept { return read::to_string(model()); }

  /// Version of the tables and of what the writer puts in them. Raise it
  /// when either changes: tables built by another version are left alone
  /// until rebuilt (READ_MODELS.md, "Versions").
  virtual std::uint32_t version() const noexcept = 0;

  /// Whether events of this dotted type concern the projection. Others are
  /// skipped without being decoded.
  virtual bool handles(std::string_view event_type) const noexcept = 0;

  /// DDL creating every table and index in "{schema}" (which exists, empty).
  virtual std::string_view ddl() const noexcept = 0;

  /// The statements the writer executes by name, with "{schema}" in their SQL.
  virtual std::vector<prepared_statement> statements() const = 0;

  /// A writer for one transaction; it executes the prepared statements on
  /// `tx` (whose connection has them prepared for the target schema, named
  /// `schema`). What it writes must not depend on `target`, only how.
  virtual std::unique_ptr<projection_writer> writer(pqxx::transaction_base& tx,
                                                    const std::string& schema,
                                                    write_target target) const = 0;
};

}  // namespace streamhub::projections
