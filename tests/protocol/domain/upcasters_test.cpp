#include "protocol/domain/upcasters.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "protocol/domain/event_codec.hpp"

namespace streamhub::domain {
namespace {

using nlohmann::json;

// A type only this test knows, whose payload changed shape twice:
//   v1 {"name": "..."}  ->  v2 {"login": "..."}  ->  v3 {"login": "...", "level": 1}
constexpr std::string_view kType = "test.upcast_chain";

result<std::string> rename_name_to_login(std::string_view payload) {
  json j = json::parse(payload, nullptr, false);
  if (!j.is_object() || !j.contains("name")) return error{error_code::invalid, "v1 without name"};
  j["login"] = std::move(j["name"]);
  j.erase("name");
  return j.dump();
}

result<std::string> add_level(std::string_view payload) {
  json j = json::parse(payload, nullptr, false);
  j["level"] = 1;
  return j.dump();
}

class UpcasterTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    register_upcaster(kType, 1, rename_name_to_login);
    register_upcaster(kType, 2, add_level);
  }
};

TEST_F(UpcasterTest, LiftsThroughEveryStepInOrder) {
  auto r = upcast_payload(kType, 1, 3, R"({"name":"bob"})");
  ASSERT_TRUE(r) << r.err().message;
  EXPECT_EQ(json::parse(*r), json::parse(R"({"login":"bob","level":1})"));
}

TEST_F(UpcasterTest, StartsAtTheStoredVersion) {
  auto r = upcast_payload(kType, 2, 3, R"({"login":"bob"})");
  ASSERT_TRUE(r) << r.err().message;
  EXPECT_EQ(json::parse(*r), json::parse(R"({"login":"bob","level":1})"));
}

TEST_F(UpcasterTest, SameVersionIsUnchanged) {
  auto r = upcast_payload(kType, 3, 3, R"({"anything":true})");
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, R"({"anything":true})");
}

TEST_F(UpcasterTest, AMissingStepIsInvalid) {
  auto r = upcast_payload(kType, 1, 4, R"({"name":"bob"})");  // No step 3 -> 4.
  ASSERT_FALSE(r);
  EXPECT_EQ(r.err().code, error_code::invalid);
  EXPECT_NE(r.err().message.find("from schema 3"), std::string::npos);
  EXPECT_FALSE(upcast_payload("test.never_registered", 1, 2, "{}"));
}

TEST_F(UpcasterTest, AFailingStepStopsTheChain) {
  auto r = upcast_payload(kType, 1, 3, R"({"nickname":"bob"})");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.err().message, "v1 without name");
}

TEST_F(UpcasterTest, ANewerVersionThanKnownIsInvalid) {
  auto r = upcast_payload(kType, 4, 3, "{}");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.err().code, error_code::invalid);
}

// The decoder runs the chain before parsing: a payload stored under schema 0
// of a real type (a hypothetical older shape, registered only here) decodes
// into today's struct.
TEST_F(UpcasterTest, DecoderAppliesTheChainToStoredPayloads) {
  register_upcaster("user.blocked", 0, [](std::string_view payload) -> result<std::string> {
    json j = json::parse(payload, nullptr, false);
    return json{{"target", j.at("blocked_login")}}.dump();
  });
  auto decoded = decode_user_event("user.blocked", 0, R"({"blocked_login":"mallory"})");
  ASSERT_TRUE(decoded) << decoded.err().message;
  EXPECT_EQ(std::get<user_blocked>(*decoded).target, "mallory");
  // Without a chain from schema 0, the same payload does not decode.
  EXPECT_FALSE(decode_user_event("user.unblocked", 0, R"({"blocked_login":"mallory"})"));
}

}  // namespace
}  // namespace streamhub::domain
