#include "gateway/ws_session.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <thread>

#include "gateway/metrics/registry.hpp"
#include "protocol/graphql_ws/frames.hpp"
#include "tests/gateway/support/server_fixture.hpp"

namespace streamhub::gateway::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

std::string subscribe(const std::string& id, const std::string& query, const std::string& name = {}) {
  return graphql_ws::subscribe_frame(id, {query, name, {}, {}});
}

void expect_close(ws_client& client, std::uint16_t code, std::string_view reason_part = {}) {
  const ws_event event = client.read_until_close();
  ASSERT_EQ(event.kind, ws_event::closed) << event.error;
  EXPECT_EQ(event.code, code) << event.reason;
  EXPECT_NE(event.reason.find(reason_part), std::string::npos) << event.reason;
}

json read_json(ws_client& client) {
  const ws_event event = client.read();
  EXPECT_EQ(event.kind, ws_event::message) << event.error << " close " << event.code << " " << event.reason;
  return event.kind == ws_event::message ? json::parse(event.text) : json();
}

ws_client::options with_headers(header_list headers) {
  ws_client::options opts;
  opts.headers = std::move(headers);
  return opts;
}

ws_client::options with_subprotocol(std::string subprotocol) {
  ws_client::options opts;
  opts.subprotocol = std::move(subprotocol);
  return opts;
}

class ws_session_test : public server_fixture {};

TEST_F(ws_session_test, negotiates_the_subprotocol_and_acknowledges) {
  start();
  ws_client client;
  ASSERT_TRUE(client.connect(port_));
  EXPECT_EQ(client.protocol(), "graphql-transport-ws");
  EXPECT_TRUE(client.init());
}

TEST_F(ws_session_test, query_and_mutation_over_the_socket_are_single_results) {
  start();
  ws_client client = ready_client();
  ASSERT_TRUE(client.send(subscribe("q1", "{ hello }", "Hello")));
  json next = read_json(client);
  EXPECT_EQ(next["type"], "next");
  EXPECT_EQ(next["id"], "q1");
  EXPECT_EQ(next["payload"]["data"]["hello"], "world");
  json done = read_json(client);
  EXPECT_EQ(done["type"], "complete");
  EXPECT_EQ(done["id"], "q1");
  ASSERT_TRUE(client.send(subscribe("m1", "mutation { follow }")));
  EXPECT_EQ(read_json(client)["type"], "next");
  EXPECT_EQ(read_json(client)["type"], "complete");
  // The id is free again once the operation completed.
  ASSERT_TRUE(client.send(subscribe("q1", "{ hello }")));
  EXPECT_EQ(read_json(client)["type"], "next");
}

TEST_F(ws_session_test, operation_errors_are_error_frames) {
  start();
  ws_client client = ready_client();
  ASSERT_TRUE(client.send(subscribe("e1", "{ fail }")));
  json error = read_json(client);
  EXPECT_EQ(error["type"], "error");
  EXPECT_EQ(error["id"], "e1");
  EXPECT_EQ(error["payload"][0]["message"], "operation failed");
  ASSERT_TRUE(client.send(graphql_ws::ping_frame()));
  EXPECT_EQ(read_json(client)["type"], "pong") << "no complete follows an error";
}

TEST_F(ws_session_test, subscription_receives_shared_payloads_until_client_completes) {
  start();
  ws_client a = ready_client(init_payload_for("user:alice"));
  ws_client b = ready_client();
  ASSERT_TRUE(a.send(subscribe("s", "subscription { ticks }")));
  ASSERT_TRUE(b.send(subscribe("t", "subscription { ticks }")));
  ASSERT_TRUE(service_->wait_for_open(2));
  for (int i = 0; i < 3; ++i)
    service_->publish(std::make_shared<const std::string>(R"({"data":{"tick":)" + std::to_string(i) + "}}"));
  for (int i = 0; i < 3; ++i) {
    json from_a = read_json(a);
    EXPECT_EQ(from_a["id"], "s");
    EXPECT_EQ(from_a["payload"]["data"]["tick"], i);
    EXPECT_EQ(read_json(b)["id"], "t");
  }
  ASSERT_TRUE(a.send(graphql_ws::complete_frame("s")));
  ASSERT_TRUE(service_->wait_for_cancels(1));
  service_->publish(std::make_shared<const std::string>(R"({"data":{"tick":9}})"));
  EXPECT_EQ(read_json(b)["payload"]["data"]["tick"], 9);
  ASSERT_TRUE(a.send(graphql_ws::ping_frame()));
  EXPECT_EQ(read_json(a)["type"], "pong") << "nothing more for the completed subscription";
  service_->end_all();
  json done = read_json(b);
  EXPECT_EQ(done["type"], "complete");
  EXPECT_EQ(done["id"], "t");
}

TEST_F(ws_session_test, ping_is_answered_with_pong_before_and_after_ack) {
  start();
  ws_client client;
  ASSERT_TRUE(client.connect(port_));
  ASSERT_TRUE(client.send(graphql_ws::ping_frame(R"({"n":1})")));
  json pong = read_json(client);
  EXPECT_EQ(pong["type"], "pong");
  EXPECT_EQ(pong["payload"]["n"], 1);
  EXPECT_TRUE(client.init());
}

TEST_F(ws_session_test, malformed_message_closes_4400) {
  start();
  for (const char* bad : {"not json", R"({"type":"nope"})", R"({"id":"x","type":"next","payload":{}})",
                          R"({"type":"connection_ack"})"}) {
    ws_client client = ready_client();
    ASSERT_TRUE(client.send(bad));
    expect_close(client, 4400);
  }
  EXPECT_TRUE(serving(port_));
}

TEST_F(ws_session_test, subscribe_before_ack_closes_4401) {
  start();
  ws_client client;
  ASSERT_TRUE(client.connect(port_));
  ASSERT_TRUE(client.send(subscribe("1", "{ hello }")));
  expect_close(client, 4401, "Unauthorized");
  EXPECT_TRUE(serving(port_));
}

TEST_F(ws_session_test, refused_init_closes_4403) {
  start();
  for (const std::string& payload :
       {std::string(R"({"token":"garbage"})"), R"({"token":")" + token_for("user:a", -std::chrono::minutes(5)) + R"("})"}) {
    ws_client client;
    ASSERT_TRUE(client.connect(port_));
    ASSERT_TRUE(client.send(graphql_ws::connection_init_frame(payload)));
    expect_close(client, 4403, "Forbidden");
  }
  EXPECT_TRUE(serving(port_));
}

TEST_F(ws_session_test, missing_token_closes_4403_when_auth_is_required) {
  options_.require_auth = true;
  start();
  ws_client anonymous;
  ASSERT_TRUE(anonymous.connect(port_));
  ASSERT_TRUE(anonymous.send(graphql_ws::connection_init_frame()));
  expect_close(anonymous, 4403);
  ws_client alice = ready_client(init_payload_for("user:alice"));
  ASSERT_TRUE(alice.send(subscribe("1", "{ hello }")));
  EXPECT_EQ(read_json(alice)["payload"]["data"]["user"], "user:alice");
}

TEST_F(ws_session_test, token_in_upgrade_header_authenticates) {
  start();
  ws_client client;
  ASSERT_TRUE(client.connect(port_, with_headers({{"Authorization", bearer_for("user:bob")}})));
  ASSERT_TRUE(client.init());
  ASSERT_TRUE(client.send(subscribe("1", "{ hello }")));
  EXPECT_EQ(read_json(client)["payload"]["data"]["user"], "user:bob");
  ws_client bad;
  EXPECT_FALSE(bad.connect(port_, with_headers({{"Authorization", "Bearer nope"}})));
  EXPECT_EQ(bad.status(), 401u);
}

TEST_F(ws_session_test, wrong_subprotocol_closes_4406) {
  start();
  ws_client client;
  ASSERT_TRUE(client.connect(port_, with_subprotocol("graphql-ws")));
  EXPECT_EQ(client.protocol(), "");
  expect_close(client, 4406, "Subprotocol not acceptable");
  ws_client none;
  ASSERT_TRUE(none.connect(port_, with_subprotocol("")));
  expect_close(none, 4406);
  EXPECT_TRUE(serving(port_));
}

TEST_F(ws_session_test, silent_client_closes_4408) {
  options_.connection_init_timeout = 50ms;
  start();
  ws_client client;
  ASSERT_TRUE(client.connect(port_));
  expect_close(client, 4408, "Connection initialisation timeout");
  EXPECT_TRUE(serving(port_));
}

TEST_F(ws_session_test, duplicate_active_id_closes_4409) {
  start();
  ws_client client = ready_client();
  ASSERT_TRUE(client.send(subscribe("dup", "subscription { ticks }")));
  ASSERT_TRUE(service_->wait_for_open(1));
  ASSERT_TRUE(client.send(subscribe("dup", "subscription { ticks }")));
  expect_close(client, 4409, "Subscriber for dup already exists");
  EXPECT_TRUE(service_->wait_for_cancels(1)) << "the open subscription is cancelled on close";
  EXPECT_TRUE(serving(port_));
}

TEST_F(ws_session_test, second_init_closes_4429) {
  start();
  ws_client client = ready_client();
  ASSERT_TRUE(client.send(graphql_ws::connection_init_frame()));
  expect_close(client, 4429, "Too many initialisation requests");
  EXPECT_TRUE(serving(port_));
}

TEST_F(ws_session_test, oversized_message_closes_1009) {
  options_.limits.max_message_bytes = 1024;
  start();
  ws_client client = ready_client();
  ASSERT_TRUE(client.send(subscribe("big", "{ " + std::string(2048, 'a') + " }")));
  expect_close(client, 1009);
  // Just under the limit is fine (and spills past the inline read buffer).
  ws_client other = ready_client();
  ASSERT_TRUE(other.send(subscribe("ok", "{ hello " + std::string(800, ' ') + "}")));
  EXPECT_EQ(read_json(other)["type"], "next");
  EXPECT_TRUE(serving(port_));
}

TEST_F(ws_session_test, disallowed_origin_is_refused_with_403) {
  options_.allowed_origins = {"https://streamhub.example"};
  start();
  ws_client evil;
  EXPECT_FALSE(evil.connect(port_, with_headers({{"Origin", "https://evil.example"}})));
  EXPECT_EQ(evil.status(), 403u);
  ws_client good;
  EXPECT_TRUE(good.connect(port_, with_headers({{"Origin", "https://streamhub.example"}})));
  EXPECT_TRUE(good.init());
  EXPECT_TRUE(serving(port_));
}

TEST_F(ws_session_test, rate_limited_subscribe_gets_a_rate_limited_error_frame) {
  options_.limits.operations_per_ip = {1, 0.001};
  start();
  ws_client client = ready_client();
  ASSERT_TRUE(client.send(subscribe("1", "{ hello }")));
  EXPECT_EQ(read_json(client)["type"], "next");
  EXPECT_EQ(read_json(client)["type"], "complete");
  ASSERT_TRUE(client.send(subscribe("2", "{ hello }")));
  json error = read_json(client);
  EXPECT_EQ(error["type"], "error");
  EXPECT_EQ(error["id"], "2");
  EXPECT_EQ(error["payload"][0]["extensions"]["code"], "RATE_LIMITED");
  EXPECT_GT(error["payload"][0]["extensions"]["retryAfterMs"].get<int>(), 0);
  ASSERT_TRUE(client.send(graphql_ws::ping_frame()));
  EXPECT_EQ(read_json(client)["type"], "pong") << "the connection stays open";
}

TEST_F(ws_session_test, connection_cap_per_ip_refuses_the_upgrade_with_429) {
  options_.limits.max_connections_per_ip = 2;
  start();
  ws_client a = ready_client();
  ws_client b = ready_client();
  ws_client c;
  EXPECT_FALSE(c.connect(port_));
  EXPECT_EQ(c.status(), 429u);
  // The held connections keep working.
  ASSERT_TRUE(a.send(graphql_ws::ping_frame()));
  EXPECT_EQ(read_json(a)["type"], "pong");
}

TEST_F(ws_session_test, connection_cap_per_user_closes_1008_or_refuses_429) {
  options_.limits.max_connections_per_user = 1;
  start();
  ws_client first = ready_client(init_payload_for("user:carol"));
  ws_client by_init;
  ASSERT_TRUE(by_init.connect(port_));
  ASSERT_TRUE(by_init.send(graphql_ws::connection_init_frame(init_payload_for("user:carol"))));
  expect_close(by_init, 1008, "Too many connections");
  ws_client by_header;
  EXPECT_FALSE(by_header.connect(port_, with_headers({{"Authorization", bearer_for("user:carol")}})));
  EXPECT_EQ(by_header.status(), 429u);
  EXPECT_TRUE(ready_client(init_payload_for("user:dave")).send(graphql_ws::ping_frame())) << "other users unaffected";
  EXPECT_TRUE(serving(port_));
}

TEST_F(ws_session_test, slow_reader_is_cut_off_without_stalling_others) {
  options_.limits.max_queued_bytes = 64 * 1024;
  start();
  ws_client slow;
  ws_client::options small_window;
  small_window.receive_buffer = 4096;
  ASSERT_TRUE(slow.connect(port_, small_window));
  ASSERT_TRUE(slow.init());
  ASSERT_TRUE(slow.send(subscribe("s", "subscription { flood }")));
  ws_client fast = ready_client();
  ASSERT_TRUE(fast.send(subscribe("f", "subscription { flood }")));
  ASSERT_TRUE(service_->wait_for_open(2));
  const auto payload = std::make_shared<const std::string>(R"({"data":{"blob":")" + std::string(4000, 'x') + "\"}}");
  // The fast client reads everything; the slow one reads nothing until its
  // queue overflows and the server cancels its subscription.
  int received = 0;
  for (int i = 0; i < 2000 && service_->cancel_count() == 0; ++i) {
    service_->publish(payload);
    json next = read_json(fast);
    ASSERT_EQ(next["id"], "f");
    ++received;
  }
  ASSERT_TRUE(service_->wait_for_cancels(1));
  EXPECT_EQ(service_->open_count(), 1u);
  service_->publish(payload);
  EXPECT_EQ(read_json(fast)["id"], "f") << "the fast client keeps receiving";
  const ws_event end = slow.read_until_close(20s);
  if (end.kind == ws_event::closed) EXPECT_EQ(end.code, 1013);
  else EXPECT_EQ(end.kind, ws_event::failed);
  EXPECT_NE(server_->metrics().expose().find("streamhub_rejections_total{reason=\"slow_client\"} 1"),
            std::string::npos);
  EXPECT_GT(received, 0);
}

TEST_F(ws_session_test, dead_peer_is_dropped_and_a_responsive_one_survives) {
  options_.ping_interval = 100ms;
  options_.idle_timeout = 500ms;
  start();
  ws_client dead = ready_client();
  ws_client alive = ready_client();
  ASSERT_TRUE(dead.send(subscribe("d", "subscription { ticks }")));
  ASSERT_TRUE(alive.send(subscribe("a", "subscription { ticks }")));
  ASSERT_TRUE(service_->wait_for_open(2));
  // `alive` keeps reading (a Beast client answers pings while it reads);
  // `dead` reads nothing, so it never answers the server's pings.
  ws_event received;
  std::thread reader([&] { received = alive.read(30s); });
  const bool dropped = service_->wait_for_cancels(1);
  service_->publish(std::make_shared<const std::string>(R"({"data":{"tick":1}})"));
  reader.join();
  ASSERT_TRUE(dropped);
  ASSERT_EQ(received.kind, ws_event::message) << received.error;
  EXPECT_EQ(json::parse(received.text)["id"], "a");
  EXPECT_NE(dead.read_until_close().kind, ws_event::message);
  EXPECT_TRUE(serving(port_));
}

}  // namespace
}  // namespace streamhub::gateway::testing
