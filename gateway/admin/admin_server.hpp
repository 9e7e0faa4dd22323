#pragma once
// The node's admin endpoint: its own listener, loopback only unless allowed
// otherwise, on one I/O thread of its own; requests are run by an
// admin_handler. The wire format is JSON lines over TCP, one object a line:
//
//   client                                server
//   {"token":"<admin token>"}        ->
//                                    <-  {"ok":true,"node":"streamhub"}
//                                        or {"ok":false,"error":{...}}, then close
//   {"seq":1,"argv":["inspect","user:alice"]}
//                                    <-  {"seq":1,"ok":true,"result":{...}}
//                                        or {"seq":1,"ok":false,"error":
//                                            {"code":"NOT_FOUND","message":"..."}}
//   {"seq":2,"argv":["tail","chat:alice"]}
//                                    <-  {"seq":2,"tail":"chat:alice","from_version":8}
//                                    <-  {"seq":2,"event":{...}}   (each new event)
//   {"cancel":2}                     ->
//                                    <-  {"seq":2,"ok":true,"result":{"tail":"chat:alice","events":3}}
//
// A connection whose first line is not the right token is answered once
// with an `unauthenticated` error and closed. Lines longer than 64 KiB close
// the connection. Answers to one connection's commands may come in any order
// (match them by seq); a tail's lines keep theirs.
//
// Thread-safety: start() and stop() from one controlling thread; port() from
// any.

#include <cstdint>
#include <memory>
#include <string>

#include "gateway/admin/admin_sources.hpp"
#include "protocol/error.hpp"

namespace streamhub::gateway::admin {

struct admin_server_options {
  /// HOST:PORT; port 0 picks a free one.
  std::string listen = "127.0.0.1:0";
  /// Allows a non-loopback listen address. Anyone who can reach it and holds
  /// the token controls the node.
  bool allow_remote = false;
  /// The secret the first line must carry; must not be empty.
  std::string token;
};

class admin_server {
 public:
  admin_server(admin_server_options options, admin_sources sources);
  /// Stops if running.
  ~admin_server();
  admin_server(const admin_server&) = delete;
  admin_server& operator=(const admin_server&) = delete;

  /// Binds, listens and starts the I/O thread; returns the bound port.
  /// Errors: invalid (bad address, empty token), forbidden (a non-loopback
  /// address without allow_remote), io_error (bind or listen failed),
  /// conflict (already started).
  result<std::uint16_t> start();

  /// Closes the listener and every connection (tails are cancelled), then
  /// joins the thread. Idempotent.
  void stop();

  /// The bound port; 0 before start().
  std::uint16_t port() const noexcept;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace streamhub::gateway::admin
