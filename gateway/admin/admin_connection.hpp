#pragma once
// One admin client connection (wire format: admin_server.hpp). Lives on the
// admin endpoint's I/O thread; handler answers reach it through a post_gate
// holding only a weak_ptr, so an answer for a closed connection is dropped.
//
// Writes: one in flight, the rest queued; a client that lets more than
// kMaxQueuedBytes pile up (a tail it does not read) is disconnected.

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/streambuf.hpp>

#include "gateway/admin/admin_handler.hpp"
#include "gateway/io_thread.hpp"

namespace streamhub::gateway::admin {

class connection_tail;

class admin_connection : public std::enable_shared_from_this<admin_connection> {
 public:
  static constexpr std::size_t kMaxLineBytes = 64 * 1024;
  static constexpr std::size_t kMaxQueuedBytes = 4 * 1024 * 1024;

  admin_connection(boost::asio::ip::tcp::socket socket, std::shared_ptr<post_gate> gate,
                   admin_handler& handler, const std::string& token);

  /// Starts reading. On the I/O thread.
  void start();
  /// Cancels tails and closes the socket. On the I/O thread.
  void close();

  /// Queues `line` from any thread (dropped once the connection is gone).
  void post_line(std::string line);
  /// From any thread: the tail `seq` ended with `last_line`.
  void post_tail_end(std::uint64_t seq, std::string last_line);

 private:
  void do_read();
  void on_read(boost::system::error_code ec, std::size_t bytes);
  void handle_line(std::string_view line);
  void authenticate(std::string_view line);
  void start_tail(std::uint64_t seq, const command& c);
  void cancel_tail(std::uint64_t seq);
  void send(std::string line);
  void do_write();

  boost::asio::ip::tcp::socket socket_;
  std::shared_ptr<post_gate> gate_;
  admin_handler& handler_;
  const std::string& token_;
  boost::asio::streambuf buffer_{kMaxLineBytes};
  std::deque<std::string> out_;
  std::size_t queued_bytes_ = 0;
  struct running_tail {
    std::shared_ptr<tail_handle> handle;
    std::shared_ptr<connection_tail> sink;
  };
  std::map<std::uint64_t, running_tail> tails_;
  bool authenticated_ = false;
  bool writing_ = false;
  /// Refused: close once the answer is written.
  bool close_after_write_ = false;
  bool closed_ = false;
};

}  // namespace streamhub::gateway::admin
