#include "gateway/http_session.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

#include "gateway/metrics/registry.hpp"
#include "tests/gateway/support/server_fixture.hpp"

namespace streamhub::gateway::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

constexpr const char* response_type = "application/graphql-response+json; charset=utf-8";
constexpr const char* json_type = "application/json; charset=utf-8";

class http_session_test : public server_fixture {
 protected:
  http_reply post(const std::string& body, header_list headers = {{"Content-Type", "application/json"}}) {
    return http_call(port_, "POST", "/graphql", headers, body);
  }
};

TEST_F(http_session_test, health_readiness_and_unknown_paths) {
  bool ready = false;
  options_.readiness = [&] { return ready; };
  options_.readiness_detail = [&] { return ready ? "" : "chat: 5000 events behind, at 120 of 5120\n"; };
  start();
  EXPECT_TRUE(serving(port_));
  const auto waiting = http_call(port_, "GET", "/readyz");
  EXPECT_EQ(waiting.status, 503u);
  EXPECT_EQ(waiting.body, "not ready\nchat: 5000 events behind, at 120 of 5120\n");
  ready = true;
  const auto caught_up = http_call(port_, "GET", "/readyz");
  EXPECT_EQ(caught_up.status, 200u);
  EXPECT_EQ(caught_up.body, "ready");
  EXPECT_EQ(http_call(port_, "GET", "/nope").status, 404u);
  EXPECT_EQ(http_call(port_, "GET", "/").status, 404u) << "no web app configured";
  const auto wrong_method = http_call(port_, "POST", "/healthz");
  EXPECT_EQ(wrong_method.status, 405u);
  EXPECT_EQ(wrong_method.header("allow"), "GET, HEAD");
  EXPECT_EQ(http_call(port_, "HEAD", "/healthz").status, 200u);
}

TEST_F(http_session_test, graphiql_page_is_html) {
  start();
  const auto page = http_call(port_, "GET", "/graphiql");
  EXPECT_EQ(page.status, 200u);
  EXPECT_EQ(page.header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(page.body.find("GraphiQL"), std::string::npos);
}

TEST_F(http_session_test, metrics_are_prometheus_text) {
  start();
  post(R"({"query":"{ hello }","operationName":"Hello"})");
  const auto scrape = http_call(port_, "GET", "/metrics");
  EXPECT_EQ(scrape.status, 200u);
  EXPECT_EQ(scrape.header("content-type"), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_NE(scrape.body.find("streamhub_graphql_operations_total{transport=\"http\",operation=\"Hello\"} 1"),
            std::string::npos)
      << scrape.body;
  EXPECT_NE(scrape.body.find("streamhub_graphql_operation_seconds_count{transport=\"http\",operation=\"Hello\"} 1"),
            std::string::npos);
  EXPECT_NE(scrape.body.find("streamhub_http_requests_total{route=\"graphql\",code=\"200\"} 1"), std::string::npos);
}

TEST_F(http_session_test, post_executes_and_negotiates_the_media_type) {
  start();
  const auto modern = post(R"({"query":"{ hello }","variables":{"a":1},"operationName":null})",
                           {{"Content-Type", "application/json"}, {"Accept", "application/graphql-response+json"}});
  EXPECT_EQ(modern.status, 200u);
  EXPECT_EQ(modern.header("content-type"), response_type);
  EXPECT_EQ(json::parse(modern.body)["data"]["hello"], "world");
  EXPECT_EQ(service_->last_request().variables, R"({"a":1})");
  EXPECT_FALSE(service_->last_request().read_only);

  const auto legacy = post(R"({"query":"{ hello }"})",
                           {{"Content-Type", "application/json; charset=utf-8"}, {"Accept", "application/json"}});
  EXPECT_EQ(legacy.status, 200u);
  EXPECT_EQ(legacy.header("content-type"), json_type);

  const auto none = post(R"({"query":"{ hello }"})", {{"Content-Type", "application/json"}});
  EXPECT_EQ(none.header("content-type"), response_type) << "no Accept: graphql-response+json";

  const auto refused = post(R"({"query":"{ hello }"})", {{"Content-Type", "application/json"}, {"Accept", "text/html"}});
  EXPECT_EQ(refused.status, 406u);
  EXPECT_TRUE(serving(port_));
}

TEST_F(http_session_test, request_errors_are_400_or_200_by_media_type) {
  start();
  const auto modern = post(R"({"query":"syntax error"})",
                           {{"Content-Type", "application/json"}, {"Accept", "application/graphql-response+json"}});
  EXPECT_EQ(modern.status, 400u);
  const auto legacy = post(R"({"query":"syntax error"})",
                           {{"Content-Type", "application/json"}, {"Accept", "application/json"}});
  EXPECT_EQ(legacy.status, 200u);
  EXPECT_TRUE(json::parse(legacy.body).contains("errors"));
  const auto down = post(R"({"query":"unavailable"})");
  EXPECT_EQ(down.status, 503u);
  EXPECT_EQ(down.header("retry-after"), "2");
}

TEST_F(http_session_test, a_request_error_keeps_the_connection) {
  start();
  const std::string bad = R"({"query":"syntax error"})";
  const std::string good = R"({"query":"{ hello }"})";
  auto request = [](const std::string& body, const char* connection) {
    return "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nConnection: " +
           std::string(connection) + "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  };
  // Two requests on one connection: the first answered 400, its body read whole.
  const std::string replies = raw_exchange(port_, request(bad, "keep-alive") + request(good, "close"));
  EXPECT_EQ(replies.rfind("HTTP/1.1 400", 0), 0u) << replies;
  EXPECT_NE(replies.find("HTTP/1.1 200"), std::string::npos) << replies;
}

TEST_F(http_session_test, get_executes_queries_but_not_mutations) {
  start();
  const auto query = http_call(port_, "GET", "/graphql?query=%7B%20hello%20%7D&variables=%7B%22x%22%3A2%7D");
  EXPECT_EQ(query.status, 200u);
  EXPECT_EQ(service_->last_request().query, "{ hello }");
  EXPECT_EQ(service_->last_request().variables, R"({"x":2})");
  EXPECT_TRUE(service_->last_request().read_only);
  const auto mutation = http_call(port_, "GET", "/graphql?query=mutation+%7B+follow+%7D");
  EXPECT_EQ(mutation.status, 405u);
  EXPECT_EQ(mutation.header("allow"), "POST");
  EXPECT_EQ(http_call(port_, "DELETE", "/graphql").header("allow"), "GET, POST");
  EXPECT_TRUE(serving(port_));
}

TEST_F(http_session_test, malformed_requests_are_400_and_wrong_content_type_415) {
  start();
  for (const char* body : {"NONSENSE", R"({"query":)", R"({"qeury":"{a}"})", R"({"query":1})",
                           R"({"query":"{a}","variables":[7]})", R"([1])"}) {
    const auto reply = post(body);
    EXPECT_EQ(reply.status, 400u) << body;
    EXPECT_EQ(json::parse(reply.body)["errors"][0]["extensions"]["code"], "BAD_REQUEST") << body;
  }
  EXPECT_EQ(post(R"({"query":"{a}"})", {{"Content-Type", "text/plain"}}).status, 415u);
  EXPECT_EQ(post(R"({"query":"{a}"})", {}).status, 415u);
  EXPECT_EQ(http_call(port_, "GET", "/graphql").status, 400u) << "GET without query";
  EXPECT_EQ(http_call(port_, "GET", "/graphql?query=%zz").status, 400u);
  EXPECT_TRUE(serving(port_));
}

TEST_F(http_session_test, oversized_body_is_413) {
  options_.limits.max_body_bytes = 1024;
  start();
  const auto reply = post(R"({"query":")" + std::string(4096, 'a') + R"("})");
  EXPECT_EQ(reply.status, 413u);
  EXPECT_TRUE(serving(port_));
}

TEST_F(http_session_test, garbage_on_the_wire_is_400) {
  start();
  const std::string reply = raw_exchange(port_, "NOT HTTP AT ALL\r\n\r\n");
  EXPECT_EQ(reply.rfind("HTTP/1.1 400", 0), 0u) << reply;
  EXPECT_TRUE(serving(port_));
}

TEST_F(http_session_test, bearer_tokens_are_verified) {
  start();
  const auto ok = post(R"({"query":"{ hello }"})",
                       {{"Content-Type", "application/json"}, {"Authorization", bearer_for("user:alice")}});
  EXPECT_EQ(ok.status, 200u);
  EXPECT_EQ(json::parse(ok.body)["data"]["user"], "user:alice");
  ASSERT_TRUE(service_->last_auth().user);
  EXPECT_EQ(service_->last_auth().client_ip, "127.0.0.1");

  std::string tampered = token_for("user:alice");
  tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
  const auto bad = post(R"({"query":"{ hello }"})",
                        {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + tampered}});
  EXPECT_EQ(bad.status, 401u);
  EXPECT_EQ(json::parse(bad.body)["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
  EXPECT_FALSE(bad.header("www-authenticate").empty());
  const auto expired = post(R"({"query":"{ hello }"})",
                            {{"Content-Type", "application/json"},
                             {"Authorization", "Bearer " + token_for("user:alice", -std::chrono::minutes(5))}});
  EXPECT_EQ(expired.status, 401u);
  EXPECT_TRUE(serving(port_));
}

TEST_F(http_session_test, rate_limit_answers_429_with_retry_after) {
  options_.limits.operations_per_ip = {2, 0.5};
  start();
  EXPECT_EQ(post(R"({"query":"{ hello }"})").status, 200u);
  EXPECT_EQ(post(R"({"query":"{ hello }"})").status, 200u);
  const auto limited = post(R"({"query":"{ hello }"})");
  EXPECT_EQ(limited.status, 429u);
  EXPECT_EQ(limited.header("retry-after"), "2");
  EXPECT_EQ(json::parse(limited.body)["errors"][0]["extensions"]["code"], "RATE_LIMITED");
  EXPECT_TRUE(serving(port_));
  EXPECT_NE(server_->metrics().expose().find("streamhub_rejections_total{reason=\"rate_limited\"} 1"),
            std::string::npos);
}

TEST_F(http_session_test, connections_over_the_per_ip_cap_answer_429_and_close) {
  options_.limits.max_connections_per_ip = 1;
  start();
  ws_client held;
  ASSERT_TRUE(held.connect(port_));
  // Plain HTTP counts as well: the second connection from this IP is refused.
  const auto refused = http_call(port_, "GET", "/graphiql");
  EXPECT_EQ(refused.status, 429u) << refused.error;
  EXPECT_EQ(refused.body, "too many connections");
  EXPECT_EQ(refused.header("retry-after"), "10");
  EXPECT_EQ(refused.header("connection"), "close");
  const std::string raw = raw_exchange(port_, "GET /graphiql HTTP/1.1\r\nHost: x\r\n\r\n"
                                              "GET /graphiql HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_TRUE(raw.starts_with("HTTP/1.1 429")) << raw;
  EXPECT_EQ(raw.find("HTTP/1.1", 1), std::string::npos) << "one answer, then closed: " << raw;
  // Health probes and scrapes are answered all the same, then closed.
  for (const char* probe : {"/healthz", "/readyz", "/metrics"}) {
    const auto answered = http_call(port_, "GET", probe);
    EXPECT_EQ(answered.status, 200u) << probe << ": " << answered.error;
    EXPECT_EQ(answered.header("connection"), "close") << probe;
  }
  held.close();
}

TEST_F(http_session_test, serves_the_web_app_safely) {
  const auto root = std::filesystem::temp_directory_path() / ("streamhub-web-" + std::to_string(::getpid()));
  std::filesystem::create_directories(root / "assets");
  std::ofstream(root / "index.html") << "<html>app</html>";
  std::ofstream(root / "assets" / "app.js") << "console.log(1)";
  std::ofstream(root.string() + "-secret.txt") << "secret";
  options_.static_dir = root.string();
  start();
  const auto index = http_call(port_, "GET", "/");
  EXPECT_EQ(index.status, 200u);
  EXPECT_EQ(index.body, "<html>app</html>");
  EXPECT_EQ(index.header("content-type"), "text/html; charset=utf-8");
  const auto script = http_call(port_, "GET", "/assets/app.js");
  EXPECT_EQ(script.body, "console.log(1)");
  EXPECT_EQ(script.header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(http_call(port_, "GET", "/channels/alice").body, "<html>app</html>") << "client-side route";
  EXPECT_EQ(http_call(port_, "GET", "/missing.png").status, 404u);
  EXPECT_EQ(http_call(port_, "GET", "/../" + root.filename().string() + "-secret.txt").status, 404u);
  EXPECT_EQ(http_call(port_, "GET", "/%2e%2e/" + root.filename().string() + "-secret.txt").status, 404u);
  EXPECT_EQ(http_call(port_, "POST", "/index.html").status, 405u);
  EXPECT_TRUE(serving(port_));
  std::filesystem::remove_all(root);
  std::filesystem::remove(root.string() + "-secret.txt");
}

}  // namespace
}  // namespace streamhub::gateway::testing
