#include "gateway/auth/refresh_token.hpp"

#include <openssl/evp.h>

#include "gateway/auth/base64url.hpp"
#include "gateway/auth/random.hpp"

namespace streamhub::gateway::auth {
namespace {
constexpr std::size_t token_bytes = 32;
}

result<refresh_token> new_refresh_token() {
  auto bytes = random_bytes(token_bytes);
  if (!bytes) return std::move(bytes).err();
  refresh_token out;
  out.token = base64url_encode(*bytes);
  out.hash = hash_refresh_token(out.token);
  return out;
}

std::string hash_refresh_token(std::string_view token) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(token.data(), token.size(), digest, &length, EVP_sha256(), nullptr);
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 15];
  }
  return out;
}

bool is_well_formed_refresh_token(std::string_view token) {
  if (token.size() != 43) return false;
  const auto bytes = base64url_decode(token);
  return bytes && bytes->size() == token_bytes;
}

}  // namespace streamhub::gateway::auth
