#include "gateway/admin/admin_client.hpp"

#include <optional>
#include <type_traits>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <nlohmann/json.hpp>

namespace streamhub::gateway::admin {

using tcp = boost::asio::ip::tcp;
using json = nlohmann::json;

namespace {

constexpr auto kPoll = std::chrono::milliseconds(100);

error lost(std::string_view why) { return error{error_code::unavailable, "connection lost: " + std::string(why)}; }

error_code code_named(std::string_view name) {
  for (int c = 1; c <= static_cast<int>(error_code::internal); ++c)
    if (to_string(static_cast<error_code>(c)) == name) return static_cast<error_code>(c);
  return error_code::internal;
}

/// `j[key]` when it is a `T`, else `fallback` (json::value would throw).
template <class T>
T field(const json& j, const char* key, T fallback) {
  const auto it = j.find(key);
  if (it == j.end()) return fallback;
  if constexpr (std::is_same_v<T, bool>) return it->is_boolean() ? it->get<bool>() : fallback;
  else if constexpr (std::is_same_v<T, std::uint64_t>) return it->is_number_unsigned() ? it->get<T>() : fallback;
  else return it->is_string() ? it->get<std::string>() : fallback;
}

error error_from(const json& e) {
  if (!e.is_object()) return error{error_code::internal, "malformed error from the endpoint"};
  return error{code_named(field<std::string>(e, "code", "")), field<std::string>(e, "message", "")};
}

std::uint64_t seq_of(const json& line) { return field<std::uint64_t>(line, "seq", 0); }

/// The "result" of an answer, or its error.
result<std::string> outcome(const json& answer) {
  if (field(answer, "ok", false)) return answer.contains("result") ? answer["result"].dump() : "{}";
  return error_from(answer.contains("error") ? answer["error"] : json());
}

}  // namespace

struct admin_client::impl {
  boost::asio::io_context context;
  std::optional<tcp::socket> socket;
  boost::asio::streambuf buffer;
  std::uint64_t next_seq = 1;

  void drop() {
    if (socket) {
      boost::system::error_code ignored;
      socket->close(ignored);
    }
    socket.reset();
    buffer.consume(buffer.size());
  }

  /// Runs the context until `done` or, polling every kPoll, until `give_up()`.
  template <class GiveUp>
  bool run_until(const bool& done, const GiveUp& give_up) {
    context.restart();
    while (!done) {
      context.run_for(kPoll);
      if (!done && give_up()) {
        drop();  // cancels the pending operation
        context.restart();
        context.run();
        return false;
      }
    }
    return true;
  }

  /// The next line, or nullopt when the connection ends or `give_up()`.
  template <class GiveUp>
  result<std::string> read_line(const GiveUp& give_up) {
    if (!socket) return lost("not connected");
    bool done = false;
    boost::system::error_code ec;
    std::size_t bytes = 0;
    boost::asio::async_read_until(*socket, buffer, '\n', [&](boost::system::error_code e, std::size_t n) {
      ec = e;
      bytes = n;
      done = true;
    });
    if (!run_until(done, give_up)) return error{error_code::timeout, "no answer from the admin endpoint"};
    if (ec) {
      drop();
      return lost(ec == boost::asio::error::eof ? "the node closed it" : ec.message());
    }
    std::string line(boost::asio::buffers_begin(buffer.data()),
                     boost::asio::buffers_begin(buffer.data()) + static_cast<std::ptrdiff_t>(bytes - 1));
    buffer.consume(bytes);
    return line;
  }

  result<void> write_line(std::string line) {
    if (!socket) return lost("not connected");
    line.push_back('\n');
    boost::system::error_code ec;
    boost::asio::write(*socket, boost::asio::buffer(line), ec);
    if (ec) {
      drop();
      return lost(ec.message());
    }
    return {};
  }

  result<json> read_json(const std::function<bool()>& give_up) {
    auto line = read_line(give_up);
    if (!line) return std::move(line).err();
    json j = json::parse(*line, nullptr, false);
    if (!j.is_object()) {
      drop();
      return lost("not JSON: " + line->substr(0, 80));
    }
    return j;
  }

  std::uint64_t send_request(const std::vector<std::string>& argv, result<void>& sent) {
    const std::uint64_t seq = next_seq++;
    sent = write_line(json{{"seq", seq}, {"argv", argv}}.dump());
    return seq;
  }
};

admin_client::admin_client() : impl_(std::make_unique<impl>()) {}
admin_client::~admin_client() { impl_->drop(); }

bool admin_client::connected() const noexcept { return impl_->socket.has_value(); }
void admin_client::disconnect() { impl_->drop(); }

result<void> admin_client::connect(const std::string& host, std::uint16_t port, const std::string& token,
                                   std::chrono::milliseconds timeout) {
  impl_->drop();
  boost::system::error_code ec;
  tcp::resolver resolver(impl_->context);
  const auto endpoints = resolver.resolve(host, std::to_string(port), ec);
  const std::string where = host + ":" + std::to_string(port);
  if (ec) return error{error_code::unavailable, "cannot resolve " + where + ": " + ec.message()};
  impl_->socket.emplace(impl_->context);
  boost::asio::connect(*impl_->socket, endpoints, ec);
  if (ec) {
    impl_->drop();
    return error{error_code::unavailable, "cannot connect to the admin endpoint at " + where + ": " + ec.message()};
  }
  if (auto sent = impl_->write_line(json{{"token", token}}.dump()); !sent) return sent;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto hello = impl_->read_json([&] { return std::chrono::steady_clock::now() >= deadline; });
  if (!hello) return std::move(hello).err();
  auto ok = outcome(*hello);
  if (!ok) {
    impl_->drop();
    return std::move(ok).err();
  }
  return {};
}

result<std::string> admin_client::call(const std::vector<std::string>& argv) {
  result<void> sent;
  const std::uint64_t seq = impl_->send_request(argv, sent);
  if (!sent) return std::move(sent).err();
  for (;;) {
    auto answer = impl_->read_json([] { return false; });
    if (!answer) return std::move(answer).err();
    if (seq_of(*answer) == seq) return outcome(*answer);
  }
}

result<std::string> admin_client::tail(const std::vector<std::string>& argv,
                                       const std::function<void(std::string_view)>& on_line,
                                       const std::function<bool()>& should_stop) {
  result<void> sent;
  const std::uint64_t seq = impl_->send_request(argv, sent);
  if (!sent) return std::move(sent).err();
  bool cancelled = false;
  for (;;) {
    auto line = impl_->read_json([&] {
      if (cancelled || !should_stop()) return false;
      cancelled = static_cast<bool>(impl_->write_line(json{{"cancel", seq}}.dump()));
      return !cancelled;
    });
    if (!line) return std::move(line).err();
    if (seq_of(*line) != seq) continue;
    if (line->contains("event")) {
      on_line((*line)["event"].dump());
    } else if (line->contains("tail")) {
      line->erase("seq");
      on_line(line->dump());
    } else {
      return outcome(*line);
    }
  }
}

}  // namespace streamhub::gateway::admin
