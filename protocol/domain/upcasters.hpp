#pragma once
// Upcasters lift an event payload written under an older schema version to the
// current one, one version at a time, so that events (facts, never rewritten)
// written by older builds keep replaying. Register one when a payload's shape
// changes and its struct's schema_version is raised.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "protocol/error.hpp"

namespace streamhub::domain {

/// Rewrites a payload (JSON text) of `type` from version v to v + 1.
using upcaster = std::function<result<std::string>(std::string_view payload)>;

/// Registers the step from `from_version` to `from_version + 1` for `type`.
/// Meant for start-up; not thread-safe against concurrent upcast_payload.
void register_upcaster(std::string_view type, std::uint32_t from_version, upcaster step);

/// Lifts `payload` from `from_version` to `to_version`. Errors: invalid when a
/// step is missing or fails, or when from_version > to_version (written by a
/// newer build).
result<std::string> upcast_payload(std::string_view type, std::uint32_t from_version,
                                   std::uint32_t to_version, std::string_view payload);

}  // namespace streamhub::domain
