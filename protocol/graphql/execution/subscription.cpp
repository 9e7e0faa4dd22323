#include "protocol/graphql/execution/subscription.hpp"

#include <string>

#include "protocol/graphql/execution/plan.hpp"

namespace streamhub::graphql {

namespace {

graphql_error located(std::string message, const detail::operation_plan& plan,
                      const detail::field_plan& f) {
  graphql_error e(std::move(message));
  for (const field_node* node : f.nodes) e.locations.push_back(plan.doc->location(node->offset));
  e.path.emplace_back(std::string(f.info.response_name));
  return e;
}

subscribe_result call_subscriber(const subscribe_fn& fn, const field_call& call) {
  try {
    return fn(call);
  } catch (const std::exception& e) {
    return field_error(e.what());
  } catch (...) {
    return field_error("The subscription resolver failed.");
  }
}

}  // namespace

outcome<source_stream> create_source_stream(const prepared_operation& op,
                                            const variable_values& variables, const value& root,
                                            void* context) {
  const detail::operation_plan& plan = op.plan();
  if (plan.root_type == nullptr) {
    return graphql_error("Schema is not configured to execute subscription operation.",
                         plan.doc->location(plan.operation->offset));
  }
  const selection_span sets[] = {plan.operation->selection_set};
  const auto fields = detail::build_selection_plan(plan, *plan.root_type, sets, variables);
  if (fields->error) return *fields->error;
  if (fields->fields.empty()) return graphql_error("The subscription has no root field.");
  const detail::field_plan& f = fields->fields.front();

  detail::argument_slots slots;
  std::vector<value> temps;
  argument_values args;
  if (auto failure = detail::resolve_arguments(f, variables, op.resolvers(), slots, temps, args)) {
    graphql_error e(std::move(failure->message), plan.doc->location(failure->offset));
    e.path.emplace_back(std::string(f.info.response_name));
    return e;
  }
  const subscribe_fn* subscriber = op.resolvers().find_subscriber(*f.info.definition);
  if (subscriber == nullptr) {
    return graphql_error("Subscription field must return Async Iterable. Received: undefined.");
  }
  const field_call call(root, args, context, f.info, nullptr);
  subscribe_result result = call_subscriber(*subscriber, call);
  if (auto* err = std::get_if<field_error>(&result)) {
    graphql_error e = located(std::move(err->message), plan, f);
    e.extensions = std::move(err->extensions);
    return e;
  }
  source_stream stream = std::get<source_stream>(std::move(result));
  if (stream == nullptr) {
    return graphql_error("Subscription field must return Async Iterable. Received: null.");
  }
  return stream;
}

void execute_event(std::shared_ptr<const prepared_operation> op,
                   std::shared_ptr<const variable_values> variables, value event,
                   execution_options options, completion_fn done) {
  options.root = std::move(event);
  execute(std::move(op), std::move(variables), std::move(options), std::move(done));
}

}  // namespace streamhub::graphql
