// Lists, history, search and timelines, answered from the read models
// (projections/read/). Without read models on this node they answer
// UNAVAILABLE.
#include "gateway/api/resolvers/bindings.hpp"
#include "gateway/api/resolvers/resolver_support.hpp"

namespace streamhub::gateway::api {

namespace {

using graphql::field_call;
using graphql::field_result;

field_result unavailable(const field_call&) {
  return graphql::field_error("read models are not available on this node", "UNAVAILABLE");
}

}  // namespace

result<void> bind_read_model_fields(graphql::resolver_map& map) {
  for (std::string_view field : {"liveStreams", "chatHistory", "followers", "following", "notifications",
                                 "homeTimeline", "search", "streamSessions"})
    if (auto r = map.bind("Query", field, unavailable); !r) return r;
  for (std::string_view field : {"followingCount", "posts"})
    if (auto r = map.bind("User", field, unavailable); !r) return r;
  return {};
}

}  // namespace streamhub::gateway::api
