#include "gateway/api/read_queries.hpp"

namespace streamhub::gateway::api {

graphql::field_error no_read_models() {
  return graphql::field_error("read models are not available on this node", "UNAVAILABLE");
}

result<projections::read::page_request> page_request_of(const graphql::field_call& call) {
  const auto max = call.context_as<request_context>()->services.options.max_page;
  const auto first = call.args().get_int("first");
  if (!first || *first < 1 || *first > static_cast<std::int64_t>(max))
    return error{error_code::invalid, "first must be between 1 and " + std::to_string(max)};
  projections::read::page_request request;
  request.first = static_cast<int>(*first);
  if (auto after = call.args().get_string("after")) request.after = std::string(*after);
  return request;
}

std::shared_ptr<user_row_loader> user_rows_of(request_context& ctx) {
  if (!ctx.user_rows)
    ctx.user_rows =
        std::make_shared<user_row_loader>(*ctx.services.reads, ctx.post, ctx.min_position, ctx.read_deadline);
  return ctx.user_rows;
}

page_users page_users_of(request_context& ctx) { return page_users{ctx.viewer, user_rows_of(ctx)}; }

}  // namespace streamhub::gateway::api
