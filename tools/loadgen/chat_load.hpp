#pragma once
// The chat load behind scenarios `fanout` and `append`: P publishers post
// chat messages, S subscribers listen, on StreamHub or a peer server
// (chat_wire.hpp).
//
// A run: connect the subscribers (in waves, from `sources` loopback source
// addresses) and the publishers; warm up (publisher 0 posts until every
// subscriber has heard one); publish for `duration_s`, either at a fixed
// total rate (each message carries its intended send time, and delivery
// latency is measured from it) or closed-loop with `inflight` unanswered
// mutations per publisher (StreamHub only); then wait (at most `drain_s`)
// for every expected delivery, and check each subscriber's order.
//
// On StreamHub, publishers are the registered users <prefix>pub<i>; each owns
// the room of its name, and publisher p's n-th message goes to room
// (p + n) mod `rooms`; subscribers listen to room 0 (<prefix>pub0), whose
// gap-free sequence they check against the range the publishers' answers
// span. On peers, each subscriber checks each publisher's own numbering.

#include <cstdint>
#include <string>
#include <vector>

#include "protocol/error.hpp"
#include "tools/loadgen/chat_wire.hpp"
#include "tools/loadgen/latency_histogram.hpp"
#include "tools/loadgen/sequence_checker.hpp"

namespace streamhub::loadgen {

struct chat_load_options {
  chat_server server = chat_server::streamhub;
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
  std::size_t threads = 1;
  std::size_t subscribers = 1000;
  std::size_t publishers = 4;
  std::size_t rooms = 1;  // StreamHub only; at most `publishers`
  double rate = 100;      // messages/s over all publishers; 0: closed loop
  std::size_t inflight = 16;
  double duration_s = 10;
  std::size_t message_bytes = 100;
  std::size_t sources = 16;
  double drain_s = 30;
  std::string prefix = "lgchat";  // StreamHub logins: <prefix>pub<i>
};

struct chat_load_result {
  std::uint64_t published = 0;       // accepted (StreamHub) or sent (peers)
  std::uint64_t publish_errors = 0;  // refused by StreamHub
  std::string first_publish_error;
  double publish_s = 0;              // the measured publishing window
  std::uint64_t deliveries = 0;
  std::uint64_t expected_deliveries = 0;
  double delivery_s = 0;             // first intended send to last delivery
  latency_histogram delivery_latency;
  latency_histogram ack_latency;     // StreamHub: intended send to answer
  sequence_report check;
  std::uint64_t failed_connections = 0;
  std::string first_failure;
};

/// Runs the load. Errors: unavailable when setup (registration) or the
/// connections fail; a run that starts always answers a result, whose check
/// and counts say what went wrong.
result<chat_load_result> run_chat_load(const chat_load_options& options);

}  // namespace streamhub::loadgen
