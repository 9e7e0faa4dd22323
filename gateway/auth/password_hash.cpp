#include "gateway/auth/password_hash.hpp"

#include <argon2.h>

#include "gateway/auth/random.hpp"

namespace streamhub::gateway::auth {

result<std::string> hash_password(std::string_view password, const argon2_params& params) {
  if (password.size() > max_password_bytes) return error{error_code::invalid, "password too long"};
  auto salt = random_bytes(params.salt_bytes);
  if (!salt) return std::move(salt).err();
  std::string encoded(argon2_encodedlen(params.iterations, params.memory_kib, params.parallelism,
                                        params.salt_bytes, params.hash_bytes, Argon2_id),
                      '\0');
  const int rc = argon2id_hash_encoded(params.iterations, params.memory_kib, params.parallelism,
                                       password.data(), password.size(), salt->data(), salt->size(),
                                       params.hash_bytes, encoded.data(), encoded.size());
  if (rc != ARGON2_OK)
    return error{error_code::internal, std::string("argon2: ") + argon2_error_message(rc)};
  encoded.resize(encoded.find('\0'));
  return encoded;
}

result<bool> verify_password(std::string_view password, const std::string& encoded) {
  if (password.size() > max_password_bytes) return error{error_code::invalid, "password too long"};
  if (encoded.rfind("$argon2id$", 0) != 0)
    return error{error_code::invalid, "not an argon2id hash"};
  const int rc = argon2id_verify(encoded.c_str(), password.data(), password.size());
  if (rc == ARGON2_OK) return true;
  if (rc == ARGON2_VERIFY_MISMATCH) return false;
  return error{error_code::invalid, std::string("argon2: ") + argon2_error_message(rc)};
}

}  // namespace streamhub::gateway::auth
