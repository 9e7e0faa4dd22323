#include "gateway/auth/password_hasher.hpp"

#include <gtest/gtest.h>

#include <future>
#include <thread>

namespace streamhub::gateway::auth {
namespace {

password_hasher_options cheap(std::size_t queue) {
  password_hasher_options options;
  options.queue_capacity = queue;
  options.params.memory_kib = 64;
  options.params.iterations = 1;
  return options;
}

TEST(password_hasher, hashes_and_verifies_off_the_calling_thread) {
  password_hasher hasher(cheap(8));
  std::promise<result<std::string>> hashed;
  std::promise<std::thread::id> hashing_thread;
  hasher.hash("secret", [&](result<std::string> r) {
    hashing_thread.set_value(std::this_thread::get_id());
    hashed.set_value(std::move(r));
  });
  auto encoded = hashed.get_future().get();
  ASSERT_TRUE(encoded);
  EXPECT_NE(hashing_thread.get_future().get(), std::this_thread::get_id());
  std::promise<result<bool>> verified;
  hasher.verify("secret", *encoded, [&](result<bool> r) { verified.set_value(std::move(r)); });
  auto ok = verified.get_future().get();
  ASSERT_TRUE(ok);
  EXPECT_TRUE(*ok);
}

TEST(password_hasher, overload_is_refused_as_unavailable) {
  password_hasher hasher(cheap(0));
  bool called = false;
  hasher.hash("secret", [&](result<std::string> r) {
    called = true;
    ASSERT_FALSE(r);
    EXPECT_EQ(r.err().code, error_code::unavailable);
  });
  EXPECT_TRUE(called) << "a refused job completes before hash() returns";
}

TEST(password_hasher, every_callback_runs_exactly_once_through_shutdown) {
  std::atomic<int> calls{0};
  {
    password_hasher hasher(cheap(64));
    for (int i = 0; i < 20; ++i) hasher.hash("pw", [&](result<std::string>) { ++calls; });
  }
  EXPECT_EQ(calls.load(), 20);
}

}  // namespace
}  // namespace streamhub::gateway::auth
