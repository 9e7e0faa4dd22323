#include "protocol/graphql/execution/execute.hpp"

#include "protocol/graphql/execution/execution_state.hpp"

namespace streamhub::graphql {

void execute(std::shared_ptr<const prepared_operation> op,
             std::shared_ptr<const variable_values> variables, execution_options options,
             completion_fn done) {
  auto state = std::make_shared<detail::execution_state>(std::move(op), std::move(variables),
                                                         std::move(options), std::move(done));
  state->start();
}

void execute(std::shared_ptr<const prepared_operation> op, std::string_view variables_json,
             execution_options options, completion_fn done) {
  auto variables = coerce_variables(*op, variables_json);
  if (!variables) {
    done(execution_response{request_error_response(variables.errors()), false});
    return;
  }
  execute(std::move(op), std::move(variables).value(), std::move(options), std::move(done));
}

std::string request_error_response(std::span<const graphql_error> errors) {
  return "{\"errors\":" + to_json(errors) + "}";
}

}  // namespace streamhub::graphql
