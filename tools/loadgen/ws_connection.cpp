#include "tools/loadgen/ws_connection.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/websocket.hpp>

namespace streamhub::loadgen {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;

ws_connection::ws_connection(net::io_context& io, handlers h) : ws_(io), handlers_(std::move(h)) {}

void ws_connection::fail(std::string_view what, const boost::system::error_code& ec) {
  if (ended_) return;
  ended_ = true;
  beast::error_code ignored;
  ws_.next_layer().close(ignored);
  if (handlers_.on_failed) handlers_.on_failed(std::string(what) + ": " + ec.message());
}

void ws_connection::start(ws_target target) {
  target_ = std::move(target);
  beast::error_code ec;
  auto& socket = ws_.next_layer();
  socket.open(target_.server.protocol(), ec);
  if (!ec) socket.set_option(tcp::no_delay(true), ec);
  if (!ec && !target_.source.is_unspecified()) socket.bind(tcp::endpoint(target_.source, 0), ec);
  if (ec) return fail("socket", ec);
  // Small buffers: tens of thousands of idle connections share this process.
  websocket::stream_base::timeout timeouts = websocket::stream_base::timeout::suggested(beast::role_type::client);
  timeouts.handshake_timeout = std::chrono::seconds(60);
  ws_.set_option(timeouts);
  ws_.auto_fragment(false);
  socket.async_connect(target_.server, [self = shared_from_this()](beast::error_code ec) {
    if (ec) return self->fail("connect", ec);
    if (!self->target_.subprotocol.empty()) {
      self->ws_.set_option(websocket::stream_base::decorator([p = self->target_.subprotocol](websocket::request_type& req) {
        req.set(beast::http::field::sec_websocket_protocol, p);
      }));
    }
    self->ws_.async_handshake(self->target_.host, self->target_.path, [self](beast::error_code ec) {
      if (ec) return self->fail("handshake", ec);
      self->ws_.text(true);
      if (!self->target_.first_message.empty()) self->send(std::move(self->target_.first_message));
      if (!self->target_.is_ready) {
        self->ready_ = true;
        if (self->handlers_.on_ready) self->handlers_.on_ready();
      }
      self->read();
    });
  });
}

void ws_connection::read() {
  ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
    if (ec) return self->fail("read", ec);
    const auto data = self->buffer_.cdata();
    const std::string_view text(static_cast<const char*>(data.data()), data.size());
    if (self->ready_) {
      if (self->handlers_.on_message) self->handlers_.on_message(text);
    } else if (self->target_.is_ready(text)) {
      self->ready_ = true;
      if (self->handlers_.on_ready) self->handlers_.on_ready();
    }
    self->buffer_.consume(self->buffer_.size());
    if (self->buffer_.capacity() > 64 * 1024) self->buffer_.shrink_to_fit();
    if (!self->ended_) self->read();
  });
}

void ws_connection::send(std::string text) {
  if (ended_) return;
  queue_.push_back(std::move(text));
  if (!writing_) write_next();
}

void ws_connection::write_next() {
  if (queue_.empty() || ended_) {
    writing_ = false;
    return;
  }
  writing_ = true;
  ws_.async_write(net::buffer(queue_.front()), [self = shared_from_this()](beast::error_code ec, std::size_t) {
    if (ec) return self->fail("write", ec);
    self->queue_.pop_front();
    self->write_next();
  });
}

void ws_connection::close() {
  if (ended_) return;
  ended_ = true;
  beast::error_code ignored;
  ws_.next_layer().shutdown(tcp::socket::shutdown_both, ignored);
  ws_.next_layer().close(ignored);
}

}  // namespace streamhub::loadgen
