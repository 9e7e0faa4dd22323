#include "gateway/listener.hpp"

#include <boost/asio/post.hpp>

#include "gateway/http_session.hpp"
#include "gateway/io_thread.hpp"
#include "gateway/server_state.hpp"

namespace streamhub::gateway {

using tcp = boost::asio::ip::tcp;

listener::listener(server_state& server, std::vector<io_thread*> threads)
    : server_(server), threads_(std::move(threads)), acceptor_(threads_.front()->context()) {}

result<std::shared_ptr<listener>> listener::open(server_state& server,
                                                 const std::vector<io_thread*>& threads,
                                                 const tcp::endpoint& endpoint) {
  std::shared_ptr<listener> self(new listener(server, threads));
  boost::system::error_code ec;
  const auto fail = [&](const char* step) {
    return error{error_code::io_error, std::string(step) + " " + endpoint.address().to_string() + ":" +
                                           std::to_string(endpoint.port()) + ": " + ec.message()};
  };
  self->acceptor_.open(endpoint.protocol(), ec);
  if (ec) return fail("open");
  self->acceptor_.set_option(boost::asio::socket_base::reuse_address(true), ec);
  if (ec) return fail("set_option");
  self->acceptor_.bind(endpoint, ec);
  if (ec) return fail("bind");
  self->acceptor_.listen(boost::asio::socket_base::max_listen_connections, ec);
  if (ec) return fail("listen");
  self->port_ = self->acceptor_.local_endpoint(ec).port();
  return self;
}

void listener::start() {
  boost::asio::post(acceptor_.get_executor(), [self = shared_from_this()] { self->do_accept(); });
}

void listener::stop() {
  boost::asio::post(acceptor_.get_executor(), [self = shared_from_this()] {
    boost::system::error_code ignored;
    self->acceptor_.close(ignored);
  });
}

void listener::do_accept() {
  io_thread* target = threads_[next_thread_];
  next_thread_ = (next_thread_ + 1) % threads_.size();
  acceptor_.async_accept(
      target->context(), [self = shared_from_this(), target](boost::system::error_code ec, tcp::socket socket) {
        if (ec == boost::asio::error::operation_aborted || !self->acceptor_.is_open()) return;
        if (!ec) {
          boost::system::error_code ignored;
          socket.set_option(tcp::no_delay(true), ignored);
          // The session is born on its own thread, where it will live.
          boost::asio::post(target->context(), [&server = self->server_, target, s = std::move(socket)]() mutable {
            std::make_shared<http_session>(server, *target, std::move(s))->run();
          });
        }
        self->do_accept();
      });
}

}  // namespace streamhub::gateway
