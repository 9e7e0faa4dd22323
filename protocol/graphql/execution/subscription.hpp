#pragma once
// Subscriptions (spec 6.2.3): CreateSourceEventStream and
// MapSourceToResponseEvent.
//
//   1. Once per subscription request: create_source_stream calls the
//      subscription resolver of the operation's single root field (bound
//      with resolver_map::bind_subscription) with the coerced arguments;
//      it returns the application's source stream handle, or request
//      errors ({"errors":[...]}, no data).
//   2. Once per source event: execute_event executes the operation's
//      selection set with the event as the root value and answers
//      {"data":{"field":...}} (plus "errors"). The root field's value is
//      the event itself unless a resolver is bound for it (then that
//      resolver gets the event as its parent), so an event is typically
//      the field's object, e.g. a property_object of the new message.
//
// Per event nothing is parsed, planned or looked up by name: coerce the
// variables once, prepare once, and run execute_event per event. The
// response bytes depend only on the document, variables and event, so the
// caller can share them among every subscriber of the same document.
//
// Thread-safety: as execute.hpp.

#include <memory>

#include "protocol/graphql/execution/execute.hpp"
#include "protocol/graphql/execution/prepared_operation.hpp"
#include "protocol/graphql/execution/resolver.hpp"
#include "protocol/graphql/execution/variables.hpp"

namespace streamhub::graphql {

/// Errors (graphql-js's words): no subscription type; argument coercion
/// (located, with the field's path); the resolver's field_error (located,
/// with path and extensions); no resolver or a null stream ("Subscription
/// field must return Async Iterable. Received: undefined.").
/// REQUIRES: op.type() == operation_type::subscription.
outcome<source_stream> create_source_stream(const prepared_operation& op,
                                            const variable_values& variables, const value& root,
                                            void* context);

/// execute() with `event` as the root value.
void execute_event(std::shared_ptr<const prepared_operation> op,
                   std::shared_ptr<const variable_values> variables, value event,
                   execution_options options, completion_fn done);

}  // namespace streamhub::graphql
