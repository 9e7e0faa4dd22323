#include "tools/loadgen/graphql_setup.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

namespace streamhub::loadgen {

namespace net = boost::asio;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;

struct graphql_setup::impl {
  net::io_context io;
  tcp::socket socket{io};
  boost::beast::flat_buffer buffer;
  std::string host;
};

graphql_setup::graphql_setup(std::unique_ptr<impl> p) : impl_(std::move(p)) {}
graphql_setup::graphql_setup(graphql_setup&&) noexcept = default;
graphql_setup& graphql_setup::operator=(graphql_setup&&) noexcept = default;
graphql_setup::~graphql_setup() = default;

result<graphql_setup> graphql_setup::connect(const std::string& host, std::uint16_t port) {
  auto p = std::make_unique<impl>();
  p->host = host;
  boost::system::error_code ec;
  const auto address = net::ip::make_address(host, ec);
  if (!ec) p->socket.connect(tcp::endpoint(address, port), ec);
  if (ec) return error{error_code::unavailable, "connect " + host + ":" + std::to_string(port) + ": " + ec.message()};
  return graphql_setup(std::move(p));
}

result<std::string> graphql_setup::call(const std::string& body, const std::string& token) {
  http::request<http::string_body> req{http::verb::post, "/graphql", 11};
  req.set(http::field::host, impl_->host);
  req.set(http::field::content_type, "application/json");
  if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
  req.keep_alive(true);
  req.body() = body;
  req.prepare_payload();
  http::response<http::string_body> res;
  boost::system::error_code ec;
  http::write(impl_->socket, req, ec);
  if (!ec) http::read(impl_->socket, impl_->buffer, res, ec);
  if (ec) return error{error_code::unavailable, "graphql call: " + ec.message()};
  auto doc = nlohmann::json::parse(res.body(), nullptr, false);
  if (doc.is_discarded()) return error{error_code::invalid, "not JSON: " + res.body()};
  if (doc.contains("errors")) return error{error_code::invalid, doc["errors"].dump()};
  if (!doc.contains("data")) return error{error_code::invalid, "no data: " + res.body()};
  return doc["data"].dump();
}

result<std::string> graphql_setup::register_user(const std::string& login) {
  const nlohmann::json body = {
      {"query", "mutation R($l: String!, $e: String!, $p: String!) "
                "{ register(login: $l, email: $e, password: $p) { accessToken } }"},
      {"variables", {{"l", login}, {"e", login + "@bench.invalid"}, {"p", "bench-password-" + login}}}};
  auto data = call(body.dump(), "");
  if (!data) return data.err();
  auto doc = nlohmann::json::parse(*data, nullptr, false);
  if (doc.is_discarded() || !doc["register"]["accessToken"].is_string())
    return error{error_code::invalid, "register answered " + *data};
  return doc["register"]["accessToken"].get<std::string>();
}

result<void> graphql_setup::go_live(const std::string& token, const std::string& title, const std::string& category) {
  const nlohmann::json body = {{"query", "mutation G($t: String!, $c: String!) { goLive(title: $t, category: $c) { id } }"},
                               {"variables", {{"t", title}, {"c", category}}}};
  auto data = call(body.dump(), token);
  if (!data) return data.err();
  return {};
}

}  // namespace streamhub::loadgen
