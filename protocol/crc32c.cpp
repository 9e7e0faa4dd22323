#include "protocol/crc32c.hpp"

#include <array>
#include <cstring>

#if defined(__x86_64__)
#include <nmmintrin.h>
#endif

namespace streamhub {

namespace {

// Slicing-by-8 tables for the reflected Castagnoli polynomial: the portable
// path, used where the CPU has no CRC-32C instruction.
struct crc_tables {
  std::array<std::array<std::uint32_t, 256>, 8> t{};
  constexpr crc_tables() {
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
      t[0][i] = c;
    }
    for (std::uint32_t i = 0; i < 256; ++i)
      for (int s = 1; s < 8; ++s) t[s][i] = (t[s - 1][i] >> 8) ^ t[0][t[s - 1][i] & 0xff];
  }
};

constexpr crc_tables tables{};

std::uint32_t crc32c_tables(const std::uint8_t* p, std::size_t size, std::uint32_t crc) noexcept {
  const auto& t = tables.t;
  while (size >= 8) {
    const std::uint32_t lo = crc ^ (std::uint32_t{p[0]} | std::uint32_t{p[1]} << 8 |
                                    std::uint32_t{p[2]} << 16 | std::uint32_t{p[3]} << 24);
    crc = t[7][lo & 0xff] ^ t[6][(lo >> 8) & 0xff] ^ t[5][(lo >> 16) & 0xff] ^ t[4][lo >> 24] ^
          t[3][p[4]] ^ t[2][p[5]] ^ t[1][p[6]] ^ t[0][p[7]];
    p += 8;
    size -= 8;
  }
  while (size--) crc = (crc >> 8) ^ t[0][(crc ^ *p++) & 0xff];
  return crc;
}

#if defined(__x86_64__)
// SSE 4.2's crc32 instruction computes exactly CRC-32C, 8 bytes per step:
// several times the tables' speed, which matters because every event record
// read is checked.
__attribute__((target("sse4.2"))) std::uint32_t crc32c_sse42(const std::uint8_t* p,
                                                              std::size_t size,
                                                              std::uint32_t crc) noexcept {
  std::uint64_t c = crc;
  while (size >= 8) {
    std::uint64_t word;
    std::memcpy(&word, p, sizeof word);
    c = _mm_crc32_u64(c, word);
    p += 8;
    size -= 8;
  }
  auto c32 = static_cast<std::uint32_t>(c);
  while (size--) c32 = _mm_crc32_u8(c32, *p++);
  return c32;
}

const bool has_sse42 = __builtin_cpu_supports("sse4.2");
#endif

}  // namespace

std::uint32_t crc32c(const void* data, std::size_t size, std::uint32_t crc) noexcept {
  const auto* p = static_cast<const std::uint8_t*>(data);
#if defined(__x86_64__)
  if (has_sse42) return ~crc32c_sse42(p, size, ~crc);
#endif
  return ~crc32c_tables(p, size, ~crc);
}

std::uint32_t crc32c_portable(const void* data, std::size_t size, std::uint32_t crc) noexcept {
  return ~crc32c_tables(static_cast<const std::uint8_t*>(data), size, ~crc);
}

}  // namespace streamhub
