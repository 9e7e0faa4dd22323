#include "protocol/graphql_ws/message.hpp"

#include <gtest/gtest.h>

#include <string>

namespace streamhub::graphql_ws {
namespace {

void expect_invalid(std::string_view text, std::string_view reason_part) {
  auto parsed = parse_message(text);
  ASSERT_FALSE(parsed) << text;
  EXPECT_EQ(parsed.err().code, error_code::invalid);
  EXPECT_NE(parsed.err().message.find(reason_part), std::string::npos)
      << text << " -> " << parsed.err().message;
}

TEST(parse_message, connection_init_with_and_without_payload) {
  auto bare = parse_message(R"({"type":"connection_init"})");
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->type, message_type::connection_init);
  EXPECT_TRUE(bare->payload.empty());
  auto null_payload = parse_message(R"({"type":"connection_init","payload":null})");
  ASSERT_TRUE(null_payload);
  EXPECT_TRUE(null_payload->payload.empty());
  auto with = parse_message(R"({"type":"connection_init","payload":{"token":"abc"}})");
  ASSERT_TRUE(with);
  EXPECT_EQ(with->payload, R"({"token":"abc"})");
}

TEST(parse_message, subscribe_keeps_variables_as_raw_json) {
  auto parsed = parse_message(
      R"({"id":"1","type":"subscribe","payload":{"query":"{ a }","operationName":null,)"
      R"("variables":{"x":[1,2]},"extensions":null}})");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->type, message_type::subscribe);
  EXPECT_EQ(parsed->id, "1");
  EXPECT_EQ(parsed->subscribe.query, "{ a }");
  EXPECT_TRUE(parsed->subscribe.operation_name.empty());
  EXPECT_EQ(parsed->subscribe.variables, R"({"x":[1,2]})");
  EXPECT_TRUE(parsed->subscribe.extensions.empty());
}

TEST(parse_message, every_type_is_recognised) {
  for (auto text : {R"({"type":"connection_ack"})", R"({"type":"ping"})",
                    R"({"type":"pong","payload":{"a":1}})", R"({"id":"x","type":"complete"})",
                    R"({"id":"x","type":"next","payload":{"data":null}})",
                    R"({"id":"x","type":"error","payload":[{"message":"m"}]})"}) {
    EXPECT_TRUE(parse_message(text)) << text;
  }
}

TEST(parse_message, rejects_wrong_shapes_with_a_reason) {
  expect_invalid("", "not valid JSON");
  expect_invalid("{", "not valid JSON");
  expect_invalid("[]", "expected to be an object");
  expect_invalid("42", "expected to be an object");
  expect_invalid(R"({})", "missing the 'type'");
  expect_invalid(R"({"type":""})", "missing the 'type'");
  expect_invalid(R"({"type":7})", "to be a string");
  expect_invalid(R"({"type":"start"})", R"(Invalid message 'type' property "start")");
  expect_invalid(R"({"type":"ping","payload":[1]})", "object or nullish");
  expect_invalid(R"({"type":"connection_init","payload":"tok"})", "object or nullish");
  expect_invalid(R"({"type":"subscribe","payload":{"query":"{a}"}})", "'id' property to be a string");
  expect_invalid(R"({"id":"","type":"subscribe","payload":{"query":"{a}"}})", "non-empty 'id'");
  expect_invalid(R"({"id":1,"type":"complete"})", "'id' property to be a string");
  expect_invalid(R"({"id":"1","type":"subscribe"})", "'payload' property to be an object");
  expect_invalid(R"({"id":"1","type":"subscribe","payload":{}})", "'query' property");
  expect_invalid(R"({"id":"1","type":"subscribe","payload":{"query":1}})", "'query' property");
  expect_invalid(R"({"id":"1","type":"subscribe","payload":{"query":"q","variables":[]}})",
                 "'variables'");
  expect_invalid(R"({"id":"1","type":"subscribe","payload":{"query":"q","operationName":3}})",
                 "'operationName'");
  expect_invalid(R"({"id":"1","type":"subscribe","payload":{"query":"q","extensions":"e"}})",
                 "'extensions'");
  expect_invalid(R"({"id":"1","type":"next","payload":[]})", "'payload' property to be an object");
  expect_invalid(R"({"id":"1","type":"error","payload":[]})", "array of GraphQL errors");
  expect_invalid(R"({"id":"1","type":"error","payload":[{"msg":"m"}]})", "array of GraphQL errors");
}

TEST(parse_message, rejects_invalid_utf8) {
  expect_invalid("{\"type\":\"ping\",\"payload\":{\"a\":\"\xff\"}}", "not valid JSON");
}

TEST(parse_message, rejects_deep_nesting_before_parsing) {
  std::string deep = R"({"type":"ping","payload":)";
  for (std::size_t i = 0; i < max_json_depth; ++i) deep += R"({"a":)";
  deep += "1";
  for (std::size_t i = 0; i < max_json_depth; ++i) deep += "}";
  deep += "}";
  expect_invalid(deep, "nests too deeply");
  // Brackets inside strings do not count.
  const std::string brackets(500, '[');
  EXPECT_TRUE(parse_message(R"({"type":"ping","payload":{"s":")" + brackets + R"("}})"));
}

}  // namespace
}  // namespace streamhub::graphql_ws
