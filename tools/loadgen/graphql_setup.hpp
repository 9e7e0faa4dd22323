#pragma once
// Blocking GraphQL-over-HTTP calls that set up a run before it is measured:
// accounts (register), live channels (goLive). One keep-alive connection.
//
// Thread-safety: none; used from the main thread before the workers start.

#include <cstdint>
#include <memory>
#include <string>

#include "protocol/error.hpp"

namespace streamhub::loadgen {

class graphql_setup {
 public:
  /// Connects to 127.0.0.1-style `host`:`port`. Errors: unavailable.
  static result<graphql_setup> connect(const std::string& host, std::uint16_t port);
  graphql_setup(graphql_setup&&) noexcept;
  graphql_setup& operator=(graphql_setup&&) noexcept;
  ~graphql_setup();

  /// Registers `login` (password and email derived from it) and answers its
  /// access token. Errors: the GraphQL error's message (invalid), or the
  /// transport's (unavailable).
  result<std::string> register_user(const std::string& login);

  /// Starts `token`'s owner's stream. Errors as register_user.
  result<void> go_live(const std::string& token, const std::string& title, const std::string& category);

 private:
  struct impl;
  explicit graphql_setup(std::unique_ptr<impl> p);
  /// POSTs {"query", "variables"} and answers the body's "data" as JSON text.
  result<std::string> call(const std::string& body, const std::string& token);
  std::unique_ptr<impl> impl_;
};

}  // namespace streamhub::loadgen
