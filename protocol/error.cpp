#include "protocol/error.hpp"

namespace streamhub {

std::string_view to_string(error_code code) noexcept {
  switch (code) {
    case error_code::none: return "NONE";
    case error_code::not_found: return "NOT_FOUND";
    case error_code::forbidden: return "FORBIDDEN";
    case error_code::conflict: return "CONFLICT";
    case error_code::invalid: return "BAD_USER_INPUT";
    case error_code::rate_limited: return "RATE_LIMITED";
    case error_code::banned: return "BANNED";
    case error_code::unauthenticated: return "UNAUTHENTICATED";
    case error_code::unavailable: return "UNAVAILABLE";
    case error_code::timeout: return "TIMEOUT";
    case error_code::corrupt: return "CORRUPT";
    case error_code::unsupported_format: return "UNSUPPORTED_FORMAT";
    case error_code::io_error: return "IO_ERROR";
    case error_code::internal: return "INTERNAL_SERVER_ERROR";
  }
  return "INTERNAL_SERVER_ERROR";
}

}  // namespace streamhub
