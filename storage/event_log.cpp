#include "storage/event_log.hpp"

#include <future>

namespace streamhub::storage {

result<append_result> event_log::append(std::string stream_id, expected_version expected,
                                        std::vector<proposed_event> events) {
  std::promise<result<append_result>> promise;
  auto future = promise.get_future();
  append_async(std::move(stream_id), expected, std::move(events),
               [&promise](result<append_result> r) { promise.set_value(std::move(r)); });
  return future.get();
}

result<std::vector<event_envelope>> event_log::read_stream(std::string_view stream_id,
                                                           event_number from_version,
                                                           std::size_t max_count) const {
  std::vector<event_envelope> out;
  auto r = scan_stream(stream_id, from_version, max_count, [&out](const event_envelope& e) {
    out.push_back(e);
    return true;
  });
  if (!r) return std::move(r).err();
  return out;
}

result<std::vector<event_envelope>> event_log::read_all(log_position from_position,
                                                        std::size_t max_count) const {
  std::vector<event_envelope> out;
  auto r = scan_all(from_position, max_count, [&out](const event_envelope& e) {
    out.push_back(e);
    return true;
  });
  if (!r) return std::move(r).err();
  return out;
}

}  // namespace streamhub::storage
