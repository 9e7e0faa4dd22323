#include "gateway/server.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "protocol/graphql_ws/frames.hpp"
#include "tests/gateway/support/server_fixture.hpp"

namespace streamhub::gateway::testing {
namespace {

using namespace std::chrono_literals;

class server_test : public server_fixture {};

TEST_F(server_test, binds_port_zero_and_reports_the_port) {
  start();
  EXPECT_NE(port_, 0);
  EXPECT_EQ(server_->port(), port_);
  EXPECT_TRUE(serving(port_));
}

TEST_F(server_test, refuses_bad_options) {
  server_options no_service = options_;
  no_service.service = nullptr;
  EXPECT_FALSE(server(no_service).start());
  server_options bad_listen = options_;
  bad_listen.listen = "nonsense";
  EXPECT_FALSE(server(bad_listen).start());
  server_options missing_web_app = options_;
  missing_web_app.static_dir = "/nonexistent/web";
  EXPECT_EQ(server(missing_web_app).start().err().code, error_code::not_found);
  start();
  server_options taken = options_;
  taken.listen = "127.0.0.1:" + std::to_string(port_);
  auto second = server(taken).start();
  ASSERT_FALSE(second);
  EXPECT_EQ(second.err().code, error_code::io_error);
}

TEST_F(server_test, graceful_shutdown_closes_websockets_with_1001) {
  start();
  ws_client client = ready_client();
  ASSERT_TRUE(client.send(graphql_ws::subscribe_frame("s", {"subscription { ticks }", {}, {}, {}})));
  ASSERT_TRUE(service_->wait_for_open(1));
  std::thread stopper([&] { server_->stop(); });
  const ws_event event = client.read_until_close();
  stopper.join();
  ASSERT_EQ(event.kind, ws_event::closed) << event.error;
  EXPECT_EQ(event.code, 1001);
  EXPECT_EQ(service_->cancel_count(), 1u);
  EXPECT_FALSE(serving(port_)) << "no longer accepting";
}

TEST_F(server_test, shutdown_lets_an_in_flight_request_finish) {
  start();
  service_->hold_answers(true);
  http_reply reply;
  std::thread requester([&] {
    reply = http_call(port_, "POST", "/graphql", {{"Content-Type", "application/json"}}, R"({"query":"{ hello }"})");
  });
  ASSERT_TRUE(service_->wait_until_held());
  std::thread stopper([&] { server_->stop(); });
  // Once new connections are refused, shutdown has begun; only then answer.
  for (int i = 0; i < 10000 && serving(port_); ++i) std::this_thread::yield();
  service_->release();
  requester.join();
  stopper.join();
  EXPECT_EQ(reply.status, 200u) << reply.error;
}

}  // namespace
}  // namespace streamhub::gateway::testing
