#pragma once
// Accepts TCP connections and hands each to the next I/O thread in turn,
// where an http_session takes it. Runs on the first I/O thread.

#include <memory>
#include <vector>

#include <boost/asio/ip/tcp.hpp>

#include "protocol/error.hpp"

namespace streamhub::gateway {

struct server_state;
class io_thread;

class listener : public std::enable_shared_from_this<listener> {
 public:
  /// Binds and listens on `endpoint` (on threads[0]'s context).
  /// Errors: io_error naming the failed step.
  static result<std::shared_ptr<listener>> open(server_state& server,
                                                const std::vector<io_thread*>& threads,
                                                const boost::asio::ip::tcp::endpoint& endpoint);

  void start();
  /// Thread-safe: stops accepting (posted to the listener's thread).
  void stop();
  std::uint16_t port() const noexcept { return port_; }

 private:
  listener(server_state& server, std::vector<io_thread*> threads);
  void do_accept();

  server_state& server_;
  std::vector<io_thread*> threads_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::size_t next_thread_ = 0;
  std::uint16_t port_ = 0;
};

}  // namespace streamhub::gateway
