#include "gateway/http_session.hpp"

#include <boost/asio/write.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/http/file_body.hpp>
#include <boost/beast/http/message_generator.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include "gateway/graphiql_page.hpp"
#include "gateway/server_state.hpp"
#include "gateway/url.hpp"
#include "gateway/ws_session.hpp"

namespace streamhub::gateway {

namespace beast = boost::beast;
namespace http = beast::http;
using tcp = boost::asio::ip::tcp;
using clock_type = std::chrono::steady_clock;

namespace {

constexpr std::string_view text_plain = "text/plain; charset=utf-8";

std::string retry_after_seconds(std::chrono::milliseconds wait) {
  return std::to_string(std::max<long long>(1, (wait.count() + 999) / 1000));
}

}  // namespace

http_session::http_session(server_state& server, io_thread& thread, tcp::socket socket)
    : tracked_session(thread), server_(server), socket_(std::move(socket)) {
  boost::system::error_code ec;
  const auto endpoint = socket_.remote_endpoint(ec);
  if (!ec) client_ip_ = endpoint.address().to_string();
  ip_lease_ = server_.ip_connections.try_acquire(client_ip_);
  server_.metrics.http_connections.inc();
}

http_session::~http_session() { server_.metrics.http_connections.dec(); }

void http_session::run() {
  // Accepted just before the listener closed: the server is going away.
  if (thread_.draining()) return abort();
  do_read();
}

void http_session::do_read() {
  if (shutting_down_) return linger_close();
  parser_.emplace();
  parser_->body_limit(server_.options.limits.max_body_bytes);
  parser_->header_limit(static_cast<std::uint32_t>(server_.options.limits.max_header_bytes));
  reading_ = true;
  deadline_ = clock_type::now() + (ip_lease_ ? server_.options.http_idle_timeout : server_.options.close_timeout);
  http::async_read(socket_, buffer_, *parser_,
                   [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                     self->on_read(ec);
                   });
}

void http_session::on_read(boost::system::error_code ec) {
  reading_ = false;
  deadline_ = clock_type::time_point::max();
  if (ec == http::error::end_of_stream || ec == boost::asio::error::operation_aborted ||
      ec == boost::asio::error::connection_reset || ec == boost::asio::error::eof) {
    boost::system::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_send, ignored);
    return;
  }
  // Answers to a request that was not read whole (bad syntax, a body or
  // headers over their limit) close the connection: the rest of it is still
  // on the wire. A request read whole keeps the connection whatever the status.
  keep_alive_ = false;
  version_ = 11;
  head_ = false;
  if (ec == http::error::body_limit) {
    route_ = "graphql";
    server_.metrics.reject("body_too_large");
    return respond(413, text_plain, "request body too large");
  }
  if (ec == http::error::header_limit) {
    server_.metrics.reject("headers_too_large");
    return respond(431, text_plain, "request headers too large");
  }
  if (ec) {
    route_ = "other";
    return respond(400, text_plain, "bad request");
  }
  route(parser_->release());
}

void http_session::route(request req) {
  version_ = req.version();
  keep_alive_ = req.keep_alive() && !shutting_down_;
  head_ = req.method() == http::verb::head;
  const auto [path, query] = split_request_target(req.target());
  const bool get_or_head = req.method() == http::verb::get || head_;
  if (!ip_lease_) {
    // Over the per-IP cap, health probes and scrapes are still answered
    // (then the connection closes): a load balancer or a kubelet behind one
    // busy address must not see a healthy node as down.
    keep_alive_ = false;
    const bool probe = path == "/healthz" || path == "/readyz" || path == "/metrics";
    if (!probe) {
      route_ = path == "/graphql" ? "graphql" : "other";
      server_.metrics.reject("connection_cap");
      return respond(429, text_plain, "too many connections", {{"Retry-After", "10"}});
    }
  }

  if (path == "/graphql") {
    route_ = "graphql";
    if (beast::websocket::is_upgrade(req)) return handle_upgrade(std::move(req));
    return handle_graphql(std::move(req));
  }
  if (path == "/healthz" || path == "/readyz" || path == "/metrics" || path == "/graphiql") {
    route_ = path == "/healthz" ? "healthz" : path == "/readyz" ? "readyz" : path == "/metrics" ? "metrics" : "graphiql";
    if (!get_or_head) return respond(405, text_plain, "method not allowed", {{"Allow", "GET, HEAD"}});
    if (path == "/healthz") return respond(200, text_plain, "ok");
    if (path == "/readyz") {
      const bool ready = !server_.options.readiness || server_.options.readiness();
      std::string body = ready ? "ready" : "not ready";
      if (server_.options.readiness_detail) {
        if (auto detail = server_.options.readiness_detail(); !detail.empty()) {
          body += "\n" + detail;
        }
      }
      return respond(ready ? 200 : 503, text_plain, std::move(body));
    }
    if (path == "/metrics")
      return respond(200, "text/plain; version=0.0.4; charset=utf-8", server_.registry->expose());
    return respond(200, "text/html; charset=utf-8", std::string(graphiql_page()));
  }
  route_ = "static";
  if (!server_.web_app) return respond(404, text_plain, "not found");
  if (!get_or_head) return respond(405, text_plain, "method not allowed", {{"Allow", "GET, HEAD"}});
  serve_static(req);
}

void http_session::serve_static(const request& req) {
  const auto found = server_.web_app->resolve(split_request_target(req.target()).path);
  if (!found) return respond(404, text_plain, "not found");
  http::file_body::value_type file;
  beast::error_code ec;
  file.open(found->path.c_str(), beast::file_mode::scan, ec);
  if (ec) return respond(404, text_plain, "not found");
  const auto size = file.size();
  server_.metrics.http_requests.with({route_, "200"}).inc();
  if (head_) {
    http::response<http::empty_body> res{http::status::ok, version_};
    res.set(http::field::content_type, found->content_type);
    res.content_length(size);
    res.keep_alive(keep_alive_);
    return send(http::message_generator(std::move(res)), keep_alive_);
  }
  http::response<http::file_body> res{std::piecewise_construct, std::make_tuple(std::move(file)),
                                      std::make_tuple(http::status::ok, version_)};
  res.set(http::field::content_type, found->content_type);
  res.content_length(size);
  res.keep_alive(keep_alive_);
  send(http::message_generator(std::move(res)), keep_alive_);
}

void http_session::handle_graphql(request req) {
  const bool get = req.method() == http::verb::get;
  if (!get && req.method() != http::verb::post)
    return respond(405, text_plain, "method not allowed", {{"Allow", "GET, POST"}});
  const auto media = negotiate_media_type(req[http::field::accept]);
  if (!media)
    return respond(406, text_plain,
                   "acceptable types: application/graphql-response+json, application/json");
  auto decoded = get ? decode_get(split_request_target(req.target()).query)
                     : decode_post(req[http::field::content_type], req.body());
  if (!decoded) {
    const bool media_problem = decoded.err().code == error_code::unsupported_format;
    return respond_graphql_error(media_problem ? 415 : 400, *media, decoded.err().message,
                                 "BAD_REQUEST");
  }
  auth_context auth;
  auth.client_ip = client_ip_;
  auth.via = transport::http;
  auth.thread = thread_.handle();
  auto claims = server_.verify_authorization(req[http::field::authorization]);
  if (!claims)
    return respond_graphql_error(401, *media, claims.err().message, "UNAUTHENTICATED",
                                 {{"WWW-Authenticate", "Bearer error=\"invalid_token\""}});
  auth.user = std::move(*claims);
  const auto decision = server_.take_operation(client_ip_, auth.user.get());
  if (!decision.allowed) {
    server_.metrics.reject("rate_limited");
    return respond_graphql_error(429, *media, "rate limit exceeded", "RATE_LIMITED",
                                 {{"Retry-After", retry_after_seconds(decision.retry_after)}});
  }
  std::string operation_name = decoded->operation_name;
  server_.metrics.count_operation(transport::http, operation_name);
  pending_self_ = shared_from_this();
  const auto started = clock_type::now();
  server_.options.service->execute(
      std::move(*decoded), std::move(auth),
      [weak = weak_from_this(), gate = thread_.gate(), type = *media, started,
       name = std::move(operation_name)](execution_result result) mutable {
        gate->post([weak, type, started, name = std::move(name), result = std::move(result)]() mutable {
          if (auto self = weak.lock()) self->on_executed(type, std::move(result), started, std::move(name));
        });
      });
}

void http_session::on_executed(graphql_media_type type, execution_result result,
                               clock_type::time_point started, std::string operation_name) {
  auto keep = std::move(pending_self_);
  if (!keep) return;  // aborted meanwhile
  server_.metrics.observe_operation(transport::http, operation_name,
                                    std::chrono::duration<double>(clock_type::now() - started).count());
  keep_alive_ = keep_alive_ && !shutting_down_;
  const unsigned status = status_for(result.outcome, type);
  std::string body = result.body ? *result.body : error_response("no response", "INTERNAL_SERVER_ERROR");
  switch (result.outcome) {
    case execution_outcome::mutation_not_allowed:
      return respond(status, content_type_of(type), std::move(body), {{"Allow", "POST"}});
    case execution_outcome::rate_limited:
    case execution_outcome::unavailable:
      if (result.retry_after.count() > 0)
        return respond(status, content_type_of(type), std::move(body),
                       {{"Retry-After", retry_after_seconds(result.retry_after)}});
      break;
    case execution_outcome::unauthenticated:
      return respond(status, content_type_of(type), std::move(body),
                     {{"WWW-Authenticate", "Bearer"}});
    default: break;
  }
  respond(status, content_type_of(type), std::move(body));
}

void http_session::handle_upgrade(request req) {
  if (!server_.origin_allowed(req[http::field::origin])) {
    server_.metrics.reject("origin");
    keep_alive_ = false;
    return respond(403, text_plain, "origin not allowed");
  }
  auto claims = server_.verify_authorization(req[http::field::authorization]);
  if (!claims) {
    keep_alive_ = false;
    return respond(401, text_plain, claims.err().message,
                   {{"WWW-Authenticate", "Bearer error=\"invalid_token\""}});
  }
  std::shared_ptr<const auth::access_claims> user = std::move(*claims);
  limits::connection_lease user_lease;
  if (user) user_lease = server_.user_connections.try_acquire(user->subject);
  if (user && !user_lease) {
    server_.metrics.reject("connection_cap");
    keep_alive_ = false;
    return respond(429, text_plain, "too many connections", {{"Retry-After", "10"}});
  }
  server_.metrics.http_requests.with({route_, "101"}).inc();
  deadline_ = clock_type::time_point::max();
  auto ws = std::make_shared<ws_session>(server_, thread_, std::move(socket_), std::move(user),
                                         std::move(ip_lease_), std::move(user_lease));
  ws->run(std::move(req));
}

void http_session::respond_graphql_error(
    unsigned status, graphql_media_type type, std::string_view message, std::string_view code,
    std::initializer_list<std::pair<std::string_view, std::string>> extra) {
  respond(status, content_type_of(type), error_response(message, code), extra);
}

void http_session::respond(unsigned status, std::string_view content_type, std::string body,
                           std::initializer_list<std::pair<std::string_view, std::string>> extra) {
  server_.metrics.http_requests.with({route_, std::to_string(status)}).inc();
  http::response<http::string_body> res{static_cast<http::status>(status), version_};
  res.set(http::field::server, "streamhub");
  res.set(http::field::content_type, content_type);
  for (const auto& [name, value] : extra) res.set(name, value);
  const auto size = body.size();
  if (!head_) res.body() = std::move(body);
  res.content_length(size);
  res.keep_alive(keep_alive_);
  send(http::message_generator(std::move(res)), keep_alive_);
}

void http_session::send(http::message_generator message, bool keep_alive) {
  deadline_ = clock_type::now() + server_.options.http_idle_timeout;
  beast::async_write(socket_, std::move(message),
                     [self = shared_from_this(), keep_alive](boost::system::error_code ec, std::size_t bytes) {
                       self->on_write(keep_alive, ec, bytes);
                     });
}

void http_session::on_write(bool keep_alive, boost::system::error_code ec, std::size_t bytes) {
  deadline_ = clock_type::time_point::max();
  server_.metrics.http_bytes_sent.inc(bytes);
  if (ec) return;
  if (!keep_alive || shutting_down_) return linger_close();
  do_read();
}

// Half-closes, then discards what the client still sends, so a response
// written before the request body was read is not lost to a TCP reset.
void http_session::linger_close() {
  boost::system::error_code ignored;
  socket_.shutdown(tcp::socket::shutdown_send, ignored);
  deadline_ = clock_type::now() + server_.options.close_timeout;
  buffer_.clear();
  buffer_.shrink_to_fit();
  auto drain = std::make_shared<std::array<char, 1024>>();
  struct reader {
    std::shared_ptr<http_session> self;
    std::shared_ptr<std::array<char, 1024>> scratch;
    void operator()(boost::system::error_code ec = {}, std::size_t = 0) {
      if (ec) return;
      self->socket_.async_read_some(boost::asio::buffer(*scratch), std::move(*this));
    }
  };
  reader{shared_from_this(), std::move(drain)}();
}

void http_session::on_sweep(clock_type::time_point now) {
  if (now >= deadline_) abort();
}

void http_session::on_shutdown() {
  shutting_down_ = true;
  keep_alive_ = false;
  // Idle between requests: nothing in flight to finish.
  if (reading_ && parser_ && !parser_->got_some()) abort();
}

void http_session::abort() {
  // Released last: it may hold the only reference to this session.
  auto keep = std::move(pending_self_);
  deadline_ = clock_type::time_point::max();
  boost::system::error_code ignored;
  socket_.close(ignored);
}

session_info http_session::describe() const {
  session_info info;
  info.transport = "http";
  info.client_ip = client_ip_;
  return info;
}

}  // namespace streamhub::gateway
