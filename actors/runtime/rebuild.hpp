#pragma once
// Rebuilding an entity's state from the log: the latest snapshot when it is
// ahead of what the caller has, then every later event. Used by entity actors
// at activation (their own state and their replicas) and by operators'
// point-in-time inspection ("state at version N"), which never touches the
// live actor.

#include <functional>
#include <limits>
#include <string>

#include "actors/entities/entity_codec.hpp"
#include "storage/event_log.hpp"

namespace streamhub::actors {

/// Brings (`state`, `version`) of entity `login` forward to `up_to` (or the
/// head). `on_event` sees each event applied from the log (not those
/// covered by the snapshot). A snapshot is used when it lies between what
/// the caller has and `up_to`; unreadable ones are ignored (snapshots are an
/// optimisation only).
/// Errors: corrupt, io_error, or invalid for an event that does not decode.
template <class Entity>
result<void> rebuild(const storage::event_log& log, std::string_view login,
                     typename Entity::state& state, event_number& version,
                     event_number up_to = std::numeric_limits<event_number>::max(),
                     const std::function<void(const event_envelope&)>& on_event = {}) {
  const std::string stream = stream_of<Entity>(login);
  auto snap = log.load_snapshot(stream);
  if (snap && *snap && (*snap)->version > version && (*snap)->version <= up_to &&
      (*snap)->schema_version == Entity::snapshot_schema) {
    if (auto decoded = Entity::decode_state((*snap)->state, (*snap)->schema_version)) {
      state = std::move(*decoded);
      version = (*snap)->version;
    }
  }
  if (version >= up_to) return {};
  std::optional<error> failure;
  const auto max_count = static_cast<std::size_t>(
      std::min<event_number>(up_to - version, std::numeric_limits<std::size_t>::max()));
  auto scanned = log.scan_stream(stream, version + 1, max_count, [&](const event_envelope& e) {
    auto event = decode_entity_event<Entity>(e);
    if (!event) {
      failure = error{event.err().code, stream + " v" + std::to_string(e.version) + ": " +
                                            event.err().message};
      return false;
    }
    Entity::apply(state, event_meta{e.id, e.timestamp_us, e.version, e.position, e.actor}, *event);
    version = e.version;
    if (on_event) on_event(e);
    return true;
  });
  if (!scanned) return std::move(scanned).err();
  if (failure) return *failure;
  return {};
}

}  // namespace streamhub::actors
