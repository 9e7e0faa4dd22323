#include "gateway/admin/admin_server.hpp"

#include <charconv>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "gateway/admin/admin_connection.hpp"
#include "gateway/admin/admin_handler.hpp"
#include "gateway/io_thread.hpp"

namespace streamhub::gateway::admin {

using tcp = boost::asio::ip::tcp;

namespace {

result<tcp::endpoint> parse_endpoint(const std::string& listen) {
  const auto bad = [&](std::string_view why) {
    return error{error_code::invalid, "bad admin listen address '" + listen + "': " + std::string(why)};
  };
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) return bad("want HOST:PORT");
  std::string host = listen.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host == "localhost") host = "127.0.0.1";
  unsigned port = 0;
  const char* first = listen.data() + colon + 1;
  const char* last = listen.data() + listen.size();
  const auto [end, ec] = std::from_chars(first, last, port);
  if (first == last || ec != std::errc{} || end != last || port > 65535) return bad("bad port");
  boost::system::error_code address_ec;
  const auto address = boost::asio::ip::make_address(host, address_ec);
  if (address_ec) return bad("bad host");
  return tcp::endpoint(address, static_cast<std::uint16_t>(port));
}

}  // namespace

struct admin_server::impl {
  impl(admin_server_options o, admin_sources s) : options(std::move(o)), handler(std::move(s)) {}

  admin_server_options options;
  admin_handler handler;
  boost::asio::io_context context{1};
  std::shared_ptr<post_gate> gate = std::make_shared<post_gate>(context);
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work;
  tcp::acceptor acceptor{context};
  std::vector<std::weak_ptr<admin_connection>> connections;
  std::thread thread;
  std::atomic<std::uint16_t> port{0};
  bool started = false;

  void do_accept() {
    acceptor.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
      if (ec) return;  // closed by stop()
      std::erase_if(connections, [](const auto& c) { return c.expired(); });
      auto connection = std::make_shared<admin_connection>(std::move(socket), gate, handler, options.token);
      connections.push_back(connection);
      connection->start();
      do_accept();
    });
  }

  /// On the I/O thread: nothing new starts, every connection ends.
  void close_all() {
    boost::system::error_code ignored;
    acceptor.close(ignored);
    for (auto& weak : connections)
      if (auto c = weak.lock()) c->close();
    connections.clear();
    work.reset();
  }
};

admin_server::admin_server(admin_server_options options, admin_sources sources)
    : impl_(std::make_unique<impl>(std::move(options), std::move(sources))) {}

admin_server::~admin_server() { stop(); }

result<std::uint16_t> admin_server::start() {
  if (impl_->started) return error{error_code::conflict, "admin endpoint already started"};
  if (impl_->options.token.empty()) return error{error_code::invalid, "admin endpoint needs a token"};
  auto endpoint = parse_endpoint(impl_->options.listen);
  if (!endpoint) return std::move(endpoint).err();
  if (!endpoint->address().is_loopback() && !impl_->options.allow_remote)
    return error{error_code::forbidden, "admin endpoint on non-loopback address " + impl_->options.listen +
                                            " refused: pass --admin-allow-remote to allow it"};
  boost::system::error_code ec;
  auto& acceptor = impl_->acceptor;
  if (!acceptor.open(endpoint->protocol(), ec) && !acceptor.set_option(tcp::acceptor::reuse_address(true), ec) &&
      !acceptor.bind(*endpoint, ec) && !acceptor.listen(tcp::socket::max_listen_connections, ec)) {
    impl_->port = acceptor.local_endpoint(ec).port();
  }
  if (ec) {
    acceptor.close();
    return error{error_code::io_error, "admin endpoint on " + impl_->options.listen + ": " + ec.message()};
  }
  impl_->started = true;
  impl_->work.emplace(impl_->context.get_executor());
  impl_->do_accept();
  impl_->thread = std::thread([this] { impl_->context.run(); });
  return impl_->port.load();
}

void admin_server::stop() {
  if (!impl_->started) return;
  impl_->started = false;
  impl_->gate->post([this] { impl_->close_all(); });
  impl_->thread.join();
  impl_->gate->close();
}

std::uint16_t admin_server::port() const noexcept { return impl_->port.load(); }

}  // namespace streamhub::gateway::admin
