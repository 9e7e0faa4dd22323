#pragma once
// Everything one request's resolvers share: who asks, where to continue,
// what the request wrote, and per-request caches of loaded entities. Handed
// to the engine as the execution's context pointer and kept alive until the
// response is complete.
//
// Thread-safety: resolvers run on the execution's thread (one at a time);
// only `max_position` is written from other threads (actor answers).

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "gateway/api/api_services.hpp"
#include "gateway/graphql_service.hpp"
#include "protocol/domain/command_context.hpp"
#include "protocol/graphql/execution/execute.hpp"
#include "protocol/graphql/execution/prepared_operation.hpp"
#include "protocol/graphql/execution/variables.hpp"

namespace streamhub::gateway::api {

class entity_loaders;
class user_row_loader;

struct request_context {
  api_services& services;
  auth_context auth;
  /// The caller's login (lower case), or empty when anonymous.
  std::string viewer;
  bool viewer_is_admin = false;
  /// Continues the execution on its own thread.
  graphql::post_fn post;
  /// The highest log position this request's mutations wrote: answered as
  /// extensions.position (read-your-writes).
  std::atomic<std::uint64_t> max_position{0};
  /// For subscription resolvers: where results go and what to execute.
  std::shared_ptr<subscription_sink> sink;
  std::shared_ptr<const graphql::prepared_operation> op;
  std::shared_ptr<const graphql::variable_values> variables;
  /// The request's variables as sent (JSON text): with the operation, what
  /// makes two subscriptions render alike.
  std::string variables_text;
  /// Per-request loaders (users, channels) that deduplicate entity reads.
  std::unique_ptr<entity_loaders> loaders;
  /// Read-your-writes: extensions.minPosition (0: none). Read-model fields
  /// first wait until the models they read have applied it, at most until
  /// `read_deadline`.
  std::uint64_t min_position = 0;
  std::chrono::steady_clock::time_point read_deadline{};
  /// Batched loads of read-model user rows; made on first use
  /// (read_queries.hpp), null on nodes without read models.
  std::shared_ptr<user_row_loader> user_rows;

  request_context(api_services& s, auth_context a);
  ~request_context();

  bool logged_in() const noexcept { return !viewer.empty(); }
  /// A command context for the viewer: caller, display name, admin flag,
  /// and, when an `idempotency_key` is given, a command id derived from it,
  /// the viewer and `mutation` (so the same key for the same mutation names
  /// the same command, whose retry changes nothing); else a fresh id.
  domain::command_context command(std::string_view mutation,
                                  std::string_view idempotency_key = {}) const;
  void wrote(std::uint64_t position) noexcept;
};

}  // namespace streamhub::gateway::api
