#include "gateway/auth/jwt.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include <nlohmann/json.hpp>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "gateway/auth/base64url.hpp"
#include "gateway/auth/random.hpp"

namespace streamhub::gateway::auth {
namespace {

using nlohmann::json;

constexpr std::size_t min_secret_bytes = 32;
constexpr std::size_t signature_bytes = 32;

error refuse(std::string reason) { return error{error_code::unauthenticated, std::move(reason)}; }

bool hmac_sha256(std::string_view key, std::string_view data, unsigned char (&out)[signature_bytes]) {
  unsigned int length = 0;
  const unsigned char* digest =
      HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, &length);
  return digest != nullptr && length == signature_bytes;
}

std::optional<json> decode_json_object(std::string_view segment) {
  auto bytes = base64url_decode(segment);
  if (!bytes) return std::nullopt;
  json value = json::parse(*bytes, nullptr, /*allow_exceptions=*/false);
  if (!value.is_object()) return std::nullopt;
  return value;
}

// A NumericDate: a JSON number of seconds; fractions are truncated.
std::optional<std::int64_t> numeric_date(const json& claims, const char* name) {
  const auto it = claims.find(name);
  if (it == claims.end()) return std::int64_t{0};
  if (!it->is_number()) return std::nullopt;
  const double value = it->get<double>();
  if (!std::isfinite(value) || value < 0 || value > 9e15) return std::nullopt;
  return static_cast<std::int64_t>(value);
}

std::optional<std::vector<std::string>> string_or_strings(const json& claims, const char* name) {
  std::vector<std::string> out;
  const auto it = claims.find(name);
  if (it == claims.end()) return out;
  if (it->is_string()) {
    out.push_back(it->get<std::string>());
    return out;
  }
  if (!it->is_array()) return std::nullopt;
  for (const json& item : *it) {
    if (!item.is_string()) return std::nullopt;
    out.push_back(item.get<std::string>());
  }
  return out;
}

std::optional<std::string> optional_string(const json& claims, const char* name) {
  const auto it = claims.find(name);
  if (it == claims.end()) return std::string();
  if (!it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

}  // namespace

result<jwt_codec> jwt_codec::create(jwt_options options) {
  if (options.keys.empty()) return error{error_code::invalid, "jwt: no signing key"};
  std::set<std::string> ids;
  for (const jwt_key& key : options.keys) {
    if (key.secret.size() < min_secret_bytes)
      return error{error_code::invalid, "jwt: key '" + key.id + "' is shorter than 32 bytes"};
    if (!ids.insert(key.id).second)
      return error{error_code::invalid, "jwt: duplicate key id '" + key.id + "'"};
  }
  if (!ids.contains(options.active_key_id))
    return error{error_code::invalid, "jwt: active key '" + options.active_key_id + "' is not in the key set"};
  return jwt_codec(std::move(options));
}

const jwt_key* jwt_codec::find_key(std::string_view id) const noexcept {
  for (const jwt_key& key : options_.keys)
    if (key.id == id) return &key;
  return nullptr;
}

result<access_claims> jwt_codec::issue(std::string subject, std::vector<std::string> roles,
                                       std::chrono::system_clock::time_point now) const {
  auto nonce = random_bytes(16);
  if (!nonce) return std::move(nonce).err();
  access_claims claims;
  claims.subject = std::move(subject);
  claims.roles = std::move(roles);
  claims.issuer = options_.issuer;
  if (!options_.audience.empty()) claims.audience.push_back(options_.audience);
  claims.issued_at = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  claims.expires_at = claims.issued_at + options_.access_ttl.count();
  claims.token_id = base64url_encode(*nonce);
  return claims;
}

result<std::string> jwt_codec::sign(const access_claims& claims) const {
  const jwt_key& key = *find_key(options_.active_key_id);
  const json header = {{"alg", "HS256"}, {"typ", "JWT"}, {"kid", key.id}};
  json body = json::object();
  if (!claims.issuer.empty()) body["iss"] = claims.issuer;
  body["sub"] = claims.subject;
  if (claims.audience.size() == 1) body["aud"] = claims.audience.front();
  else if (!claims.audience.empty()) body["aud"] = claims.audience;
  if (claims.issued_at != 0) body["iat"] = claims.issued_at;
  if (claims.not_before != 0) body["nbf"] = claims.not_before;
  body["exp"] = claims.expires_at;
  if (!claims.token_id.empty()) body["jti"] = claims.token_id;
  body["roles"] = claims.roles;
  if (!claims.name.empty()) body["name"] = claims.name;
  const auto dump = [](const json& value) {
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
  };
  std::string token = base64url_encode(dump(header)) + "." + base64url_encode(dump(body));
  unsigned char mac[signature_bytes];
  if (!hmac_sha256(key.secret, token, mac)) return error{error_code::internal, "jwt: HMAC failed"};
  token += '.';
  token += base64url_encode({reinterpret_cast<const char*>(mac), signature_bytes});
  return token;
}

result<access_claims> jwt_codec::verify(std::string_view token,
                                        std::chrono::system_clock::time_point now) const {
  if (token.size() > options_.max_token_bytes) return refuse("token too long");
  const auto first_dot = token.find('.');
  const auto second_dot = first_dot == std::string_view::npos ? first_dot : token.find('.', first_dot + 1);
  if (second_dot == std::string_view::npos || token.find('.', second_dot + 1) != std::string_view::npos)
    return refuse("malformed token");
  const std::string_view signed_part = token.substr(0, second_dot);
  const std::string_view header_text = token.substr(0, first_dot);
  const std::string_view body_text = signed_part.substr(first_dot + 1);

  const auto header = decode_json_object(header_text);
  if (!header) return refuse("malformed token header");
  const auto alg = header->find("alg");
  if (alg == header->end() || !alg->is_string() || alg->get_ref<const std::string&>() != "HS256")
    return refuse("unsupported algorithm");
  if (header->contains("crit")) return refuse("unsupported critical header");
  const auto kid = header->find("kid");
  if (kid == header->end() || !kid->is_string()) return refuse("missing key id");
  const jwt_key* key = find_key(kid->get_ref<const std::string&>());
  if (key == nullptr) return refuse("unknown key id");

  const auto signature = base64url_decode(token.substr(second_dot + 1));
  unsigned char expected[signature_bytes];
  if (!signature || signature->size() != signature_bytes) return refuse("bad signature");
  if (!hmac_sha256(key->secret, signed_part, expected))
    return error{error_code::internal, "jwt: HMAC failed"};
  if (CRYPTO_memcmp(expected, signature->data(), signature_bytes) != 0) return refuse("bad signature");

  const auto body = decode_json_object(body_text);
  if (!body) return refuse("malformed token claims");
  access_claims claims;
  const auto sub = optional_string(*body, "sub");
  const auto iss = optional_string(*body, "iss");
  const auto jti = optional_string(*body, "jti");
  const auto aud = string_or_strings(*body, "aud");
  const auto roles = string_or_strings(*body, "roles");
  const auto exp = numeric_date(*body, "exp");
  const auto nbf = numeric_date(*body, "nbf");
  const auto iat = numeric_date(*body, "iat");
  const auto name = optional_string(*body, "name");
  if (!sub || !iss || !jti || !aud || !roles || !exp || !nbf || !iat || !name)
    return refuse("malformed token claims");
  if (sub->empty()) return refuse("missing subject");
  if (*exp == 0) return refuse("missing expiry");

  const std::int64_t now_s = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  const std::int64_t leeway = options_.leeway.count();
  if (now_s >= *exp + leeway) return refuse("token expired");
  if (*nbf != 0 && now_s + leeway < *nbf) return refuse("token not yet valid");
  if (*iat != 0 && *iat > now_s + leeway) return refuse("token issued in the future");
  if (!options_.issuer.empty() && *iss != options_.issuer) return refuse("wrong issuer");
  if (!options_.audience.empty() &&
      std::find(aud->begin(), aud->end(), options_.audience) == aud->end())
    return refuse("wrong audience");

  claims.subject = std::move(*sub);
  claims.issuer = std::move(*iss);
  claims.token_id = std::move(*jti);
  claims.audience = std::move(*aud);
  claims.roles = std::move(*roles);
  claims.name = std::move(*name);
  claims.expires_at = *exp;
  claims.not_before = *nbf;
  claims.issued_at = *iat;
  return claims;
}

}  // namespace streamhub::gateway::auth
