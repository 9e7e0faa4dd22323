#pragma once
// A gateway server on 127.0.0.1, port 0, two I/O threads, the fake service,
// a short sweep interval and a test signing key. Tests adjust options()
// before start().

#include <gtest/gtest.h>

#include <memory>

#include "gateway/server.hpp"
#include "tests/gateway/support/fake_graphql_service.hpp"
#include "tests/gateway/support/test_client.hpp"

namespace streamhub::gateway::testing {

class server_fixture : public ::testing::Test {
 protected:
  server_fixture();
  void TearDown() override;

  /// Starts with options_; fails the test when the server cannot start.
  void start();
  /// A signed access token for `subject` from the test key set.
  std::string token_for(const std::string& subject, std::chrono::seconds lifetime = std::chrono::minutes(5));
  /// {"token":"<token_for(subject)>"}
  std::string init_payload_for(const std::string& subject);
  std::string bearer_for(const std::string& subject) { return "Bearer " + token_for(subject); }
  /// A connected, acknowledged WebSocket client.
  ws_client ready_client(const std::string& init_payload = {});

  std::shared_ptr<fake_graphql_service> service_;
  std::shared_ptr<const auth::jwt_codec> tokens_;
  server_options options_;
  std::unique_ptr<server> server_;
  std::uint16_t port_ = 0;
};

}  // namespace streamhub::gateway::testing
