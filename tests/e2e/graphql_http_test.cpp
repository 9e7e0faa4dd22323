// GraphQL over HTTP with fetch against the real server: POST and GET, both
// response media types and the status codes of the GraphQL-over-HTTP spec,
// no mutations over GET, and the documented answers to bad requests.

#include "tests/e2e/support/e2e_test.hpp"

namespace streamhub::e2e {
namespace {

using json = nlohmann::json;
using graphql_http_test = e2e_test;

constexpr std::string_view graphql_response = "application/graphql-response+json; charset=utf-8";
constexpr std::string_view plain_json = "application/json; charset=utf-8";

json post(std::string body, json headers = {{"content-type", "application/json"}}) {
  return {{"method", "POST"}, {"headers", std::move(headers)}, {"body", std::move(body)}};
}

json get(std::string target, json headers = json::object()) {
  return {{"method", "GET"}, {"path", std::move(target)}, {"headers", std::move(headers)}};
}

std::string error_code_of(const json& answer) {
  return answer["json"]["errors"][0]["extensions"]["code"].get<std::string>();
}

TEST_F(graphql_http_test, PostAndGetAnswerInTheAcceptedMediaType) {
  ASSERT_TRUE(start_server());
  const std::string typename_query = R"({"query":"{ __typename }"})";
  auto answers = http(json::array({
      post(typename_query),
      post(typename_query, {{"content-type", "application/json"}, {"accept", "application/json"}}),
      post(typename_query,
           {{"content-type", "application/json; charset=utf-8"}, {"accept", "application/graphql-response+json"}}),
      get("/graphql?query=%7B__typename%7D"),
      get("/graphql?query=query%20Q(%24l%3AString!)%7Buser(login%3A%24l)%7Blogin%7D%7D&variables=%7B%22l%22%3A%22nobody%22%7D"
          "&operationName=Q",
          {{"accept", "application/json"}}),
  }));
  ASSERT_EQ(answers.size(), 5u) << answers;
  for (const auto& a : answers) EXPECT_EQ(a["status"], 200) << a;
  EXPECT_EQ(answers[0]["headers"]["content-type"], graphql_response);  // no Accept: the spec's default
  EXPECT_EQ(answers[1]["headers"]["content-type"], plain_json);
  EXPECT_EQ(answers[2]["headers"]["content-type"], graphql_response);
  EXPECT_EQ(answers[0]["json"], json::parse(R"({"data":{"__typename":"Query"}})"));
  EXPECT_EQ(answers[3]["json"], json::parse(R"({"data":{"__typename":"Query"}})"));
  EXPECT_EQ(answers[4]["json"], json::parse(R"({"data":{"user":null}})")) << answers[4];
}

TEST_F(graphql_http_test, RequestErrorsAre400ForGraphqlResponseJsonAnd200ForJson) {
  ASSERT_TRUE(start_server());
  const std::string invalid = R"({"query":"{ nosuchfield }"})";
  auto answers = http(json::array({
      post(invalid),
      post(invalid, {{"content-type", "application/json"}, {"accept", "application/json"}}),
      post(R"({"query":"query A { __typename }","operationName":"B"})"),
      post(R"({"query":"{ __typename"})"),
  }));
  EXPECT_EQ(answers[0]["status"], 400);
  EXPECT_EQ(answers[1]["status"], 200);
  for (const auto& a : answers) {
    EXPECT_FALSE(a["json"].contains("data")) << a;
    EXPECT_FALSE(a["json"]["errors"].empty()) << a;
  }
  EXPECT_EQ(error_code_of(answers[0]), "GRAPHQL_VALIDATION_FAILED") << answers[0];
  EXPECT_EQ(answers[2]["status"], 400);
  EXPECT_EQ(answers[2]["json"]["errors"][0]["message"], "Unknown operation named \"B\".");
  EXPECT_EQ(answers[3]["status"], 400);
  EXPECT_EQ(error_code_of(answers[3]), "GRAPHQL_PARSE_FAILED") << answers[3];
}

TEST_F(graphql_http_test, NoMutationsOverGet) {
  ASSERT_TRUE(start_server());
  auto a = http(get("/graphql?query=mutation%7Blogout(refreshToken%3A%22x%22)%7D"));
  EXPECT_EQ(a["status"], 405) << a;
  EXPECT_EQ(a["headers"]["allow"], "POST");
  // The same mutation over POST runs (and answers false: no such session).
  auto posted = http(post(R"({"query":"mutation { logout(refreshToken: \"x\") }"})"));
  EXPECT_EQ(posted["status"], 200) << posted;
  EXPECT_TRUE(posted["json"].contains("data")) << posted;
}

TEST_F(graphql_http_test, BadRequestsGetTheirDocumentedStatusAndTheServerKeepsServing) {
  ASSERT_TRUE(start_server());
  auto answers = http(json::array({
      post("{not json"),
      post(R"({"query":"{ __typename }"})", {{"content-type", "text/plain"}}),
      post(R"({"query":"{ __typename }"})", {{"content-type", "application/json"}, {"accept", "text/html"}}),
      post(R"({"variables":{}})"),
      post(R"({"query":"{ __typename }","variables":"not an object"})"),
      {{"method", "PUT"}, {"headers", {{"content-type", "application/json"}}}, {"body", "{}"}},
      post(R"({"query":"{ __typename }","padding":")" + std::string(70 * 1024, 'a') + "\"}"),
      post(R"({"query":"{ __typename }"})"),
  }));
  ASSERT_EQ(answers.size(), 8u) << answers;
  EXPECT_EQ(answers[0]["status"], 400) << answers[0];  // malformed JSON
  EXPECT_EQ(error_code_of(answers[0]), "BAD_REQUEST");
  EXPECT_EQ(answers[1]["status"], 415) << answers[1];  // not application/json
  EXPECT_EQ(answers[2]["status"], 406) << answers[2];  // no acceptable media type
  EXPECT_EQ(answers[3]["status"], 400) << answers[3];  // no query
  EXPECT_EQ(answers[4]["status"], 400) << answers[4];  // variables not an object
  EXPECT_EQ(answers[5]["status"], 405) << answers[5];
  EXPECT_EQ(answers[5]["headers"]["allow"], "GET, POST");
  EXPECT_EQ(answers[6]["status"], 413) << answers[6];  // body over 64 KiB
  EXPECT_EQ(answers[7]["status"], 200) << answers[7];  // still serving

  // Invalid UTF-8 is invalid JSON: {"query":"{ user(login: \"\xff\xfe\") { login } }"}
  auto a = http({{"method", "POST"},
                 {"headers", {{"content-type", "application/json"}}},
                 {"bodyBase64", "eyJxdWVyeSI6InsgdXNlcihsb2dpbjogXCL//lwiKSB7IGxvZ2luIH0gfSJ9"}});
  EXPECT_EQ(a["status"], 400) << a;
  EXPECT_EQ(error_code_of(a), "BAD_REQUEST");
}

}  // namespace
}  // namespace streamhub::e2e
