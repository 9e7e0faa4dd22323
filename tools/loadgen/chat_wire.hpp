#pragma once
// How the chat load (chat_load.hpp) talks to each kind of server: StreamHub
// over graphql-transport-ws (sendChatMessage mutations, a chatMessages
// subscription), nats-server over its WebSocket listener (PUB / SUB), and a
// plain WebSocket broadcast server (/pub in, /sub out).
//
// Every message's text is "<publisher>:<number>:<intended send, ns>:" padded
// to the message size, so a subscriber learns who sent it, its place in that
// publisher's order and the time it was meant to leave. StreamHub's events
// also carry the room's gap-free sequence, which is checked instead.
//
// Parsing scans the text for the few fields it needs rather than decoding
// JSON: at hundreds of thousands of deliveries a second on the machine under
// test, the load generator must stay cheap.
//
// Thread-safety: pure functions.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace streamhub::loadgen {

enum class chat_server { streamhub, nats, ws };

/// "streamhub", "nats" or "ws"; nullopt otherwise.
std::optional<chat_server> parse_chat_server(std::string_view name);

struct chat_text {
  std::uint32_t publisher = 0;
  std::uint64_t number = 0;
  std::int64_t intended_ns = 0;
};

/// The message text (at least `bytes` long).
std::string make_chat_text(const chat_text& t, std::size_t bytes);
/// Reads a text made by make_chat_text; nullopt for anything else (warm-ups).
std::optional<chat_text> parse_chat_text(std::string_view text);

/// One message a subscriber received: the room sequence (StreamHub only)
/// and the text.
struct delivery {
  std::optional<std::uint64_t> sequence;
  std::string_view text;
};

/// A publisher's answer to one publish (StreamHub only).
struct publish_answer {
  std::uint64_t number = 0;  // from the operation id
  std::optional<std::uint64_t> sequence;  // set when accepted
  std::string_view error;  // the first error's message, when refused
};

// StreamHub (graphql-transport-ws).
std::string graphql_ws_init(const std::string& token);
bool graphql_ws_is_ack(std::string_view message);
std::string graphql_ws_chat_subscription(const std::string& room);
std::string graphql_ws_send_chat(const std::string& room, std::uint64_t number, const std::string& text);
/// A "next" of the chat subscription; nullopt for anything else.
std::optional<delivery> graphql_ws_delivery(std::string_view message);
/// A "next" answering a publish ("m<number>"); nullopt for anything else.
std::optional<publish_answer> graphql_ws_publish_answer(std::string_view message);

// nats-server (text protocol inside WebSocket messages).
std::string nats_connect(bool subscribe_too);
bool nats_is_pong(std::string_view message);
std::string nats_publish(std::string_view text);
/// Appends `message` to `carry` and hands each complete MSG payload to
/// `on_payload`; answers "PONG\r\n" texts to send for each PING seen.
std::string nats_take(std::string_view message, std::string& carry,
                      const std::function<void(std::string_view payload)>& on_payload);

/// The subject every NATS publisher and subscriber of the load uses.
inline constexpr std::string_view nats_subject = "streamhub.bench";

}  // namespace streamhub::loadgen
