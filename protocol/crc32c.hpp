#pragma once
// CRC-32C (Castagnoli), as used by iSCSI, ext4 and LevelDB's log format.
// Uses the CPU's CRC-32C instruction when there is one (x86-64 SSE 4.2),
// tables otherwise; both give the same values.

#include <cstddef>
#include <cstdint>

namespace streamhub {

/// The CRC-32C of `size` bytes at `data`, continuing from `crc` (0 to start).
std::uint32_t crc32c(const void* data, std::size_t size, std::uint32_t crc = 0) noexcept;

/// The same, always by tables (for tests comparing the two paths).
std::uint32_t crc32c_portable(const void* data, std::size_t size, std::uint32_t crc = 0) noexcept;

}  // namespace streamhub
