#pragma once
// One client WebSocket connection of the load generator, on Beast: connects
// from a chosen loopback source address, upgrades (optionally with a
// subprotocol), sends an optional first message and is ready once a message
// passes the caller's readiness check (or at once without one). Then every
// text message goes to on_message; send() queues text with one write in
// flight.
//
// Lifetime: shared; pending operations hold it. close() or a failure ends it.
// Thread-safety: every call on the io_context's thread.

#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket/stream.hpp>

namespace streamhub::loadgen {

struct ws_target {
  boost::asio::ip::tcp::endpoint server;
  boost::asio::ip::address source;  // bound before connecting (port 0)
  std::string host = "127.0.0.1";
  std::string path = "/graphql";
  std::string subprotocol;  // empty: none asked for
  std::string first_message;  // sent after the upgrade; empty: none
  /// Called with each message until it answers true; null: ready at once.
  std::function<bool(std::string_view)> is_ready;
};

class ws_connection : public std::enable_shared_from_this<ws_connection> {
 public:
  struct handlers {
    std::function<void()> on_ready;
    std::function<void(std::string_view)> on_message;
    /// Once, on any failure or close before close() was called.
    std::function<void(std::string_view what)> on_failed;
  };

  ws_connection(boost::asio::io_context& io, handlers h);

  void start(ws_target target);
  /// Queues one text message; dropped when the connection has ended.
  void send(std::string text);
  /// Closes the TCP connection without a handshake (the server sees EOF).
  void close();
  bool ready() const { return ready_; }

 private:
  void fail(std::string_view what, const boost::system::error_code& ec);
  void read();
  void write_next();

  boost::beast::websocket::stream<boost::asio::ip::tcp::socket> ws_;
  boost::beast::flat_buffer buffer_;
  handlers handlers_;
  ws_target target_;
  std::deque<std::string> queue_;
  bool writing_ = false;
  bool ready_ = false;
  bool ended_ = false;
};

}  // namespace streamhub::loadgen
