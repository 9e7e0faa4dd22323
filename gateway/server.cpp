#include "gateway/server.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/asio/steady_timer.hpp>

#include "gateway/io_thread.hpp"
#include "gateway/listener.hpp"
#include "gateway/server_state.hpp"

namespace streamhub::gateway {

using tcp = boost::asio::ip::tcp;

namespace {

result<tcp::endpoint> parse_listen(const std::string& listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) return error{error_code::invalid, "listen address needs HOST:PORT: " + listen};
  std::string host = listen.substr(0, colon);
  const std::string port_text = listen.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host == "localhost") host = "127.0.0.1";
  unsigned long port = 0;
  try {
    std::size_t used = 0;
    port = std::stoul(port_text, &used);
    if (used != port_text.size() || port > 65535) throw std::out_of_range("port");
  } catch (const std::exception&) {
    return error{error_code::invalid, "bad port in listen address: " + listen};
  }
  boost::system::error_code ec;
  const auto address = boost::asio::ip::make_address(host.empty() ? "0.0.0.0" : host, ec);
  if (ec) return error{error_code::invalid, "bad host in listen address: " + listen};
  return tcp::endpoint(address, static_cast<std::uint16_t>(port));
}

}  // namespace

struct server::impl {
  explicit impl(server_options options) : state(std::move(options)) {}

  server_state state;
  std::vector<std::unique_ptr<io_thread>> threads;
  std::shared_ptr<listener> acceptor;
  std::unique_ptr<boost::asio::steady_timer> eviction_timer;
  std::atomic<std::uint16_t> port{0};
  bool started = false;
  bool stopped = false;

  // Forgets rate-limit buckets that have refilled, once a minute.
  void schedule_eviction() {
    eviction_timer->expires_after(std::chrono::minutes(1));
    eviction_timer->async_wait([this](boost::system::error_code ec) {
      if (ec) return;
      const auto now = limits::rate_limiter::clock::now();
      state.ip_operations.evict_idle(now);
      state.user_operations.evict_idle(now);
      schedule_eviction();
    });
  }
};

server::server(server_options options) : impl_(std::make_unique<impl>(std::move(options))) {}

server::~server() { stop(); }

result<std::uint16_t> server::start() {
  if (impl_->started) return error{error_code::conflict, "server already started"};
  if (!impl_->state.options.service) return error{error_code::invalid, "server needs a graphql_service"};
  if (!impl_->state.options.static_dir.empty() && !impl_->state.web_app)
    return error{error_code::not_found, "web app directory not found: " + impl_->state.options.static_dir};
  auto endpoint = parse_listen(impl_->state.options.listen);
  if (!endpoint) return std::move(endpoint).err();
  std::size_t count = impl_->state.options.io_threads;
  if (count == 0) count = std::max(1u, std::thread::hardware_concurrency());
  std::vector<io_thread*> raw;
  for (std::size_t i = 0; i < count; ++i) {
    impl_->threads.push_back(std::make_unique<io_thread>(impl_->state.options.sweep_interval));
    raw.push_back(impl_->threads.back().get());
  }
  auto opened = listener::open(impl_->state, raw, *endpoint);
  if (!opened) {
    impl_->threads.clear();
    return std::move(opened).err();
  }
  impl_->acceptor = std::move(*opened);
  impl_->port = impl_->acceptor->port();
  impl_->eviction_timer = std::make_unique<boost::asio::steady_timer>(raw.front()->context());
  impl_->schedule_eviction();
  impl_->started = true;
  impl_->acceptor->start();
  for (auto& thread : impl_->threads) thread->start();
  return impl_->port.load();
}

void server::stop() {
  if (!impl_->started || impl_->stopped) return;
  impl_->stopped = true;
  impl_->acceptor->stop();
  boost::asio::post(impl_->threads.front()->context(), [this] { impl_->eviction_timer->cancel(); });
  for (auto& thread : impl_->threads) thread->begin_shutdown(impl_->state.options.shutdown_timeout);
  for (auto& thread : impl_->threads) thread->join();
  impl_->acceptor.reset();
  impl_->eviction_timer.reset();
  impl_->threads.clear();
}

std::uint16_t server::port() const noexcept { return impl_->port.load(); }

metrics::registry& server::metrics() noexcept { return *impl_->state.registry; }

namespace {

struct session_walk {
  std::vector<std::pair<std::shared_ptr<post_gate>, io_thread*>> threads;
  std::vector<session_info> found;
  std::function<void(std::vector<session_info>)> done;
};

/// Visits the I/O threads one after another, each adding its sessions on its
/// own thread, and hands the list on from the last.
void walk_sessions(std::shared_ptr<session_walk> walk, std::size_t next) {
  if (next == walk->threads.size()) {
    walk->done(std::move(walk->found));
    return;
  }
  auto [gate, thread] = walk->threads[next];
  const bool posted = gate->post([walk, next, thread = thread] {
    thread->describe_sessions(walk->found);
    walk_sessions(walk, next + 1);
  });
  // A thread that has stopped drops the task: the server is going away.
  if (!posted) walk->done({});
}

}  // namespace

void server::sessions(std::function<void(std::vector<session_info>)> done) const {
  if (!impl_->started || impl_->stopped) {
    done({});
    return;
  }
  auto walk = std::make_shared<session_walk>();
  for (const auto& thread : impl_->threads) walk->threads.emplace_back(thread->gate(), thread.get());
  walk->done = std::move(done);
  walk_sessions(std::move(walk), 0);
}

}  // namespace streamhub::gateway
