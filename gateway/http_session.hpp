#pragma once
// One HTTP/1.1 connection: reads a request, routes it, writes the response,
// repeats while keep-alive holds. A WebSocket upgrade on /graphql hands the
// socket to a ws_session and ends this session.
//
// Routes: /graphql (GraphQL over HTTP, or the upgrade), /healthz, /readyz,
// /metrics, /graphiql, and everything else from the web app directory.
//
// Every connection counts against `max_connections_per_ip` from its accept
// on (the slot passes to the ws_session on an upgrade). A connection over the
// cap answers its first request with 429 and closes; it waits for that
// request no longer than `close_timeout`.
//
// Lifetime: owned by its pending asynchronous operation; while the
// graphql_service computes an answer, by `pending_self_` (released by the
// answer or by abort()). Runs only on its io_thread.

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include "gateway/graphql_http.hpp"
#include "gateway/io_thread.hpp"
#include "gateway/limits/connection_counter.hpp"

namespace streamhub::gateway {

struct server_state;

class http_session : public tracked_session, public std::enable_shared_from_this<http_session> {
 public:
  using request = boost::beast::http::request<boost::beast::http::string_body>;

  http_session(server_state& server, io_thread& thread, boost::asio::ip::tcp::socket socket);
  ~http_session() override;

  void run();

  void on_sweep(std::chrono::steady_clock::time_point now) override;
  void on_shutdown() override;
  void abort() override;
  session_info describe() const override;

 private:
  void do_read();
  void on_read(boost::system::error_code ec);
  void route(request req);
  void handle_graphql(request req);
  void handle_upgrade(request req);
  void serve_static(const request& req);
  void on_executed(graphql_media_type type, execution_result result,
                   std::chrono::steady_clock::time_point started, std::string operation_name);

  /// Writes a response with a text body. `extra` headers are (name, value).
  void respond(unsigned status, std::string_view content_type, std::string body,
               std::initializer_list<std::pair<std::string_view, std::string>> extra = {});
  void respond_graphql_error(unsigned status, graphql_media_type type, std::string_view message,
                             std::string_view code,
                             std::initializer_list<std::pair<std::string_view, std::string>> extra = {});
  void send(boost::beast::http::message_generator message, bool keep_alive);
  void on_write(bool keep_alive, boost::system::error_code ec, std::size_t bytes);
  void linger_close();

  server_state& server_;
  boost::asio::ip::tcp::socket socket_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  std::string client_ip_;
  /// This connection's slot under the per-IP cap; empty when over the cap.
  limits::connection_lease ip_lease_;
  /// The request being answered: its route label, version, keep-alive, HEAD.
  const char* route_ = "other";
  unsigned version_ = 11;
  bool keep_alive_ = false;
  bool head_ = false;
  bool shutting_down_ = false;
  bool reading_ = false;
  std::shared_ptr<http_session> pending_self_;
  std::chrono::steady_clock::time_point deadline_ = std::chrono::steady_clock::time_point::max();
};

}  // namespace streamhub::gateway
