#include "storage/memory_event_log.hpp"

#include <algorithm>

#include "storage/append_rules.hpp"

namespace streamhub::storage {

memory_event_log::memory_event_log(memory_event_log_options options) : options_(options) {
  if (!options_.complete_inline) worker_ = std::thread([this] { work(); });
}

memory_event_log::~memory_event_log() {
  if (!worker_.joinable()) return;
  {
    std::lock_guard lock(queue_mutex_);
    stopping_ = true;
  }
  queue_changed_.notify_all();
  worker_.join();
}

void memory_event_log::append_async(std::string stream_id, expected_version expected,
                                    std::vector<proposed_event> events, append_callback done) {
  request req{std::move(stream_id), expected, std::move(events), std::move(done)};
  if (options_.complete_inline) {
    run(req);
    return;
  }
  {
    std::lock_guard lock(queue_mutex_);
    if (!stopping_) {
      queue_.push_back(std::move(req));
      queue_changed_.notify_one();
      return;
    }
  }
  req.done(error{error_code::unavailable, "event log is closing"});
}

void memory_event_log::work() {
  std::unique_lock lock(queue_mutex_);
  for (;;) {
    queue_changed_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and everything queued is done
    request req = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    run(req);
    lock.lock();
  }
}

void memory_event_log::run(request& req) {
  auto outcome = apply(req);
  const bool wrote = outcome && !outcome->duplicate;
  req.done(std::move(outcome));
  if (wrote) {
    notify_listeners();
    head_changed_.notify_all();
  }
}

result<append_result> memory_event_log::apply(request& req) {
  if (auto valid = validate_append(req.stream_id, req.events); !valid) return std::move(valid).err();
  std::lock_guard lock(mutex_);
  if (auto it = ids_.find(req.events.front().id); it != ids_.end()) {
    const id_entry& e = it->second;
    return make_append_result(e.version, e.position, e.remaining + 1, true);
  }
  auto& versions = streams_[req.stream_id];
  const event_number current = versions.size();
  if (!req.expected.matches(current)) {
    if (versions.empty()) streams_.erase(req.stream_id);
    return conflict_error(req.stream_id, req.expected, current);
  }
  const log_position first = events_.size() + 1;
  const std::int64_t now = now_us();
  const std::size_t count = req.events.size();
  for (std::size_t i = 0; i < count; ++i) {
    event_envelope& e = events_.emplace_back();
    make_envelope(req.events[i], req.stream_id, current + 1 + i, first + i, now, e);
    versions.push_back(first + i);
    ids_.try_emplace(e.id, id_entry{e.version, e.position, count - 1 - i});
  }
  return make_append_result(current + 1, first, count);
}

void memory_event_log::notify_listeners() {
  // Under one lock with a high-water mark, so listeners see heads in order
  // even when appends complete on several callers' threads.
  std::lock_guard lock(listeners_mutex_);
  const log_position head = head_position();
  if (head <= notified_head_) return;
  notified_head_ = head;
  for (auto& [id, listener] : listeners_) listener(head);
}

std::vector<event_envelope> memory_event_log::select(
    const std::vector<log_position>& positions) const {
  std::vector<event_envelope> out;
  out.reserve(positions.size());
  for (log_position p : positions) out.push_back(events_[p - 1]);
  return out;
}

result<std::size_t> memory_event_log::scan_stream(std::string_view stream_id,
                                                  event_number from_version, std::size_t max_count,
                                                  const visitor& visit) const {
  // Copies under the lock and visits outside it, so a visitor may call back
  // into the log.
  std::vector<event_envelope> selected;
  {
    std::lock_guard lock(mutex_);
    auto it = streams_.find(std::string(stream_id));
    if (it == streams_.end()) return std::size_t{0};
    const auto& versions = it->second;
    const std::size_t begin = std::min<std::size_t>(std::max<event_number>(from_version, 1) - 1,
                                                    versions.size());
    const std::size_t end = begin + std::min(max_count, versions.size() - begin);
    selected = select({versions.begin() + begin, versions.begin() + end});
  }
  std::size_t visited = 0;
  for (const auto& e : selected) {
    ++visited;
    if (!visit(e)) break;
  }
  return visited;
}

result<std::size_t> memory_event_log::scan_all(log_position from_position, std::size_t max_count,
                                               const visitor& visit) const {
  std::vector<event_envelope> selected;
  {
    std::lock_guard lock(mutex_);
    const std::size_t begin =
        std::min<std::size_t>(std::max<log_position>(from_position, 1) - 1, events_.size());
    const std::size_t end = begin + std::min(max_count, events_.size() - begin);
    selected.assign(events_.begin() + begin, events_.begin() + end);
  }
  std::size_t visited = 0;
  for (const auto& e : selected) {
    ++visited;
    if (!visit(e)) break;
  }
  return visited;
}

log_position memory_event_log::head_position() const {
  std::lock_guard lock(mutex_);
  return events_.size();
}

result<event_number> memory_event_log::stream_version(std::string_view stream_id) const {
  std::lock_guard lock(mutex_);
  auto it = streams_.find(std::string(stream_id));
  return it == streams_.end() ? event_number{0} : event_number{it->second.size()};
}

bool memory_event_log::wait_for(log_position position, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return head_changed_.wait_for(lock, timeout, [&] { return events_.size() >= position; });
}

std::uint64_t memory_event_log::add_listener(append_listener listener) {
  std::lock_guard lock(listeners_mutex_);
  const auto id = next_listener_id_++;
  listeners_.emplace(id, std::move(listener));
  return id;
}

void memory_event_log::remove_listener(std::uint64_t id) {
  std::lock_guard lock(listeners_mutex_);
  listeners_.erase(id);
}

result<void> memory_event_log::save_snapshot(std::string_view stream_id, const snapshot& snap) {
  if (auto valid = validate_stream_id(stream_id); !valid) return valid;
  std::lock_guard lock(mutex_);
  snapshots_.insert_or_assign(std::string(stream_id), snap);
  return {};
}

result<std::optional<snapshot>> memory_event_log::load_snapshot(std::string_view stream_id) const {
  std::lock_guard lock(mutex_);
  auto it = snapshots_.find(std::string(stream_id));
  if (it == snapshots_.end()) return std::optional<snapshot>{};
  return std::optional<snapshot>{it->second};
}

result<void> memory_event_log::delete_all_snapshots() {
  std::lock_guard lock(mutex_);
  snapshots_.clear();
  return {};
}

}  // namespace streamhub::storage
