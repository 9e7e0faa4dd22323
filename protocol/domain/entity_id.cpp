#include "protocol/domain/entity_id.hpp"

namespace streamhub::domain {

namespace {

constexpr std::size_t kMinLogin = 3;
constexpr std::size_t kMaxLogin = 25;

bool is_login_char(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

std::string join(std::string_view kind, std::string_view login) {
  std::string s;
  s.reserve(kind.size() + 1 + login.size());
  s.append(kind).push_back(':');
  s.append(login);
  return s;
}

}  // namespace

std::string_view to_string(entity_kind kind) noexcept {
  switch (kind) {
    case entity_kind::user: return "user";
    case entity_kind::channel: return "channel";
    case entity_kind::chat: return "chat";
  }
  return "user";
}

std::string entity_id::str() const { return join(to_string(kind), login); }

std::string user_stream(std::string_view login) { return join("user", login); }
std::string channel_stream(std::string_view login) { return join("channel", login); }
std::string chat_stream(std::string_view login) { return join("chat", login); }

result<std::string> normalize_login(std::string_view login) {
  if (login.size() < kMinLogin || login.size() > kMaxLogin)
    return error{error_code::invalid, "login must be 3 to 25 characters"};
  if (login.front() == '_') return error{error_code::invalid, "login must not start with '_'"};
  std::string out;
  out.reserve(login.size());
  for (char c : login) {
    if (!is_login_char(c))
      return error{error_code::invalid, "login may contain only letters, digits and '_'"};
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

std::optional<entity_id> parse_entity_id(std::string_view text) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const auto kind = text.substr(0, colon);
  entity_id id;
  if (kind == "user") id.kind = entity_kind::user;
  else if (kind == "channel") id.kind = entity_kind::channel;
  else if (kind == "chat") id.kind = entity_kind::chat;
  else return std::nullopt;
  auto login = normalize_login(text.substr(colon + 1));
  if (!login || *login != text.substr(colon + 1)) return std::nullopt;
  id.login = std::move(*login);
  return id;
}

}  // namespace streamhub::domain
