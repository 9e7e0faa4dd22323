#include "protocol/event_codec.hpp"

#include <gtest/gtest.h>

#include "protocol/crc32c.hpp"
#include "protocol/varint.hpp"

namespace streamhub {
namespace {

event_envelope sample_event() {
  event_envelope e;
  e.position = 1234567;
  e.stream_id = "chat:alice";
  e.version = 42;
  e.type = "chat.message";
  e.schema_version = 2;
  e.timestamp_us = 1'795'000'000'123'456;
  e.id = event_id::generate();
  e.causation_id = event_id::generate();
  e.actor = "user:bob";
  e.payload = R"({"text":"hi \u00e9"})";
  return e;
}

TEST(Crc32cTest, MatchesKnownVectors) {
  // RFC 3720 B.4: 32 bytes of zeros, and "123456789".
  const std::string zeros(32, '\0');
  EXPECT_EQ(crc32c(zeros.data(), zeros.size()), 0x8A9136AAu);
  EXPECT_EQ(crc32c("123456789", 9), 0xE3069283u);
  // Continuation equals one pass.
  EXPECT_EQ(crc32c("6789", 4, crc32c("12345", 5)), 0xE3069283u);
}

TEST(Crc32cTest, HardwareAndTablesAgree) {
  std::string data;
  for (int i = 0; i < 1000; ++i) data.push_back(static_cast<char>(i * 131 + 7));
  for (std::size_t offset = 0; offset < 9; ++offset)
    for (std::size_t len : {0u, 1u, 7u, 8u, 9u, 63u, 64u, 65u, 500u}) {
      const auto* p = data.data() + offset;
      EXPECT_EQ(crc32c(p, len, 0x1234u), crc32c_portable(p, len, 0x1234u)) << offset << "/" << len;
    }
}

TEST(VarintTest, RejectsOverflowInTheTenthByte) {
  std::string max;
  varint::put(max, ~std::uint64_t{0});
  ASSERT_EQ(max.size(), 10u);
  std::string_view in = max;
  std::uint64_t v = 0;
  ASSERT_TRUE(varint::get(in, v));
  EXPECT_EQ(v, ~std::uint64_t{0});
  std::string over = max;
  over.back() = 0x02;  // Bit 64: does not fit.
  in = over;
  EXPECT_FALSE(varint::get(in, v));
}

TEST(EventCodecTest, RoundTripsEveryField) {
  const auto e = sample_event();
  auto decoded = decode_event(encode_event(e));
  ASSERT_TRUE(decoded) << decoded.err().message;
  EXPECT_EQ(*decoded, e);
}

TEST(EventCodecTest, WritesTheBytesTheFormatDocuments) {
  // Pinned: every stored record was written this way, and readers of old
  // stores depend on it.
  event_envelope e;
  e.position = 300;
  e.stream_id = "user:alice";
  e.version = 129;
  e.type = "chat.message";
  e.schema_version = 2;
  e.timestamp_us = -5;
  event_id::bytes_type b{};
  for (int i = 0; i < 16; ++i) b[i] = static_cast<std::uint8_t>(i + 1);
  e.id = event_id{b};
  for (int i = 0; i < 16; ++i) b[i] = static_cast<std::uint8_t>(0xA0 + i);
  e.correlation_id = event_id{b};
  e.actor = "user:bob";
  e.payload = "{\"text\":\"h\xC3\xA9llo\"}";
  std::string hex;
  for (unsigned char c : encode_event(e)) {
    constexpr char digits[] = "0123456789abcdef";
    hex += digits[c >> 4];
    hex += digits[c & 15];
  }
  EXPECT_EQ(hex,
            "0102"                                      // format 1, flags: correlation
            "ac02"                                      // position 300
            "0a757365723a616c696365"                    // "user:alice"
            "8101"                                      // version 129
            "0c636861742e6d657373616765"                // "chat.message"
            "02"                                        // schema version 2
            "09"                                        // timestamp -5, zigzag
            "0102030405060708090a0b0c0d0e0f10"          // id
            "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf"          // correlation id
            "08757365723a626f62"                        // "user:bob"
            "117b2274657874223a2268c3a96c6c6f227d"      // payload
            "517c16b5");                                // CRC-32C, little-endian
}

TEST(EventCodecTest, RoundTripsNilIdsAndNegativeTime) {
  event_envelope e;
  e.stream_id = "user:x";
  e.type = "t";
  e.timestamp_us = -5;
  auto decoded = decode_event(encode_event(e));
  ASSERT_TRUE(decoded);
  EXPECT_EQ(*decoded, e);
}

TEST(EventCodecTest, DetectsEveryFlippedByte) {
  const std::string record = encode_event(sample_event());
  for (std::size_t i = 1; i < record.size(); ++i) {
    std::string bad = record;
    bad[i] = static_cast<char>(bad[i] ^ 0x20);
    auto decoded = decode_event(bad);
    ASSERT_FALSE(decoded) << "flip at " << i;
    EXPECT_EQ(decoded.err().code, error_code::corrupt);
  }
}

TEST(EventCodecTest, DetectsTruncation) {
  const std::string record = encode_event(sample_event());
  for (std::size_t n = 0; n < record.size(); ++n) {
    auto decoded = decode_event(std::string_view(record).substr(0, n));
    ASSERT_FALSE(decoded) << "length " << n;
    EXPECT_EQ(decoded.err().code, error_code::corrupt);
  }
}

TEST(EventCodecTest, RejectsNewerFormatClearly) {
  std::string record = encode_event(sample_event());
  record[0] = static_cast<char>(kEventFormatVersion + 1);
  auto decoded = decode_event(record);
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.err().code, error_code::unsupported_format);
  EXPECT_NE(decoded.err().message.find("newer"), std::string::npos);
}

TEST(EventCodecTest, DecodeReusesTargetAndClearsOptionalIds) {
  auto with_ids = sample_event();
  with_ids.correlation_id = event_id::generate();
  event_envelope target = with_ids;
  event_envelope plain;
  plain.stream_id = "user:y";
  plain.type = "u";
  ASSERT_TRUE(decode_event(encode_event(plain), target));
  EXPECT_EQ(target, plain);
}

}  // namespace
}  // namespace streamhub
