#pragma once
// A wrapper over any event_log that injects failures, for tests of the
// layers above (leveldb's fault-injection Env and Beast's fail_count play the
// same part). With no fault armed it forwards every call unchanged, and
// passes the same contract tests as what it wraps.
//
// Faults:
//  - fail_next_appends(n, code): the next n appends are answered `code`
//    without reaching the inner log.
//  - lose_next_acks(n): the next n appends are written, but their caller is
//    answered io_error: the unknown-outcome case.
//  - hold_appends() / release_held(): appends queue here until released, in
//    order, so a test decides exactly when each one reaches the log.
//  - fail_reads(true): scans and snapshot loads answer corrupt.
// An injected io_error (by either fault) makes the wrapper refuse every
// later append with io_error, as the real log does after a failed write,
// until recover() (standing in for reopening the log).
//
// Injected answers are given on the caller's thread, inside append_async.
//
// Thread-safety: every method may be called from any thread concurrently.

#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>

#include "storage/event_log.hpp"

namespace streamhub::storage {

class faulty_event_log final : public event_log {
 public:
  /// REQUIRES: inner != nullptr.
  explicit faulty_event_log(std::unique_ptr<event_log> inner);
  /// Held appends are released to the inner log first.
  ~faulty_event_log() override;

  event_log& inner() noexcept { return *inner_; }

  void fail_next_appends(std::size_t count, error_code code = error_code::io_error);
  void lose_next_acks(std::size_t count);
  void hold_appends();
  /// Forwards every held append in arrival order and stops holding.
  /// Returns how many were released.
  std::size_t release_held();
  std::size_t held_count() const;
  void fail_reads(bool on);
  /// Clears the sticky io_error and every armed fault.
  void recover();
  /// Whether the sticky io_error is set.
  bool failed() const;

  void append_async(std::string stream_id, expected_version expected,
                    std::vector<proposed_event> events, append_callback done) override;
  result<std::size_t> scan_stream(std::string_view stream_id, event_number from_version,
                                  std::size_t max_count, const visitor& visit) const override;
  result<std::size_t> scan_all(log_position from_position, std::size_t max_count,
                               const visitor& visit) const override;
  log_position head_position() const override;
  result<event_number> stream_version(std::string_view stream_id) const override;
  bool wait_for(log_position position, std::chrono::milliseconds timeout) const override;
  std::uint64_t add_listener(append_listener listener) override;
  void remove_listener(std::uint64_t id) override;
  result<void> save_snapshot(std::string_view stream_id, const snapshot& snap) override;
  result<std::optional<snapshot>> load_snapshot(std::string_view stream_id) const override;
  result<void> delete_all_snapshots() override;

 private:
  struct held_append {
    std::string stream_id;
    expected_version expected;
    std::vector<proposed_event> events;
    append_callback done;
    bool lose_ack;
  };

  void forward(held_append req);
  result<void> read_fault(std::string_view what) const;

  std::unique_ptr<event_log> inner_;
  mutable std::mutex mutex_;
  std::size_t fail_count_ = 0;
  error_code fail_code_ = error_code::io_error;
  std::size_t lose_count_ = 0;
  bool holding_ = false;
  std::deque<held_append> held_;
  bool fail_reads_ = false;
  bool sticky_ = false;
};

}  // namespace streamhub::storage
