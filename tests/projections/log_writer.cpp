#include "tests/projections/log_writer.hpp"

#include <stdexcept>

#include "protocol/domain/entity_id.hpp"

namespace streamhub::projections::testing {

appended log_writer::user(std::string_view login, const domain::user_event& e) {
  return append(domain::user_stream(login), domain::encode(e), "user:" + std::string(login));
}

appended log_writer::channel(std::string_view login, const domain::channel_event& e,
                             std::string_view actor) {
  return append(domain::channel_stream(login), domain::encode(e), std::string(actor));
}

appended log_writer::chat(std::string_view login, const domain::chat_event& e,
                          std::string_view actor) {
  return append(domain::chat_stream(login), domain::encode(e), std::string(actor));
}

appended log_writer::raw(std::string stream_id, std::string type, std::string payload,
                         std::uint32_t schema_version, std::string actor) {
  storage::proposed_event event;
  event.id = event_id::generate();
  event.type = std::move(type);
  event.schema_version = schema_version;
  event.timestamp_us = now_us;
  event.actor = std::move(actor);
  event.payload = std::move(payload);
  auto done = log_.append(std::move(stream_id), expected_version::any(), {event});
  if (!done) throw std::runtime_error("append failed: " + done.err().message);
  appended out{done->last_position, done->last_version, event.id, now_us};
  now_us += 1'000'000;
  return out;
}

appended log_writer::append(std::string stream_id, domain::encoded_payload payload,
                            std::string actor) {
  return raw(std::move(stream_id), std::string(payload.type), std::move(payload.json),
             payload.schema_version, std::move(actor));
}

}  // namespace streamhub::projections::testing
