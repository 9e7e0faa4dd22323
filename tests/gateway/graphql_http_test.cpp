#include "gateway/graphql_http.hpp"

#include <gtest/gtest.h>

namespace streamhub::gateway {
namespace {

TEST(graphql_http, negotiates_by_q_value_and_order) {
  using enum graphql_media_type;
  EXPECT_EQ(negotiate_media_type(""), graphql_response_json);
  EXPECT_EQ(negotiate_media_type("application/json"), json);
  EXPECT_EQ(negotiate_media_type("application/graphql-response+json"), graphql_response_json);
  EXPECT_EQ(negotiate_media_type("application/graphql-response+json; charset=utf-8, application/json; charset=utf-8"),
            graphql_response_json);
  EXPECT_EQ(negotiate_media_type("application/json, application/graphql-response+json;q=0.5"), json);
  EXPECT_EQ(negotiate_media_type("application/json;q=0.2, application/graphql-response+json;q=0.9"),
            graphql_response_json);
  EXPECT_EQ(negotiate_media_type("*/*"), graphql_response_json);
  EXPECT_EQ(negotiate_media_type("text/html"), std::nullopt);
  EXPECT_EQ(negotiate_media_type("application/json;q=0"), std::nullopt);
}

TEST(graphql_http, decodes_get_parameters) {
  auto request = decode_get("query=%7Bme%7D&operationName=Me&variables=%7B%22a%22%3A1%7D&extensions=");
  ASSERT_FALSE(request) << "empty extensions is not JSON";
  request = decode_get("query=%7Bme%7D&operationName=Me&variables=%7B%22a%22%3A1%7D");
  ASSERT_TRUE(request) << request.err().message;
  EXPECT_EQ(request->query, "{me}");
  EXPECT_EQ(request->operation_name, "Me");
  EXPECT_EQ(request->variables, R"({"a":1})");
  EXPECT_TRUE(request->read_only);
  EXPECT_FALSE(decode_get("operationName=Me"));
  EXPECT_FALSE(decode_get("query=a&variables=%5B1%5D"));
  EXPECT_TRUE(decode_get("query=a&variables=null"));
}

TEST(graphql_http, decodes_post_bodies) {
  auto request = decode_post("application/json; charset=utf-8",
                             R"({"query":"{a}","operationName":"A","variables":null,"extensions":{"p":1}})");
  ASSERT_TRUE(request);
  EXPECT_EQ(request->operation_name, "A");
  EXPECT_TRUE(request->variables.empty());
  EXPECT_EQ(request->extensions, R"({"p":1})");
  EXPECT_FALSE(request->read_only);
  EXPECT_EQ(decode_post("text/plain", "{}").err().code, error_code::unsupported_format);
  EXPECT_EQ(decode_post("", "{}").err().code, error_code::unsupported_format);
  EXPECT_EQ(decode_post("application/json", "{").err().code, error_code::invalid);
  EXPECT_EQ(decode_post("application/json", R"({"query":"a","operationName":1})").err().code,
            error_code::invalid);
}

TEST(graphql_http, status_codes_follow_the_media_type) {
  using enum execution_outcome;
  EXPECT_EQ(status_for(executed, graphql_media_type::graphql_response_json), 200u);
  EXPECT_EQ(status_for(request_error, graphql_media_type::graphql_response_json), 400u);
  EXPECT_EQ(status_for(request_error, graphql_media_type::json), 200u);
  EXPECT_EQ(status_for(mutation_not_allowed, graphql_media_type::json), 405u);
  EXPECT_EQ(status_for(rate_limited, graphql_media_type::json), 429u);
  EXPECT_EQ(status_for(unauthenticated, graphql_media_type::json), 401u);
}

}  // namespace
}  // namespace streamhub::gateway
