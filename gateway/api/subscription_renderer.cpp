#include "gateway/api/subscription_renderer.hpp"

#include "gateway/api/entity_loaders.hpp"
#include "protocol/graphql/execution/subscription.hpp"

namespace streamhub::gateway::api {

subscription_renderer::subscription_renderer(api_services& services, auth_context auth,
                                             std::shared_ptr<const graphql::prepared_operation> op,
                                             std::shared_ptr<const graphql::variable_values> variables,
                                             event_mapper events, viewers_mapper viewers)
    : services_(services),
      auth_(std::move(auth)),
      op_(std::move(op)),
      variables_(std::move(variables)),
      events_(std::move(events)),
      viewers_(std::move(viewers)) {}

void subscription_renderer::render(const actors::published_event_ptr& event, render_callback done) {
  auto root = events_ ? events_(*event) : graphql::value();
  if (root.is_null()) return done(nullptr);
  render_value(std::move(root), std::move(done));
}

void subscription_renderer::render_viewers(std::uint64_t viewers, render_callback done) {
  if (!viewers_) return done(nullptr);
  render_value(viewers_(viewers), std::move(done));
}

void subscription_renderer::render_value(graphql::value root, render_callback done) {
  auto ctx = std::make_shared<request_context>(services_, auth_);
  ctx->post = [exec = exec_](graphql::task_fn task) { exec->post(std::move(task)); };
  graphql::execution_options options;
  options.context = ctx.get();
  options.post = ctx->post;
  options.limits.max_response_bytes = services_.options.max_response_bytes;
  options.limits.max_resolver_calls = services_.options.max_resolver_calls;
  // The execution starts inside the serial executor, like its continuations.
  exec_->post([op = op_, vars = variables_, root = std::move(root), options = std::move(options), ctx,
               done = std::move(done)]() mutable {
    graphql::execute_event(op, vars, std::move(root), std::move(options),
                           [ctx, done = std::move(done)](graphql::execution_response r) {
                             done(std::make_shared<const std::string>(std::move(r.json)));
                           });
  });
}

}  // namespace streamhub::gateway::api
