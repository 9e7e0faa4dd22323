#include "gateway/ws_session.hpp"

#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include "gateway/auth/bearer_token.hpp"
#include "gateway/server_state.hpp"
#include "protocol/graphql_ws/frames.hpp"

namespace streamhub::gateway {

namespace beast = boost::beast;
namespace websocket = beast::websocket;
using clock_type = std::chrono::steady_clock;
using graphql_ws::close_code;

/// The sink handed to the service for one operation. A call from another
/// thread posts to the session's thread, a call on it acts at once; the
/// session matches it to the operation by id and serial, so results of a
/// finished operation never reach a new one that reuses its id.
class ws_sink final : public subscription_sink, public std::enable_shared_from_this<ws_sink> {
 public:
  ws_sink(std::weak_ptr<ws_session> session, std::shared_ptr<post_gate> gate, std::string id,
          std::uint64_t serial)
      : session_(std::move(session)), gate_(std::move(gate)), id_(std::move(id)), serial_(serial) {}

  void next(std::shared_ptr<const std::string> payload) override {
    if (gate_->running_in_this_thread()) {
      if (auto session = session_.lock()) session->on_next(*this, std::move(payload));
      return;
    }
    gate_->post([self = shared_from_this(), payload = std::move(payload)]() mutable {
      if (auto session = self->session_.lock()) session->on_next(*self, std::move(payload));
    });
  }
  void error(std::shared_ptr<const std::string> errors) override {
    gate_->post([self = shared_from_this(), errors = std::move(errors)]() mutable {
      if (auto session = self->session_.lock()) session->on_end(*self, std::move(errors));
    });
  }
  void complete() override {
    gate_->post([self = shared_from_this()] {
      if (auto session = self->session_.lock()) session->on_end(*self, nullptr);
    });
  }

  const std::string& id() const noexcept { return id_; }
  std::uint64_t serial() const noexcept { return serial_; }

 private:
  std::weak_ptr<ws_session> session_;
  std::shared_ptr<post_gate> gate_;
  std::string id_;
  std::uint64_t serial_;
};

namespace {

bool offers_subprotocol(std::string_view header) {
  while (!header.empty()) {
    const auto comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (item == graphql_ws::subprotocol) return true;
  }
  return false;
}

std::string rate_limited_errors(std::chrono::milliseconds retry_after) {
  return R"([{"message":"rate limit exceeded","extensions":{"code":"RATE_LIMITED","retryAfterMs":)" +
         std::to_string(retry_after.count()) + "}}]";
}

}  // namespace

ws_session::ws_session(server_state& server, io_thread& thread, boost::asio::ip::tcp::socket socket,
                       std::shared_ptr<const auth::access_claims> user,
                       limits::connection_lease ip_lease, limits::connection_lease user_lease)
    : tracked_session(thread),
      server_(server),
      ws_(std::move(socket)),
      user_(std::move(user)),
      ip_lease_(std::move(ip_lease)),
      user_lease_(std::move(user_lease)) {
  server_.metrics.ws_connections.inc();
}

ws_session::~ws_session() {
  cancel_operations();
  server_.metrics.ws_connections.dec();
}

void ws_session::run(request upgrade) {
  // Kept alive by the accept handler only until the handshake is done.
  auto kept = std::make_unique<request>(std::move(upgrade));
  subprotocol_ok_ = offers_subprotocol((*kept)[beast::http::field::sec_websocket_protocol]);
  if (subprotocol_ok_) {
    ws_.set_option(websocket::stream_base::decorator([](websocket::response_type& res) {
      res.set(beast::http::field::sec_websocket_protocol, graphql_ws::subprotocol);
    }));
  }
  // The message limit is enforced in on_read, not by Beast: Beast's own
  // check tears the socket down right after its close frame, racing the
  // peer's reply into a reset; ours closes with a full handshake.
  ws_.read_message_max(0);
  ws_.auto_fragment(false);
  // No permessage-deflate (RFC 7692), whatever the client offers: the
  // upgrade's answer names no extension. A deflate stream keeps zlib state per
  // connection (hundreds of KiB against a few KiB for an idle connection),
  // and an event serialised once for every subscriber would be compressed
  // again for each of them. Compressing secrets next to attacker-chosen chat
  // text also invites CRIME-style guessing. The stream type is instantiated
  // without deflate support; this option states the policy where it is set.
  websocket::permessage_deflate no_compression;
  no_compression.server_enable = false;
  no_compression.client_enable = false;
  ws_.set_option(no_compression);
  ws_.control_callback([this](websocket::frame_type, std::string_view) {
    last_seen_ = clock_type::now();
    ping_sent_ = false;
  });
  deadline_ = clock_type::now() + server_.options.close_timeout;
  const request& req = *kept;
  ws_.async_accept(req, [self = shared_from_this(), kept = std::move(kept)](boost::system::error_code ec) {
    self->on_accept(ec);
  });
}

void ws_session::on_accept(boost::system::error_code ec) {
  if (ec) return;
  server_.metrics.ws_connections_total.inc();
  ws_.text(true);
  phase_ = phase::awaiting_init;
  last_seen_ = clock_type::now();
  deadline_ = last_seen_ + server_.options.connection_init_timeout;
  do_read();
  if (!subprotocol_ok_) close(close_code::subprotocol_not_acceptable, "Subprotocol not acceptable");
  else if (thread_.draining()) close(close_code::going_away, "Server shutting down");
}

void ws_session::do_read() {
  if (message_.empty()) {
    ws_.async_read_some(boost::asio::buffer(small_),
                        [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
                          self->on_read(ec, n, false, 0);
                        });
    return;
  }
  // A long message: read the rest straight into the spill buffer.
  const std::size_t at = message_.size();
  const std::size_t limit = server_.options.limits.max_message_bytes;
  message_.resize(at + (limit > at ? std::min<std::size_t>(16 * 1024, limit + 1 - at) : 16 * 1024));
  ws_.async_read_some(boost::asio::buffer(message_.data() + at, message_.size() - at),
                      [self = shared_from_this(), at](boost::system::error_code ec, std::size_t n) {
                        self->on_read(ec, n, true, at);
                      });
}

void ws_session::on_read(boost::system::error_code ec, std::size_t bytes, bool spilled,
                         std::size_t spill_at) {
  if (ec) return on_read_error(ec);
  last_seen_ = clock_type::now();
  ping_sent_ = false;
  if (spilled) message_.resize(spill_at + bytes);
  else if (!message_.empty() || !ws_.is_message_done()) message_.append(small_.data(), bytes);
  const std::size_t limit = server_.options.limits.max_message_bytes;
  if (limit != 0 && message_.size() > limit) {
    server_.metrics.reject("message_too_big");
    message_ = std::string();
    return close(close_code::message_too_big, "Message too big");
  }
  if (!ws_.is_message_done()) return do_read();
  if (message_.empty()) {
    handle_message(std::string_view(small_.data(), bytes));
  } else {
    const std::string text = std::move(message_);
    message_ = std::string();
    handle_message(text);
  }
  if (phase_ != phase::closing) do_read();
}

void ws_session::on_read_error(boost::system::error_code) {
  phase_ = phase::closing;
  cancel_operations();
  queue_.drop_waiting();
}

void ws_session::handle_message(std::string_view text) {
  if (phase_ == phase::closing) return;
  auto parsed = graphql_ws::parse_message(text);
  if (!parsed) return close(close_code::bad_request, parsed.err().message);
  graphql_ws::message& msg = *parsed;
  switch (msg.type) {
    case graphql_ws::message_type::connection_init: return handle_init(msg);
    case graphql_ws::message_type::ping: return send_text(graphql_ws::pong_frame(msg.payload));
    case graphql_ws::message_type::pong: return;
    case graphql_ws::message_type::subscribe: return handle_subscribe(msg);
    case graphql_ws::message_type::complete: return handle_complete(msg.id);
    default:
      return close(close_code::bad_request,
                   "Unexpected message of type " + std::string(graphql_ws::to_string(msg.type)) + " received");
  }
}

void ws_session::handle_init(const graphql_ws::message& init) {
  if (init_received_)
    return close(close_code::too_many_initialisation_requests, "Too many initialisation requests");
  init_received_ = true;
  if (const auto token = auth::token_from_init_payload(init.payload)) {
    auto claims = server_.verify_token(*token);
    if (!claims) return close(close_code::forbidden, "Forbidden: " + claims.err().message);
    if (user_ && user_->subject != (*claims)->subject)
      return close(close_code::forbidden, "Forbidden: token is for another user");
    if (!user_) {
      user_lease_ = server_.user_connections.try_acquire((*claims)->subject);
      if (!user_lease_) {
        server_.metrics.reject("connection_cap");
        return close(close_code::policy_violation, "Too many connections for this user");
      }
    }
    user_ = std::move(*claims);
  }
  if (server_.options.require_auth && !user_) return close(close_code::forbidden, "Forbidden");
  phase_ = phase::ready;
  deadline_ = clock_type::time_point::max();
  send_text(graphql_ws::connection_ack_frame());
}

void ws_session::handle_subscribe(graphql_ws::message& msg) {
  if (phase_ != phase::ready) return close(close_code::unauthorized, "Unauthorized");
  const auto& limits = server_.options.limits;
  if (limits.max_operation_id_bytes != 0 && msg.id.size() > limits.max_operation_id_bytes)
    return close(close_code::bad_request, "Operation id too long");
  if (operations_.contains(msg.id))
    return close(close_code::subscriber_already_exists, "Subscriber for " + msg.id + " already exists");
  if (limits.max_operations_per_connection != 0 &&
      operations_.size() >= limits.max_operations_per_connection) {
    server_.metrics.reject("operations_per_connection");
    return send_text(graphql_ws::error_frame(
        msg.id, graphql_ws::error_list("too many operations on this connection", "TOO_MANY_OPERATIONS")));
  }
  const auto decision = server_.take_operation(client_ip(), user_.get());
  if (!decision.allowed) {
    server_.metrics.reject("rate_limited");
    return send_text(graphql_ws::error_frame(msg.id, rate_limited_errors(decision.retry_after)));
  }
  const std::uint64_t serial = ++next_serial_;
  operation op;
  op.serial = serial;
  op.prefix = std::make_shared<const std::string>(graphql_ws::next_prefix(msg.id));
  op.name = msg.subscribe.operation_name;
  op.started = clock_type::now();
  auto [it, inserted] = operations_.emplace(msg.id, std::move(op));
  server_.metrics.subscriptions.inc();
  server_.metrics.count_operation(transport::websocket, it->second.name);

  graphql_request request{std::move(msg.subscribe.query), std::move(msg.subscribe.operation_name),
                          std::move(msg.subscribe.variables), std::move(msg.subscribe.extensions), false};
  auth_context auth{user_, client_ip(), transport::websocket, thread_.handle()};
  auto sink = std::make_shared<ws_sink>(weak_from_this(), thread_.gate(), msg.id, serial);
  it->second.handle = server_.options.service->subscribe(std::move(request), std::move(auth), std::move(sink));
}

void ws_session::handle_complete(const std::string& id) {
  const auto it = operations_.find(id);
  if (it == operations_.end()) return;
  if (it->second.handle) it->second.handle->cancel();
  operations_.erase(it);
  server_.metrics.subscriptions.dec();
}

ws_session::operation_map::iterator ws_session::find_operation(const ws_sink& sink) {
  const auto it = operations_.find(sink.id());
  if (it == operations_.end() || it->second.serial != sink.serial()) return operations_.end();
  return it;
}

void ws_session::first_result(operation& op) {
  if (op.started == clock_type::time_point{}) return;
  server_.metrics.observe_operation(transport::websocket, op.name,
                                    std::chrono::duration<double>(clock_type::now() - op.started).count());
  op.started = {};
}

void ws_session::on_next(const ws_sink& sink, std::shared_ptr<const std::string> payload) {
  const auto it = find_operation(sink);
  if (it == operations_.end() || phase_ != phase::ready || !payload) return;
  first_result(it->second);
  enqueue({it->second.prefix, std::move(payload), graphql_ws::frame_suffix});
}

void ws_session::on_end(const ws_sink& sink, std::shared_ptr<const std::string> errors) {
  const auto it = find_operation(sink);
  if (it == operations_.end() || phase_ != phase::ready) return;
  first_result(it->second);
  operations_.erase(it);
  server_.metrics.subscriptions.dec();
  send_text(errors ? graphql_ws::error_frame(sink.id(), *errors) : graphql_ws::complete_frame(sink.id()));
}

void ws_session::send_text(std::string frame) {
  enqueue({std::make_shared<const std::string>(std::move(frame)), nullptr, {}});
}

void ws_session::enqueue(outgoing_frame frame) {
  if (phase_ == phase::closing) return;
  const auto& limits = server_.options.limits;
  if (!queue_.push(std::move(frame), limits.max_queued_bytes, limits.max_queued_frames)) {
    server_.metrics.reject("slow_client");
    return close(close_code::try_again_later, "Outgoing queue full");
  }
  do_write();
}

void ws_session::do_write() {
  if (writing_ || queue_.empty()) return;
  writing_ = true;
  const outgoing_frame& front = queue_.front();
  auto done = [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
    self->on_write(ec, n);
  };
  if (front.ping) {
    ws_.async_ping({}, [done](boost::system::error_code ec) mutable { done(ec, 0); });
    return;
  }
  const std::array<boost::asio::const_buffer, 3> buffers{
      boost::asio::buffer(*front.head),
      front.body ? boost::asio::buffer(*front.body) : boost::asio::const_buffer{},
      boost::asio::buffer(front.tail.data(), front.tail.size())};
  ws_.async_write(buffers, std::move(done));
}

void ws_session::on_write(boost::system::error_code ec, std::size_t bytes) {
  writing_ = false;
  if (ec) {
    phase_ = phase::closing;
    cancel_operations();
    queue_.drop_waiting();
    return;
  }
  server_.metrics.ws_bytes_sent.inc(bytes);
  if (queue_.front().body) server_.metrics.deliveries.inc();
  queue_.pop();
  if (phase_ == phase::closing) return do_close();
  do_write();
}

void ws_session::close(close_code code, std::string_view reason) {
  if (phase_ == phase::closing) return;
  phase_ = phase::closing;
  deadline_ = clock_type::now() + server_.options.close_timeout;
  cancel_operations();
  queue_.drop_waiting();
  close_code_ = code;
  close_reason_ = graphql_ws::fit_close_reason(reason);
  server_.metrics.ws_closes.with({std::to_string(static_cast<unsigned>(code))}).inc();
  if (!writing_) do_close();
}

void ws_session::do_close() {
  if (close_sent_) return;
  close_sent_ = true;
  writing_ = true;
  websocket::close_reason reason(static_cast<std::uint16_t>(close_code_));
  reason.reason = close_reason_;
  ws_.async_close(reason, [self = shared_from_this()](boost::system::error_code) {
    self->writing_ = false;
  });
}

void ws_session::cancel_operations() {
  for (auto& [id, op] : operations_) {
    if (op.handle) op.handle->cancel();
    server_.metrics.subscriptions.dec();
  }
  operations_.clear();
}

void ws_session::on_sweep(clock_type::time_point now) {
  switch (phase_) {
    case phase::handshaking:
    case phase::closing:
      if (now >= deadline_) abort();
      return;
    case phase::awaiting_init:
      if (now >= deadline_)
        close(close_code::connection_initialisation_timeout, "Connection initialisation timeout");
      return;
    case phase::ready:
      if (now - last_seen_ >= server_.options.idle_timeout) {
        server_.metrics.reject("idle_timeout");
        return abort();
      }
      if (!ping_sent_ && now - last_seen_ >= server_.options.ping_interval) {
        ping_sent_ = true;
        enqueue({nullptr, nullptr, {}, true});
      }
      if (!writing_) queue_.release_if_empty();
      return;
  }
}

void ws_session::on_shutdown() {
  if (phase_ == phase::handshaking) return;  // on_accept closes it
  close(close_code::going_away, "Server shutting down");
}

void ws_session::abort() {
  phase_ = phase::closing;
  deadline_ = clock_type::time_point::max();
  cancel_operations();
  boost::system::error_code ignored;
  beast::get_lowest_layer(ws_).close(ignored);
}

session_info ws_session::describe() const {
  session_info info;
  info.transport = "ws";
  info.client_ip = client_ip();
  if (user_) info.user = user_->subject;
  info.queued_frames = queue_.size();
  info.queued_bytes = queue_.bytes();
  info.operations = operations_.size();
  return info;
}

}  // namespace streamhub::gateway
