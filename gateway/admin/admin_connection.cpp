#include "gateway/admin/admin_connection.hpp"

#include <atomic>

#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>
#include <nlohmann/json.hpp>
#include <openssl/crypto.h>

namespace streamhub::gateway::admin {

using json = nlohmann::json;

namespace {

json error_json(const error& e) {
  return json{{"code", std::string(to_string(e.code))}, {"message", e.message}};
}

std::string failure_line(std::uint64_t seq, const error& e) {
  return json{{"seq", seq}, {"ok", false}, {"error", error_json(e)}}.dump();
}

bool same_secret(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

/// A tail's lines, posted to the connection in the order they come.
class connection_tail final : public tail_sink {
 public:
  connection_tail(std::weak_ptr<admin_connection> connection, std::uint64_t seq, std::string id)
      : connection_(std::move(connection)), seq_(seq), id_(std::move(id)) {}

  void on_started(event_number from_version) override {
    post(json{{"seq", seq_}, {"tail", id_}, {"from_version", from_version}}.dump());
  }
  void on_event(std::string event) override {
    ++events_;
    post("{\"seq\":" + std::to_string(seq_) + ",\"event\":" + event + "}");
  }
  void on_end(const error& reason) override {
    if (auto c = connection_.lock()) c->post_tail_end(seq_, failure_line(seq_, reason));
  }

  /// The answer to a cancel.
  std::string ended_line() const {
    return json{{"seq", seq_}, {"ok", true}, {"result", {{"tail", id_}, {"events", events_.load()}}}}.dump();
  }

 private:
  void post(std::string line) {
    if (auto c = connection_.lock()) c->post_line(std::move(line));
  }

  std::weak_ptr<admin_connection> connection_;
  const std::uint64_t seq_;
  const std::string id_;
  std::atomic<std::uint64_t> events_{0};
};

admin_connection::admin_connection(boost::asio::ip::tcp::socket socket, std::shared_ptr<post_gate> gate,
                                   admin_handler& handler, const std::string& token)
    : socket_(std::move(socket)), gate_(std::move(gate)), handler_(handler), token_(token) {}

void admin_connection::start() { do_read(); }

void admin_connection::close() {
  if (closed_) return;
  closed_ = true;
  for (auto& [seq, tail] : tails_) tail.handle->cancel();
  tails_.clear();
  boost::system::error_code ignored;
  socket_.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
}

void admin_connection::post_line(std::string line) {
  gate_->post([weak = weak_from_this(), line = std::move(line)]() mutable {
    if (auto self = weak.lock()) self->send(std::move(line));
  });
}

void admin_connection::post_tail_end(std::uint64_t seq, std::string last_line) {
  gate_->post([weak = weak_from_this(), seq, line = std::move(last_line)]() mutable {
    auto self = weak.lock();
    if (!self || self->tails_.erase(seq) == 0) return;  // cancelled meanwhile
    self->send(std::move(line));
  });
}

void admin_connection::do_read() {
  boost::asio::async_read_until(socket_, buffer_, '\n',
                                [self = shared_from_this()](boost::system::error_code ec, std::size_t bytes) {
                                  self->on_read(ec, bytes);
                                });
}

void admin_connection::on_read(boost::system::error_code ec, std::size_t bytes) {
  if (ec) return close();  // closed by the client, or a line over kMaxLineBytes
  std::string line(boost::asio::buffers_begin(buffer_.data()),
                   boost::asio::buffers_begin(buffer_.data()) + static_cast<std::ptrdiff_t>(bytes - 1));
  buffer_.consume(bytes);
  handle_line(line);
  if (!closed_ && !close_after_write_) do_read();
}

void admin_connection::authenticate(std::string_view line) {
  const json hello = json::parse(line, nullptr, false);
  const bool ok = hello.is_object() && hello.contains("token") && hello["token"].is_string() &&
                  same_secret(hello["token"].get_ref<const std::string&>(), token_);
  if (!ok) {
    send(json{{"ok", false},
              {"error", error_json(error{error_code::unauthenticated, "wrong admin token"})}}
             .dump());
    close_after_write_ = true;
    return;
  }
  authenticated_ = true;
  send(json{{"ok", true}, {"node", "streamhub"}}.dump());
}

void admin_connection::handle_line(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (!authenticated_) return authenticate(line);
  const json request = json::parse(line, nullptr, false);
  if (!request.is_object()) return send(failure_line(0, error{error_code::invalid, "not a JSON object"}));
  if (request.contains("cancel") && request["cancel"].is_number_unsigned())
    return cancel_tail(request["cancel"].get<std::uint64_t>());
  const auto& seq_field = request.contains("seq") ? request["seq"] : json();
  const std::uint64_t seq = seq_field.is_number_unsigned() ? seq_field.get<std::uint64_t>() : 0;
  if (!request.contains("argv") || !request["argv"].is_array())
    return send(failure_line(seq, error{error_code::invalid, "a request needs \"argv\""}));
  std::vector<std::string> words;
  for (const auto& w : request["argv"]) {
    if (!w.is_string()) return send(failure_line(seq, error{error_code::invalid, "argv holds strings only"}));
    words.push_back(w.get<std::string>());
  }
  auto parsed = parse_command(words);
  if (!parsed) return send(failure_line(seq, parsed.err()));
  if (parsed->what == verb::tail) return start_tail(seq, *parsed);
  handler_.run(*parsed, [weak = weak_from_this(), seq](result<std::string> answer) {
    auto self = weak.lock();
    if (!self) return;
    if (!answer) return self->post_line(failure_line(seq, answer.err()));
    self->post_line("{\"seq\":" + std::to_string(seq) + ",\"ok\":true,\"result\":" + *answer + "}");
  });
}

void admin_connection::start_tail(std::uint64_t seq, const command& c) {
  if (tails_.contains(seq)) return send(failure_line(seq, error{error_code::conflict, "seq already tailing"}));
  auto sink = std::make_shared<connection_tail>(weak_from_this(), seq, c.target);
  tails_[seq] = running_tail{handler_.tail(c, sink), sink};
}

void admin_connection::cancel_tail(std::uint64_t seq) {
  const auto tail = tails_.find(seq);
  if (tail == tails_.end()) return;
  tail->second.handle->cancel();
  send(tail->second.sink->ended_line());
  tails_.erase(tail);
}

void admin_connection::send(std::string line) {
  if (!socket_.is_open()) return;
  line.push_back('\n');
  queued_bytes_ += line.size();
  if (queued_bytes_ > kMaxQueuedBytes) return close();
  out_.push_back(std::move(line));
  if (!writing_) do_write();
}

void admin_connection::do_write() {
  writing_ = true;
  boost::asio::async_write(socket_, boost::asio::buffer(out_.front()),
                           [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                             self->writing_ = false;
                             self->queued_bytes_ -= self->out_.front().size();
                             self->out_.pop_front();
                             if (ec) return self->close();
                             if (!self->out_.empty()) return self->do_write();
                             if (self->close_after_write_) self->close();
                           });
}

}  // namespace streamhub::gateway::admin
