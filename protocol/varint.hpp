#pragma once
// LEB128 varints and fixed-width integers for binary encodings.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace streamhub::varint {

/// The most bytes a varint takes.
inline constexpr std::size_t kMaxSize = 10;

/// Writes `v` at `p`, which has room for kMaxSize bytes; returns the end.
inline char* encode(char* p, std::uint64_t v) noexcept {
  while (v >= 0x80) {
    *p++ = static_cast<char>(v | 0x80);
    v >>= 7;
  }
  *p++ = static_cast<char>(v);
  return p;
}

inline void put(std::string& out, std::uint64_t v) {
  char bytes[kMaxSize];
  out.append(bytes, encode(bytes, v));
}

/// Reads a varint from the front of `in`, advancing it. False on truncation,
/// a varint longer than 10 bytes, or one that overflows 64 bits.
inline bool get(std::string_view& in, std::uint64_t& v) noexcept {
  v = 0;
  for (int shift = 0; shift <= 63 && !in.empty(); shift += 7) {
    const auto byte = static_cast<std::uint8_t>(in.front());
    in.remove_prefix(1);
    // The tenth byte holds only bit 63: anything more would overflow.
    if (shift == 63 && byte > 1) return false;
    v |= std::uint64_t{byte & 0x7fu} << shift;
    if (!(byte & 0x80)) return true;
  }
  return false;
}

inline std::uint64_t zigzag(std::int64_t v) noexcept {
  return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}
inline std::int64_t unzigzag(std::uint64_t v) noexcept {
  return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
}

/// Big-endian fixed 64-bit: byte order equals numeric order, for keys.
inline void put_fixed64_be(std::string& out, std::uint64_t v) {
  for (int i = 7; i >= 0; --i) out.push_back(static_cast<char>(v >> (8 * i)));
}
/// REQUIRES: in.size() >= 8.
inline std::uint64_t get_fixed64_be(std::string_view in) noexcept {
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = v << 8 | static_cast<std::uint8_t>(in[i]);
  return v;
}

}  // namespace streamhub::varint
