#include "storage/faulty_event_log.hpp"

namespace streamhub::storage {

namespace {

error injected_io_error() {
  return error{error_code::io_error, "injected write failure: append outcome unknown"};
}

}  // namespace

faulty_event_log::faulty_event_log(std::unique_ptr<event_log> inner) : inner_(std::move(inner)) {}

faulty_event_log::~faulty_event_log() { release_held(); }

void faulty_event_log::fail_next_appends(std::size_t count, error_code code) {
  std::lock_guard lock(mutex_);
  fail_count_ = count;
  fail_code_ = code;
}

void faulty_event_log::lose_next_acks(std::size_t count) {
  std::lock_guard lock(mutex_);
  lose_count_ = count;
}

void faulty_event_log::hold_appends() {
  std::lock_guard lock(mutex_);
  holding_ = true;
}

std::size_t faulty_event_log::release_held() {
  std::deque<held_append> released;
  {
    std::lock_guard lock(mutex_);
    holding_ = false;
    released.swap(held_);
  }
  const std::size_t count = released.size();
  for (auto& req : released) forward(std::move(req));
  return count;
}

std::size_t faulty_event_log::held_count() const {
  std::lock_guard lock(mutex_);
  return held_.size();
}

void faulty_event_log::fail_reads(bool on) {
  std::lock_guard lock(mutex_);
  fail_reads_ = on;
}

void faulty_event_log::recover() {
  std::lock_guard lock(mutex_);
  sticky_ = false;
  fail_count_ = 0;
  lose_count_ = 0;
  fail_reads_ = false;
}

bool faulty_event_log::failed() const {
  std::lock_guard lock(mutex_);
  return sticky_;
}

void faulty_event_log::append_async(std::string stream_id, expected_version expected,
                                    std::vector<proposed_event> events, append_callback done) {
  std::unique_lock lock(mutex_);
  if (sticky_) {
    lock.unlock();
    done(error{error_code::io_error, "event log refuses appends after a failed write; reopen it"});
    return;
  }
  if (fail_count_ > 0) {
    --fail_count_;
    const error_code code = fail_code_;
    if (code == error_code::io_error) sticky_ = true;
    lock.unlock();
    done(code == error_code::io_error ? injected_io_error()
                                      : error{code, "injected append failure"});
    return;
  }
  held_append req{std::move(stream_id), expected, std::move(events), std::move(done), false};
  if (lose_count_ > 0) {
    --lose_count_;
    req.lose_ack = true;
    sticky_ = true;
  }
  if (holding_) {
    held_.push_back(std::move(req));
    return;
  }
  lock.unlock();
  forward(std::move(req));
}

void faulty_event_log::forward(held_append req) {
  append_callback done = std::move(req.done);
  if (req.lose_ack)
    done = [inner_done = std::move(done)](result<append_result>) { inner_done(injected_io_error()); };
  inner_->append_async(std::move(req.stream_id), req.expected, std::move(req.events),
                       std::move(done));
}

result<void> faulty_event_log::read_fault(std::string_view what) const {
  std::lock_guard lock(mutex_);
  if (fail_reads_) return error{error_code::corrupt, "injected read failure: " + std::string(what)};
  return {};
}

result<std::size_t> faulty_event_log::scan_stream(std::string_view stream_id,
                                                  event_number from_version, std::size_t max_count,
                                                  const visitor& visit) const {
  if (auto f = read_fault("stream " + std::string(stream_id)); !f) return std::move(f).err();
  return inner_->scan_stream(stream_id, from_version, max_count, visit);
}

result<std::size_t> faulty_event_log::scan_all(log_position from_position, std::size_t max_count,
                                               const visitor& visit) const {
  if (auto f = read_fault("corrupt event at log position " + std::to_string(from_position)); !f)
    return std::move(f).err();
  return inner_->scan_all(from_position, max_count, visit);
}

log_position faulty_event_log::head_position() const { return inner_->head_position(); }

result<event_number> faulty_event_log::stream_version(std::string_view stream_id) const {
  return inner_->stream_version(stream_id);
}

bool faulty_event_log::wait_for(log_position position, std::chrono::milliseconds timeout) const {
  return inner_->wait_for(position, timeout);
}

std::uint64_t faulty_event_log::add_listener(append_listener listener) {
  return inner_->add_listener(std::move(listener));
}

void faulty_event_log::remove_listener(std::uint64_t id) { inner_->remove_listener(id); }

result<void> faulty_event_log::save_snapshot(std::string_view stream_id, const snapshot& snap) {
  return inner_->save_snapshot(stream_id, snap);
}

result<std::optional<snapshot>> faulty_event_log::load_snapshot(std::string_view stream_id) const {
  if (auto f = read_fault("snapshot of " + std::string(stream_id)); !f) return std::move(f).err();
  return inner_->load_snapshot(stream_id);
}

result<void> faulty_event_log::delete_all_snapshots() { return inner_->delete_all_snapshots(); }

}  // namespace streamhub::storage
