#pragma once
// One relay per entity topic (chat:alice, channel:alice) on this node: it is
// the entity's only subscriber for all the node's GraphQL subscriptions on
// that topic, and fans each event out to them.
//
// Subscriptions with the same document and variables (and viewer, when the
// document shows viewer-dependent fields) form a group: the group's payload
// is rendered once per event and the same bytes go to every member. Members
// are kept per I/O thread, touched only on that thread; an event costs one
// post per thread that has members, not one per member.
//
// Resuming. A member joining with `after` = v behind the relay catches up on
// a private entity subscription from v + 1 (missed events from the entity's
// memory or the log) rendered for it alone, and moves into its group at the
// event where the private stream meets the relay's: the relay and the
// private subscriber are called for each event on the entity's actor thread,
// the relay first, so when the private stream reaches the version the relay
// has last seen, every later event reaches the member through the relay and
// none before it does (`start_after`). Nothing missed, nothing twice.
//
// Order. Rendering may wait for resolvers; all rendering and delivery of one
// relay runs in one serial queue, one event at a time, so members see events
// in version order.
//
// Thread-safety: join() on the member's own I/O thread; the event_subscriber
// methods on the entity's actor thread; membership::cancel() from anywhere.

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "actors/runtime.hpp"
#include "gateway/api/relay/serial_executor.hpp"
#include "gateway/graphql_service.hpp"

namespace streamhub::gateway::api {

using payload_ptr = std::shared_ptr<const std::string>;
using render_callback = std::function<void(payload_ptr)>;

/// Turns what an entity publishes into one group's payload bytes (a
/// complete {"data":...} object). A null payload skips the event (not one the
/// subscription shows).
class event_renderer {
 public:
  virtual ~event_renderer() = default;
  /// Calls `done` exactly once, possibly later and from another thread.
  virtual void render(const actors::published_event_ptr& event, render_callback done) = 0;
  /// Viewer-count subscriptions render counts instead of events.
  virtual bool renders_viewer_counts() const noexcept { return false; }
  virtual void render_viewers(std::uint64_t /*viewers*/, render_callback done) { done(nullptr); }
};

/// A member's place in a relay; cancel() leaves it. Destroying it cancels.
class membership {
 public:
  virtual ~membership() = default;
  virtual void cancel() noexcept = 0;
};

class topic_relay final : public actors::event_subscriber,
                          public std::enable_shared_from_this<topic_relay> {
 public:
  struct join_request {
    /// Members with equal keys share renders.
    std::string group_key;
    /// Called for the first member of a group.
    std::function<std::shared_ptr<event_renderer>()> make_renderer;
    std::shared_ptr<subscription_sink> sink;
    std::shared_ptr<caller_thread> thread;
    /// Resume right after this entity version; nullopt: from now on.
    std::optional<event_number> after;
    /// Called once when the member leaves (e.g. to count a viewer out).
    std::function<void()> on_leave;
  };

  /// `on_empty(this)` is called (from any thread) when the last member left.
  topic_relay(std::string stream_id, actors::runtime& runtime,
              std::function<void(const topic_relay*)> on_empty);
  ~topic_relay() override;

  /// Adds a member. Returns null when the relay has closed (it emptied):
  /// the caller makes a new one. REQUIRES: on r.thread.
  std::shared_ptr<membership> join(join_request r);

  const std::string& stream_id() const noexcept { return stream_id_; }
  std::size_t member_count() const;

  // actors::event_subscriber, on the entity's actor thread.
  bool on_events(std::span<const actors::published_event_ptr> events) override;
  void on_viewer_count(std::uint64_t viewers) override;
  void on_closed(const error& reason) override;

  struct group;
  struct member;
  struct thread_part;

 private:
  friend class relay_membership;
  friend class catch_up_subscriber;

  // One unit of work in the serial queue.
  struct work {
    enum class kind { event, viewers, private_event, merge };
    kind what = kind::event;
    actors::published_event_ptr event;
    std::uint64_t viewers = 0;
    std::shared_ptr<member> for_member;  // private_event, merge
  };

  void enqueue(work w);
  void run_next();                        // in exec_
  void finish_current();                  // in exec_
  void deliver(event_number version, std::vector<std::pair<group*, payload_ptr>> payloads);
  void deliver_private(const std::shared_ptr<member>& m, payload_ptr payload);
  void leave(const std::shared_ptr<member>& m);
  void subscribe_from(event_number from);

  const std::string stream_id_;
  actors::runtime& runtime_;
  const std::function<void(const topic_relay*)> on_empty_;

  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<group>> groups_;
  std::unordered_map<const void*, std::shared_ptr<thread_part>> parts_;
  std::size_t members_ = 0;
  /// The newest version handed to the relay by the entity; 0: none yet.
  event_number seen_version_ = 0;
  /// Where the relay's own subscription starts; 0: at the entity's head
  /// (unknown until the first event).
  event_number subscribed_from_ = 0;
  std::uint64_t subscription_id_ = 0;
  bool subscribed_ = false;
  bool closed_ = false;
  std::uint64_t next_member_id_ = 1;

  // Touched only inside exec_ tasks.
  serial_executor exec_;
  std::deque<work> queue_;
  bool busy_ = false;
};

}  // namespace streamhub::gateway::api
