#include "tests/gateway/support/test_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include "protocol/graphql_ws/frames.hpp"

namespace streamhub::gateway::testing {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;

namespace {

// Runs one asynchronous operation to completion or timeout (then cancels it).
template <class Start>
error_code run_bounded(net::io_context& ioc, tcp::socket& socket, std::chrono::milliseconds timeout,
                       Start start) {
  std::optional<error_code> outcome;
  start([&](error_code ec, auto&&...) { outcome = ec; });
  ioc.restart();
  ioc.run_for(timeout);
  if (!outcome) {
    error_code ignored;
    socket.close(ignored);
    ioc.restart();
    ioc.run();
    return net::error::timed_out;
  }
  return *outcome;
}

tcp::endpoint local(std::uint16_t port) { return {net::ip::make_address("127.0.0.1"), port}; }

}  // namespace

http_reply http_call(std::uint16_t port, const std::string& method, const std::string& target,
                     const header_list& headers, const std::string& body) {
  net::io_context ioc;
  tcp::socket socket(ioc);
  http_reply reply;
  constexpr auto timeout = std::chrono::seconds(10);
  if (auto ec = run_bounded(ioc, socket, timeout, [&](auto done) { socket.async_connect(local(port), done); })) {
    reply.error = "connect: " + ec.message();
    return reply;
  }
  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, "127.0.0.1");
  for (const auto& [name, value] : headers) req.set(name, value);
  req.body() = body;
  if (!body.empty() || method == "POST") req.prepare_payload();
  if (auto ec = run_bounded(ioc, socket, timeout, [&](auto done) { http::async_write(socket, req, done); })) {
    reply.error = "write: " + ec.message();
    return reply;
  }
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  if (method == "HEAD") parser.skip(true);
  if (auto ec = run_bounded(ioc, socket, timeout, [&](auto done) { http::async_read(socket, buffer, parser, done); })) {
    reply.error = "read: " + ec.message();
    return reply;
  }
  auto res = parser.release();
  reply.status = res.result_int();
  reply.body = res.body();
  for (const auto& field : res) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    reply.headers[name] = std::string(field.value());
  }
  return reply;
}

std::string raw_exchange(std::uint16_t port, const std::string& bytes) {
  net::io_context ioc;
  tcp::socket socket(ioc);
  constexpr auto timeout = std::chrono::seconds(10);
  if (run_bounded(ioc, socket, timeout, [&](auto done) { socket.async_connect(local(port), done); })) return {};
  if (run_bounded(ioc, socket, timeout, [&](auto done) { net::async_write(socket, net::buffer(bytes), done); }))
    return {};
  std::string out;
  auto buffer = net::dynamic_buffer(out);
  run_bounded(ioc, socket, timeout, [&](auto done) { net::async_read(socket, buffer, done); });
  return out;
}

bool serving(std::uint16_t port) {
  const auto reply = http_call(port, "GET", "/healthz");
  return reply.status == 200 && reply.body == "ok";
}

struct ws_client::impl {
  net::io_context ioc;
  websocket::stream<tcp::socket> ws{ioc};
  beast::flat_buffer buffer;
};

ws_client::ws_client() : impl_(std::make_unique<impl>()) {}
ws_client::~ws_client() = default;
ws_client::ws_client(ws_client&&) noexcept = default;

bool ws_client::connect(std::uint16_t port, const options& opts) {
  auto& socket = impl_->ws.next_layer();
  constexpr auto timeout = std::chrono::seconds(10);
  if (opts.receive_buffer > 0) {
    socket.open(tcp::v4());
    socket.set_option(net::socket_base::receive_buffer_size(opts.receive_buffer));
  }
  if (run_bounded(impl_->ioc, socket, timeout, [&](auto done) { socket.async_connect(local(port), done); }))
    return false;
  impl_->ws.set_option(websocket::stream_base::decorator([opts](websocket::request_type& req) {
    if (!opts.subprotocol.empty()) req.set(http::field::sec_websocket_protocol, opts.subprotocol);
    for (const auto& [name, value] : opts.headers) req.set(name, value);
  }));
  websocket::response_type res;
  const auto ec = run_bounded(impl_->ioc, socket, timeout, [&](auto done) {
    impl_->ws.async_handshake(res, "127.0.0.1", "/graphql", done);
  });
  status_ = res.result_int();
  protocol_ = std::string(res[http::field::sec_websocket_protocol]);
  return !ec;
}

bool ws_client::send(const std::string& text) {
  impl_->ws.text(true);
  return !run_bounded(impl_->ioc, impl_->ws.next_layer(), std::chrono::seconds(10),
                      [&](auto done) { impl_->ws.async_write(net::buffer(text), done); });
}

ws_event ws_client::read(std::chrono::milliseconds timeout) {
  ws_event event;
  impl_->buffer.clear();
  const auto ec = run_bounded(impl_->ioc, impl_->ws.next_layer(), timeout,
                              [&](auto done) { impl_->ws.async_read(impl_->buffer, done); });
  if (!ec) {
    event.kind = ws_event::message;
    event.text = beast::buffers_to_string(impl_->buffer.data());
  } else if (ec == websocket::error::closed) {
    event.kind = ws_event::closed;
    event.code = impl_->ws.reason().code;
    event.reason = std::string(impl_->ws.reason().reason.c_str());
  } else {
    event.error = ec.message();
  }
  return event;
}

ws_event ws_client::read_until_close(std::chrono::milliseconds timeout) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
    if (left.count() <= 0) return ws_event{ws_event::failed, {}, 0, {}, "timed out"};
    ws_event event = read(left);
    if (event.kind != ws_event::message) return event;
  }
}

bool ws_client::init(const std::string& payload_json) {
  if (!send(graphql_ws::connection_init_frame(payload_json))) return false;
  const ws_event ack = read();
  return ack.kind == ws_event::message && ack.text.find("connection_ack") != std::string::npos;
}

void ws_client::close() {
  run_bounded(impl_->ioc, impl_->ws.next_layer(), std::chrono::seconds(5),
              [&](auto done) { impl_->ws.async_close(websocket::close_code::normal, done); });
}

}  // namespace streamhub::gateway::testing
