#include "protocol/event_id.hpp"

#include <chrono>
#include <cstring>
#include <random>

namespace streamhub {

namespace {

std::uint64_t random_u64() {
  thread_local std::mt19937_64 engine{[] {
    std::random_device device;
    return (std::uint64_t{device()} << 32) ^ device();
  }()};
  return engine();
}

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

event_id event_id::generate() {
  using namespace std::chrono;
  const auto ms = static_cast<std::uint64_t>(
      duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count());
  const std::uint64_t r1 = random_u64();
  const std::uint64_t r2 = random_u64();
  bytes_type b{};
  for (int i = 0; i < 6; ++i) b[i] = static_cast<std::uint8_t>(ms >> (40 - 8 * i));
  b[6] = static_cast<std::uint8_t>(0x70 | ((r1 >> 8) & 0x0f));  // version 7
  b[7] = static_cast<std::uint8_t>(r1);
  b[8] = static_cast<std::uint8_t>(0x80 | ((r1 >> 16) & 0x3f));  // RFC 4122 variant
  for (int i = 9; i < 16; ++i) b[i] = static_cast<std::uint8_t>(r2 >> (8 * (i - 9)));
  return event_id{b};
}

std::optional<event_id> event_id::parse(std::string_view text) noexcept {
  if (text.size() != 36) return std::nullopt;
  bytes_type b{};
  std::size_t out = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (text[i] != '-') return std::nullopt;
      ++i;
      continue;
    }
    const int hi = hex_value(text[i]);
    const int lo = hex_value(text[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    b[out++] = static_cast<std::uint8_t>(hi << 4 | lo);
    i += 2;
  }
  return event_id{b};
}

bool event_id::is_nil() const noexcept {
  for (auto byte : bytes_)
    if (byte != 0) return false;
  return true;
}

std::string event_id::to_string() const {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (std::size_t i = 0; i < size; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(digits[bytes_[i] >> 4]);
    out.push_back(digits[bytes_[i] & 0x0f]);
  }
  return out;
}

std::size_t event_id_hash::operator()(const event_id& id) const noexcept {
  // The last eight bytes of a UUIDv7 are random: already a good hash.
  std::uint64_t h;
  std::memcpy(&h, id.bytes().data() + 8, sizeof h);
  return static_cast<std::size_t>(h);
}

}  // namespace streamhub

namespace streamhub {

namespace {

std::uint64_t splitmix64(std::uint64_t x) noexcept {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

}  // namespace

event_id derive_event_id(const event_id& base, std::string_view purpose) noexcept {
  std::uint64_t a = 0x53545245414D4855ull, b = 0x4255424944444552ull;
  for (auto byte : base.bytes()) {
    a = splitmix64(a ^ byte);
    b = splitmix64(b + byte + a);
  }
  for (char c : purpose) {
    a = splitmix64(a ^ static_cast<unsigned char>(c));
    b = splitmix64(b + static_cast<unsigned char>(c) + a);
  }
  event_id::bytes_type out{};
  for (int i = 0; i < 8; ++i) {
    out[i] = static_cast<std::uint8_t>(a >> (8 * i));
    out[8 + i] = static_cast<std::uint8_t>(b >> (8 * i));
  }
  out[6] = static_cast<std::uint8_t>(0x80 | (out[6] & 0x0f));  // version 8: custom
  out[8] = static_cast<std::uint8_t>(0x80 | (out[8] & 0x3f));
  return event_id{out};
}

}  // namespace streamhub
