#pragma once
// The product API behind the edge: implements graphql_service with the
// product schema and its resolvers.
//
// A request's path: the document cache (parse + validate once per distinct
// text) -> operation selection -> the transport's rules (no mutation over
// GET, subscriptions only over WebSocket) -> depth, alias and cost limits
// (QUERY_TOO_COMPLEX) -> the prepared operation (cached) -> variable
// coercion -> optional wait for the read models (extensions.minPosition) ->
// execution on the caller's I/O thread, resolvers asking actors and read
// models without blocking -> the response, with extensions.position when the
// request wrote events.
//
// Thread-safety: as graphql_service (every method on an I/O thread,
// concurrently).

#include <memory>
#include <variant>
#include <vector>

#include "gateway/api/api_services.hpp"
#include "gateway/api/prepared_cache.hpp"
#include "gateway/graphql_service.hpp"
#include "protocol/graphql/execution/resolver_map.hpp"
#include "protocol/graphql/execution/variables.hpp"
#include "protocol/graphql/validation/document_cache.hpp"

namespace streamhub::gateway::api {

struct request_context;

class api_service final : public graphql_service {
 public:
  /// Builds the schema and binds its resolvers. `services` must outlive the
  /// service. Errors: the schema or a binding is broken (a bug).
  static result<std::unique_ptr<api_service>> create(api_services& services);

  void execute(graphql_request request, auth_context auth, execute_callback done) override;
  std::unique_ptr<subscription> subscribe(graphql_request request, auth_context auth,
                                          std::shared_ptr<subscription_sink> sink) override;

  graphql::document_cache::stats document_cache_stats() const { return documents_.statistics(); }

 private:
  struct admitted {
    std::shared_ptr<const graphql::prepared_operation> op;
    std::shared_ptr<const graphql::variable_values> variables;
    /// extensions.minPosition; 0 when absent.
    std::uint64_t min_position = 0;
  };
  struct refused {
    execution_outcome outcome = execution_outcome::request_error;
    std::vector<graphql::graphql_error> errors;
  };

  api_service(api_services& services, std::shared_ptr<const graphql::resolver_map> resolvers);

  /// Everything before execution; see the file comment.
  std::variant<admitted, refused> admit(const graphql_request& request, bool websocket);
  /// A context for an admitted request: who asks, where to continue, how
  /// long read-model fields may wait for extensions.minPosition.
  std::shared_ptr<request_context> context_for(const admitted& a, auth_context auth);
  /// Runs a query or mutation; `done` gets the complete response.
  void run(admitted op, std::shared_ptr<request_context> ctx,
           std::function<void(execution_outcome, std::string)> done);

  api_services& services_;
  std::shared_ptr<const graphql::resolver_map> resolvers_;
  graphql::document_cache documents_;
  prepared_cache prepared_;
};

}  // namespace streamhub::gateway::api
