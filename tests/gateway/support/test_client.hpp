#pragma once
// Beast clients for the gateway tests: one HTTP exchange per call, and a
// WebSocket client that can speak graphql-transport-ws. Every operation is
// bounded (10 s by default) so a misbehaving server fails a test instead of
// hanging it.

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace streamhub::gateway::testing {

using header_list = std::vector<std::pair<std::string, std::string>>;

struct http_reply {
  unsigned status = 0;
  std::string body;
  /// Header names lower-cased.
  std::map<std::string, std::string> headers;
  /// Empty when the exchange failed; else "".
  std::string error;

  std::string header(const std::string& lower_name) const {
    const auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

http_reply http_call(std::uint16_t port, const std::string& method, const std::string& target,
                     const header_list& headers = {}, const std::string& body = {});

/// A raw request (bytes as given) and the raw response text up to EOF.
std::string raw_exchange(std::uint16_t port, const std::string& bytes);

/// GET /healthz answers 200 "ok".
bool serving(std::uint16_t port);

struct ws_event {
  enum kind_type { message, closed, failed } kind = failed;
  std::string text;
  std::uint16_t code = 0;
  std::string reason;
  std::string error;
};

class ws_client {
 public:
  struct options {
    std::string subprotocol = "graphql-transport-ws";
    header_list headers;
    /// SO_RCVBUF before connecting (0 = default); small values make a client
    /// that stops reading back up quickly.
    int receive_buffer = 0;
  };

  ws_client();
  ~ws_client();
  ws_client(ws_client&&) noexcept;

  /// Completes the upgrade. On refusal returns false and sets status().
  bool connect(std::uint16_t port, const options& opts);
  bool connect(std::uint16_t port) { return connect(port, options{}); }
  unsigned status() const noexcept { return status_; }
  /// The negotiated Sec-WebSocket-Protocol ("" when none).
  const std::string& protocol() const noexcept { return protocol_; }

  bool send(const std::string& text);
  ws_event read(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  /// Reads until the server closes; returns the close event (or failure).
  ws_event read_until_close(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  /// Sends connection_init (with payload) and expects connection_ack.
  bool init(const std::string& payload_json = {});
  void close();

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
  unsigned status_ = 0;
  std::string protocol_;
};

}  // namespace streamhub::gateway::testing
