#include "tools/loadgen/chat_wire.hpp"

#include <charconv>

#include <nlohmann/json.hpp>

namespace streamhub::loadgen {

namespace {

// The unsigned number right after `key` in `text`.
std::optional<std::uint64_t> number_after(std::string_view text, std::string_view key) {
  const auto at = text.find(key);
  if (at == std::string_view::npos) return std::nullopt;
  const char* begin = text.data() + at + key.size();
  std::uint64_t value = 0;
  auto [end, ec] = std::from_chars(begin, text.data() + text.size(), value);
  if (ec != std::errc{} || end == begin) return std::nullopt;
  return value;
}

// The JSON string value (without escapes) right after `key`.
std::string_view string_after(std::string_view text, std::string_view key) {
  const auto at = text.find(key);
  if (at == std::string_view::npos) return {};
  const auto begin = at + key.size();
  const auto end = text.find('"', begin);
  return end == std::string_view::npos ? std::string_view{} : text.substr(begin, end - begin);
}

constexpr std::string_view next_of_subscription = R"({"id":"s","type":"next","payload":)";
constexpr std::string_view publish_id = R"({"id":"m)";

}  // namespace

std::optional<chat_server> parse_chat_server(std::string_view name) {
  if (name == "streamhub") return chat_server::streamhub;
  if (name == "nats") return chat_server::nats;
  if (name == "ws") return chat_server::ws;
  return std::nullopt;
}

std::string make_chat_text(const chat_text& t, std::size_t bytes) {
  std::string text = std::to_string(t.publisher) + ":" + std::to_string(t.number) + ":" +
                     std::to_string(t.intended_ns) + ":";
  if (text.size() < bytes) text.append(bytes - text.size(), 'x');
  return text;
}

std::optional<chat_text> parse_chat_text(std::string_view text) {
  chat_text t;
  const char* p = text.data();
  const char* end = p + text.size();
  auto field = [&](auto& out) {
    auto [next, ec] = std::from_chars(p, end, out);
    if (ec != std::errc{} || next == end || *next != ':') return false;
    p = next + 1;
    return true;
  };
  if (!field(t.publisher) || !field(t.number) || !field(t.intended_ns)) return std::nullopt;
  return t;
}

std::string graphql_ws_init(const std::string& token) {
  if (token.empty()) return R"({"type":"connection_init"})";
  return nlohmann::json{{"type", "connection_init"}, {"payload", {{"token", token}}}}.dump();
}

bool graphql_ws_is_ack(std::string_view message) {
  return message.find(R"("type":"connection_ack")") != std::string_view::npos;
}

std::string graphql_ws_chat_subscription(const std::string& room) {
  return nlohmann::json{
      {"id", "s"},
      {"type", "subscribe"},
      {"payload",
       {{"query", "subscription C($c: String!) { chatMessages(channel: $c) { sequence ... on ChatMessage { text } } }"},
        {"variables", {{"c", room}}}}}}
      .dump();
}

std::string graphql_ws_send_chat(const std::string& room, std::uint64_t number, const std::string& text) {
  return nlohmann::json{
      {"id", "m" + std::to_string(number)},
      {"type", "subscribe"},
      {"payload",
       {{"query", "mutation S($c: String!, $t: String!) { sendChatMessage(channel: $c, text: $t) { sequence } }"},
        {"variables", {{"c", room}, {"t", text}}}}}}
      .dump();
}

std::optional<delivery> graphql_ws_delivery(std::string_view message) {
  if (message.substr(0, next_of_subscription.size()) != next_of_subscription) return std::nullopt;
  delivery d;
  d.sequence = number_after(message, R"("sequence":)");
  d.text = string_after(message, R"("text":")");
  return d;
}

std::optional<publish_answer> graphql_ws_publish_answer(std::string_view message) {
  if (message.substr(0, publish_id.size()) != publish_id) return std::nullopt;
  if (message.find(R"("type":"complete")") != std::string_view::npos) return std::nullopt;
  publish_answer a;
  const auto number = number_after(message, publish_id);
  if (!number) return std::nullopt;
  a.number = *number;
  if (message.find(R"("sendChatMessage":{)") != std::string_view::npos)
    a.sequence = number_after(message, R"("sequence":)");
  if (!a.sequence) {
    a.error = string_after(message, R"("message":")");
    if (a.error.empty()) a.error = message;
  }
  return a;
}

std::string nats_connect(bool subscribe_too) {
  std::string out = R"(CONNECT {"verbose":false,"pedantic":false,"protocol":1})" "\r\n";
  if (subscribe_too) out += "SUB " + std::string(nats_subject) + " 1\r\n";
  return out + "PING\r\n";
}

bool nats_is_pong(std::string_view message) { return message.find("PONG\r\n") != std::string_view::npos; }

std::string nats_publish(std::string_view text) {
  std::string out = "PUB " + std::string(nats_subject) + " " + std::to_string(text.size()) + "\r\n";
  out.append(text);
  return out + "\r\n";
}

std::string nats_take(std::string_view message, std::string& carry,
                      const std::function<void(std::string_view payload)>& on_payload) {
  carry.append(message);
  std::string replies;
  std::size_t at = 0;
  while (true) {
    const auto eol = carry.find("\r\n", at);
    if (eol == std::string::npos) break;
    const std::string_view line(carry.data() + at, eol - at);
    if (line.substr(0, 4) == "MSG ") {
      // MSG <subject> <sid> [reply-to] <bytes>: the size is the last word.
      const auto space = line.rfind(' ');
      std::size_t bytes = 0;
      std::from_chars(line.data() + space + 1, line.data() + line.size(), bytes);
      if (carry.size() < eol + 2 + bytes + 2) break;  // payload not all here yet
      on_payload(std::string_view(carry.data() + eol + 2, bytes));
      at = eol + 2 + bytes + 2;
      continue;
    }
    if (line == "PING") replies += "PONG\r\n";
    at = eol + 2;  // INFO, +OK, PONG, -ERR: nothing to do
  }
  carry.erase(0, at);
  return replies;
}

}  // namespace streamhub::loadgen
