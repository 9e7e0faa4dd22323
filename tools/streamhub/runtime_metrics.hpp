#pragma once
// /metrics families of the entity runtime and the event log: active actors
// by kind, activations, commands, appends (and failed ones), published
// events, live subscriptions, and the log's head position. Read at scrape
// time from runtime::stats() (atomic counters) and event_log::head_position().

#include "gateway/metrics/registry.hpp"

namespace streamhub::actors {
class runtime;
}
namespace streamhub::storage {
class event_log;
}

namespace streamhub::tools {

/// A collector over `runtime` and `log`, which must outlive the registry it
/// is added to (or at least every scrape).
gateway::metrics::collector runtime_collector(const actors::runtime& runtime, const storage::event_log& log);

}  // namespace streamhub::tools
