#include "tests/gateway/support/server_fixture.hpp"

namespace streamhub::gateway::testing {

using namespace std::chrono_literals;

server_fixture::server_fixture() : service_(std::make_shared<fake_graphql_service>()) {
  auth::jwt_options jwt;
  jwt.keys = {{"test-key", std::string(32, 'k')}};
  jwt.active_key_id = "test-key";
  jwt.issuer = "streamhub";
  jwt.audience = "streamhub-api";
  tokens_ = std::make_shared<const auth::jwt_codec>(*auth::jwt_codec::create(jwt));
  options_.listen = "127.0.0.1:0";
  options_.io_threads = 2;
  options_.service = service_;
  options_.tokens = tokens_;
  options_.sweep_interval = 20ms;
  options_.shutdown_timeout = 5s;
}

void server_fixture::TearDown() {
  if (server_) server_->stop();
}

void server_fixture::start() {
  server_ = std::make_unique<server>(options_);
  auto port = server_->start();
  ASSERT_TRUE(port) << port.err().message;
  port_ = *port;
}

std::string server_fixture::token_for(const std::string& subject, std::chrono::seconds lifetime) {
  auto claims = *tokens_->issue(subject, {"viewer"}, std::chrono::system_clock::now());
  claims.expires_at = claims.issued_at + lifetime.count();
  return *tokens_->sign(claims);
}

std::string server_fixture::init_payload_for(const std::string& subject) {
  return R"({"token":")" + token_for(subject) + R"("})";
}

ws_client server_fixture::ready_client(const std::string& init_payload) {
  ws_client client;
  EXPECT_TRUE(client.connect(port_));
  EXPECT_TRUE(client.init(init_payload));
  return client;
}

}  // namespace streamhub::gateway::testing
