#pragma once
// Writes domain events straight into an event log, as the entity actors
// would (the payload codec's JSON, the stream's next version, a unique id),
// at times the test chooses: scripted scenarios with exact expected rows.

#include <cstdint>
#include <string>
#include <string_view>

#include "protocol/domain/event_codec.hpp"
#include "protocol/event_envelope.hpp"
#include "storage/event_log.hpp"

namespace streamhub::projections::testing {

/// Where an event landed.
struct appended {
  log_position position = 0;
  event_number version = 0;
  event_id id;
  std::int64_t at_us = 0;
  /// The canonical text of `id`.
  std::string id_text() const { return id.to_string(); }
};

class log_writer {
 public:
  explicit log_writer(storage::event_log& log) : log_(log) {}

  /// To user:<login>; the actor is the user.
  appended user(std::string_view login, const domain::user_event& e);
  /// To channel:<login>; the actor is `actor` ("user:bob"), else "system".
  appended channel(std::string_view login, const domain::channel_event& e,
                   std::string_view actor = "system");
  /// To chat:<login>.
  appended chat(std::string_view login, const domain::chat_event& e,
                std::string_view actor = "system");
  /// Any type and payload: for events that must fail.
  appended raw(std::string stream_id, std::string type, std::string payload,
               std::uint32_t schema_version = 1, std::string actor = "system");

  /// The time of the next event (µs since the epoch); each append moves it
  /// on by one second.
  std::int64_t now_us = 1'700'000'000'000'000;

 private:
  appended append(std::string stream_id, domain::encoded_payload payload, std::string actor);

  storage::event_log& log_;
};

}  // namespace streamhub::projections::testing
