#pragma once
// What the API's resolvers reach: the entity runtime, the read models, the
// token codec and password hasher, the subscription relays. Owned by the
// server's start-up code; outlives every request.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>

#include "gateway/api/api_options.hpp"

namespace streamhub::actors {
class runtime;
}
namespace streamhub::projections::read {
class query_service;
}
namespace streamhub::gateway::auth {
class jwt_codec;
class password_hasher;
}  // namespace streamhub::gateway::auth

namespace streamhub::gateway::api {

class relay_hub;

struct api_services {
  actors::runtime& runtime;
  /// Null when the node runs without read models (lists and history then
  /// answer UNAVAILABLE). Its callbacks run on its own threads, never on an
  /// I/O thread.
  projections::read::query_service* reads = nullptr;
  std::shared_ptr<const auth::jwt_codec> tokens;
  auth::password_hasher& hasher;
  relay_hub& relays;
  api_options options;
  /// Microseconds since the epoch.
  std::function<std::int64_t()> clock;
};

}  // namespace streamhub::gateway::api
