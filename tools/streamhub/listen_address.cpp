#include "tools/streamhub/listen_address.hpp"

#include <charconv>

namespace streamhub::tools {

std::string listen_address::to_string() const {
  const bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

result<listen_address> parse_listen_address(std::string_view text) {
  const auto bad = [&](std::string_view why) {
    return error{error_code::invalid,
                 "bad listen address '" + std::string(text) + "': " + std::string(why) +
                     " (want HOST:PORT, e.g. 127.0.0.1:8080 or [::1]:8080)"};
  };
  const auto colon = text.rfind(':');
  if (colon == std::string_view::npos) return bad("no port");
  std::string_view host = text.substr(0, colon);
  const std::string_view port_text = text.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  } else if (host.find_first_of("[]:") != std::string_view::npos) {
    return bad("an IPv6 host needs brackets");
  }
  if (host.empty()) return bad("empty host");
  unsigned port = 0;
  const auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || ec != std::errc{} || end != port_text.data() + port_text.size() ||
      port > 65535)
    return bad("port must be a number from 0 to 65535");
  return listen_address{std::string(host), static_cast<std::uint16_t>(port)};
}

}  // namespace streamhub::tools
