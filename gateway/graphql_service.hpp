#pragma once
// The seam between the edge and the GraphQL engine + actors behind it.
//
// The edge (HTTP and WebSocket sessions) turns requests into calls on a
// graphql_service and never blocks on the answer: every result comes back
// through a callback or a sink, from any thread, and the session picks it up
// on its own I/O thread. Plain std types only, so an implementation needs no
// Beast or Asio headers.
//
// Payload bytes travel as shared_ptr<const std::string>: one serialised event
// can be handed to thousands of sinks, each holding a reference, none copying.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "gateway/auth/jwt.hpp"

namespace streamhub::gateway {

/// A GraphQL request as both transports carry it.
struct graphql_request {
  /// The document text (the protocol calls it "query"; it may hold mutations).
  std::string query;
  /// Empty when absent.
  std::string operation_name;
  /// Raw JSON object text; empty when absent.
  std::string variables;
  /// Raw JSON object text; empty when absent.
  std::string extensions;
  /// Set for HTTP GET: the service must not run a mutation and answers
  /// execution_outcome::mutation_not_allowed instead.
  bool read_only = false;
};

enum class transport : std::uint8_t { http, websocket };

/// The I/O thread a request came in on, so a service can continue its work
/// there (one task at a time, in order) instead of on whatever thread an
/// answer arrived.
class caller_thread {
 public:
  virtual ~caller_thread() = default;
  /// Runs `task` on the thread after tasks posted before it; callable from
  /// any thread. Dropped once the thread is gone.
  virtual void post(std::function<void()> task) = 0;
  /// True when called on that thread.
  virtual bool is_current() const noexcept = 0;
  /// Equal for handles of the same thread: work for many sessions of one
  /// thread can be posted once and done there for all of them.
  virtual const void* key() const noexcept = 0;
};

/// Who is asking. Claims come from a verified access token (the
/// Authorization header, or the connection_init payload on a WebSocket).
struct auth_context {
  /// Null for an anonymous caller.
  std::shared_ptr<const auth::access_claims> user;
  std::string client_ip;
  transport via = transport::http;
  /// The session's I/O thread; never null for requests from the edge.
  std::shared_ptr<caller_thread> thread;
};

/// What kind of answer a response body is, so HTTP can choose a status code
/// (GraphQL over HTTP: application/json answers 200 for every well-formed
/// request; application/graphql-response+json answers 4xx when no data
/// entry exists).
enum class execution_outcome : std::uint8_t {
  /// Executed: the body has a "data" entry (possibly null, possibly with
  /// field errors). HTTP 200.
  executed,
  /// Refused before execution (syntax, validation, unknown operation,
  /// variable coercion): the body has "errors" and no "data".
  /// HTTP 200 (json) or 400 (graphql-response+json).
  request_error,
  /// A mutation was requested with read_only set. HTTP 405, Allow: POST.
  mutation_not_allowed,
  /// HTTP 401.
  unauthenticated,
  /// HTTP 403.
  forbidden,
  /// HTTP 429 with Retry-After from `retry_after`.
  rate_limited,
  /// HTTP 503 (Retry-After when `retry_after` is set).
  unavailable,
  /// HTTP 500.
  internal,
};

struct execution_result {
  execution_outcome outcome = execution_outcome::executed;
  /// A complete GraphQL response: {"data":...,"errors":[...],"extensions":{...}}.
  std::shared_ptr<const std::string> body;
  std::chrono::milliseconds retry_after{0};
};

using execute_callback = std::function<void(execution_result)>;

/// Where a running operation's results go. Implemented by the WebSocket
/// session. Thread-safe: callable from any thread, but calls for one
/// operation must not overlap (the order of calls is the order of frames).
/// Called on the session's own thread (auth_context::thread), a call takes
/// effect at once, without a post: fan-out to many sessions of one thread
/// costs one post for all of them.
/// After error() or complete(), further calls are ignored; after the session
/// cancels, calls are accepted and dropped.
class subscription_sink {
 public:
  virtual ~subscription_sink() = default;
  /// One ExecutionResult JSON object ({"data":...}), sent as a next frame.
  virtual void next(std::shared_ptr<const std::string> payload) = 0;
  /// A non-empty JSON array of GraphQL errors; ends the operation with an
  /// error frame (no complete follows).
  virtual void error(std::shared_ptr<const std::string> errors) = 0;
  /// Ends the operation with a complete frame.
  virtual void complete() = 0;
};

/// A running operation, owned by the session.
class subscription {
 public:
  /// Must not block; may stop the stream asynchronously.
  virtual ~subscription() = default;
  /// Stops delivery (the client completed, the socket closed, the server is
  /// stopping). Idempotent, thread-safe, must not block and must not call
  /// the sink synchronously. Results already in flight may still reach the
  /// sink; the session drops them.
  virtual void cancel() noexcept = 0;
};

/// Implemented by the GraphQL + actors wiring. Every method is called on an
/// I/O thread and must return without blocking (no waiting on an actor, a
/// hash or a database).
class graphql_service {
 public:
  virtual ~graphql_service() = default;

  /// A query or mutation over HTTP. `done` is called exactly once, from any
  /// thread (possibly before execute returns).
  virtual void execute(graphql_request request, auth_context auth, execute_callback done) = 0;

  /// Any operation over the WebSocket. A subscription sends next per event
  /// until complete or cancel; a query or mutation sends one next then
  /// complete; a request error sends error. Returns the handle the session
  /// uses to cancel; never null.
  virtual std::unique_ptr<subscription> subscribe(graphql_request request, auth_context auth,
                                                  std::shared_ptr<subscription_sink> sink) = 0;
};

}  // namespace streamhub::gateway
