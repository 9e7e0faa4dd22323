#include "protocol/graphql_ws/close_code.hpp"

namespace streamhub::graphql_ws {

std::string_view default_reason(close_code code) noexcept {
  switch (code) {
    case close_code::normal: return "Normal closure";
    case close_code::going_away: return "Going away";
    case close_code::policy_violation: return "Policy violation";
    case close_code::message_too_big: return "Message too big";
    case close_code::internal_error: return "Internal server error";
    case close_code::try_again_later: return "Try again later";
    case close_code::bad_request: return "Bad request";
    case close_code::unauthorized: return "Unauthorized";
    case close_code::forbidden: return "Forbidden";
    case close_code::subprotocol_not_acceptable: return "Subprotocol not acceptable";
    case close_code::connection_initialisation_timeout: return "Connection initialisation timeout";
    case close_code::subscriber_already_exists: return "Subscriber already exists";
    case close_code::too_many_initialisation_requests: return "Too many initialisation requests";
  }
  return "Closed";
}

std::string fit_close_reason(std::string_view text) {
  constexpr std::size_t max_reason = 123;
  if (text.size() <= max_reason) return std::string(text);
  std::size_t end = max_reason;
  // Step back over UTF-8 continuation bytes (10xxxxxx) so no character is cut.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end));
}

}  // namespace streamhub::graphql_ws
