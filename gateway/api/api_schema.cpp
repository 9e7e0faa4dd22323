#include "gateway/api/api_schema.hpp"

#include "gateway/api/resolvers/bindings.hpp"
#include "protocol/graphql/schema_builder.hpp"
#include "protocol/product_schema.hpp"

namespace streamhub::gateway::api {

result<std::shared_ptr<const graphql::resolver_map>> make_api_resolvers() {
  auto schema = graphql::build_schema(product_schema_sdl());
  if (!schema) return schema.to_error();
  auto map = std::make_shared<graphql::resolver_map>(*schema);
  for (auto bind : {bind_entity_fields, bind_query_fields, bind_account_mutations, bind_user_mutations,
                    bind_channel_mutations, bind_chat_mutations, bind_subscription_fields,
                    bind_read_model_fields})
    if (auto r = bind(*map); !r) return std::move(r).err();
  return std::shared_ptr<const graphql::resolver_map>(std::move(map));
}

}  // namespace streamhub::gateway::api
