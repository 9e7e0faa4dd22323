#pragma once
// One WebSocket connection speaking graphql-transport-ws (server side).
//
//   handshaking --accept--> awaiting_init --connection_init ok--> ready
//        any state --protocol error, timeout, shutdown, slow reader--> closing
//
// Reads go into a 32-byte inline buffer; a longer message spills into a heap
// string released once handled, so an idle connection holds no read buffer.
// Writes: one in flight, the rest in an outgoing_queue with byte/frame caps;
// overflowing it closes the connection with 1013. Timeouts (init, ping,
// idle, close) are checked by the io_thread's sweep, not by per-connection
// timers.
//
// Lifetime: owned by its pending read. Operation results arrive through
// ws_sink objects that post to this session's thread holding a weak_ptr, so
// a result for a closed session is dropped.

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/websocket/stream.hpp>

#include "gateway/graphql_service.hpp"
#include "gateway/io_thread.hpp"
#include "gateway/limits/connection_counter.hpp"
#include "gateway/outgoing_queue.hpp"
#include "protocol/graphql_ws/close_code.hpp"
#include "protocol/graphql_ws/message.hpp"

namespace streamhub::gateway {

struct server_state;
class ws_sink;

class ws_session : public tracked_session, public std::enable_shared_from_this<ws_session> {
 public:
  using request = boost::beast::http::request<boost::beast::http::string_body>;

  /// `ip_lease` counts this connection against its client IP (its key is
  /// the IP); `user_lease` against the user of an Authorization header.
  ws_session(server_state& server, io_thread& thread, boost::asio::ip::tcp::socket socket,
             std::shared_ptr<const auth::access_claims> user, limits::connection_lease ip_lease,
             limits::connection_lease user_lease);
  ~ws_session() override;

  /// Completes the upgrade `upgrade` asked for.
  void run(request upgrade);

  void on_sweep(std::chrono::steady_clock::time_point now) override;
  void on_shutdown() override;
  void abort() override;
  session_info describe() const override;

 private:
  friend class ws_sink;
  enum class phase : std::uint8_t { handshaking, awaiting_init, ready, closing };

  struct operation {
    std::uint64_t serial = 0;
    std::shared_ptr<const std::string> prefix;
    std::unique_ptr<subscription> handle;
    std::string name;
    /// Until the first result (for the latency histogram); then empty.
    std::chrono::steady_clock::time_point started{};
  };
  using operation_map = std::map<std::string, operation, std::less<>>;

  void on_accept(boost::system::error_code ec);
  const std::string& client_ip() const noexcept { return ip_lease_.key(); }
  void do_read();
  void on_read(boost::system::error_code ec, std::size_t bytes, bool spilled, std::size_t spill_at);
  void on_read_error(boost::system::error_code ec);
  void handle_message(std::string_view text);
  void handle_init(const graphql_ws::message& init);
  void handle_subscribe(graphql_ws::message& subscribe);
  void handle_complete(const std::string& id);

  // Results posted by ws_sink, on this thread.
  void on_next(const ws_sink& sink, std::shared_ptr<const std::string> payload);
  void on_end(const ws_sink& sink, std::shared_ptr<const std::string> errors);
  operation_map::iterator find_operation(const ws_sink& sink);
  void first_result(operation& op);

  void send_text(std::string frame);
  void enqueue(outgoing_frame frame);
  void do_write();
  void on_write(boost::system::error_code ec, std::size_t bytes);

  void close(graphql_ws::close_code code, std::string_view reason);
  void do_close();
  void cancel_operations();

  server_state& server_;
  boost::beast::websocket::stream<boost::asio::ip::tcp::socket, false> ws_;
  std::shared_ptr<const auth::access_claims> user_;
  limits::connection_lease ip_lease_;
  limits::connection_lease user_lease_;
  operation_map operations_;
  outgoing_queue queue_;
  std::string message_;
  std::chrono::steady_clock::time_point deadline_;
  std::chrono::steady_clock::time_point last_seen_;
  std::uint64_t next_serial_ = 0;
  graphql_ws::close_code close_code_ = graphql_ws::close_code::normal;
  std::string close_reason_;
  phase phase_ = phase::handshaking;
  bool subprotocol_ok_ = false;
  bool init_received_ = false;
  bool writing_ = false;
  bool ping_sent_ = false;
  bool close_sent_ = false;
  std::array<char, 32> small_{};
};

}  // namespace streamhub::gateway
