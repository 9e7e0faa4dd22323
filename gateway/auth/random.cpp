#include "gateway/auth/random.hpp"

#include <climits>

#include <openssl/rand.h>

namespace streamhub::gateway::auth {

result<void> fill_random(std::span<unsigned char> out) {
  while (!out.empty()) {
    const std::size_t chunk = std::min<std::size_t>(out.size(), INT_MAX);
    if (RAND_bytes(out.data(), static_cast<int>(chunk)) != 1)
      return error{error_code::internal, "the random generator failed"};
    out = out.subspan(chunk);
  }
  return {};
}

result<std::string> random_bytes(std::size_t count) {
  std::string bytes(count, '\0');
  auto filled = fill_random({reinterpret_cast<unsigned char*>(bytes.data()), bytes.size()});
  if (!filled) return std::move(filled).err();
  return bytes;
}

}  // namespace streamhub::gateway::auth
