#include "gateway/api/relay/topic_relay.hpp"

#include <algorithm>
#include <atomic>
#include <limits>

namespace streamhub::gateway::api {

struct topic_relay::group {
  std::string key;
  std::shared_ptr<event_renderer> renderer;
  std::size_t members = 0;  // guarded by the relay's mutex
};

struct topic_relay::thread_part {
  std::shared_ptr<caller_thread> thread;
  std::size_t count = 0;                         // guarded by the relay's mutex
  std::vector<std::shared_ptr<member>> members;  // touched only on `thread`
};

struct topic_relay::member {
  std::shared_ptr<subscription_sink> sink;
  std::shared_ptr<group> grp;
  std::shared_ptr<thread_part> part;
  std::function<void()> on_leave;
  /// Events up to this version reach the member by another way (or are
  /// older than what it asked for): the relay skips them.
  event_number start_after = 0;
  std::atomic<bool> active{true};
  /// The private catch-up subscription while it lasts; 0: none.
  std::atomic<std::uint64_t> private_subscription{0};
};

namespace {

constexpr event_number kLive = std::numeric_limits<event_number>::max();

}  // namespace

// The member's handle: leaving is idempotent and safe from any thread.
class relay_membership final : public membership {
 public:
  relay_membership(std::weak_ptr<topic_relay> relay, std::shared_ptr<topic_relay::member> m)
      : relay_(std::move(relay)), member_(std::move(m)) {}
  ~relay_membership() override { cancel(); }
  void cancel() noexcept override {
    if (cancelled_.exchange(true)) return;
    member_->active = false;
    if (auto relay = relay_.lock()) relay->leave(member_);
  }

 private:
  std::weak_ptr<topic_relay> relay_;
  std::shared_ptr<topic_relay::member> member_;
  std::atomic<bool> cancelled_{false};
};

// A member's private stream while it catches up: each event is rendered for
// it alone, in the relay's queue, until the stream meets the relay's.
class catch_up_subscriber final : public actors::event_subscriber {
 public:
  catch_up_subscriber(std::weak_ptr<topic_relay> relay, std::shared_ptr<topic_relay::member> m)
      : relay_(std::move(relay)), member_(std::move(m)) {}

  bool on_events(std::span<const actors::published_event_ptr> events) override {
    auto relay = relay_.lock();
    if (!relay || !member_->active) return false;
    for (const auto& e : events) {
      const event_number v = e->envelope.version;
      if (v <= member_->start_after) continue;
      relay->enqueue({topic_relay::work::kind::private_event, e, 0, member_});
      member_->start_after = v;
      bool meets;
      {
        std::lock_guard lock(relay->mutex_);
        meets = relay->seen_version_ == v;
      }
      if (meets) {
        // Every later event reaches the relay after this point, and the
        // member through it.
        member_->private_subscription = 0;
        relay->enqueue({topic_relay::work::kind::merge, nullptr, 0, member_});
        return false;
      }
    }
    return true;
  }

  void on_closed(const error&) override {
    // The entity restarted: catch up again from where this stream was.
    auto relay = relay_.lock();
    if (!relay || !member_->active || member_->private_subscription == 0) return;
    member_->private_subscription = relay->runtime_.subscribe(
        relay->stream_id_, member_->start_after + 1,
        std::make_shared<catch_up_subscriber>(relay_, member_));
  }

 private:
  std::weak_ptr<topic_relay> relay_;
  std::shared_ptr<topic_relay::member> member_;
};

topic_relay::topic_relay(std::string stream_id, actors::runtime& runtime,
                         std::function<void(const topic_relay*)> on_empty)
    : stream_id_(std::move(stream_id)), runtime_(runtime), on_empty_(std::move(on_empty)) {}

topic_relay::~topic_relay() = default;

std::size_t topic_relay::member_count() const {
  std::lock_guard lock(mutex_);
  return members_;
}

std::shared_ptr<membership> topic_relay::join(join_request r) {
  auto m = std::make_shared<member>();
  m->sink = std::move(r.sink);
  bool subscribe_now = false;
  bool catch_up = false;
  event_number from = kLive;
  {
    std::lock_guard lock(mutex_);
    if (closed_) return nullptr;
    auto& g = groups_[r.group_key];
    if (!g) {
      g = std::make_shared<group>();
      g->key = r.group_key;
      g->renderer = r.make_renderer();
    }
    auto& part = parts_[r.thread->key()];
    if (!part) {
      part = std::make_shared<thread_part>();
      part->thread = r.thread;
    }
    ++g->members;
    ++part->count;
    ++members_;
    m->grp = g;
    m->part = part;
    // What the relay will deliver from: everything after `covered`.
    const event_number covered = seen_version_ > 0 ? seen_version_
                                 : subscribed_from_ > 0 ? subscribed_from_ - 1
                                                        : kLive;
    if (!subscribed_) {
      // The first member: the relay's own subscription starts where it asks.
      subscribed_ = true;
      subscribe_now = true;
      if (r.after) from = *r.after + 1;
      subscribed_from_ = r.after ? *r.after + 1 : 0;
      m->start_after = r.after.value_or(0);
    } else if (r.after && (covered == kLive || *r.after < covered)) {
      // Behind the relay (or it is unknown where the relay stands): catch up.
      catch_up = true;
      m->start_after = *r.after;
    } else {
      m->start_after = std::max(r.after.value_or(0), seen_version_);
    }
  }
  m->on_leave = std::move(r.on_leave);
  if (!catch_up) m->part->members.push_back(m);  // We are on its thread.
  if (subscribe_now) subscribe_from(from);
  if (catch_up)
    m->private_subscription = runtime_.subscribe(
        stream_id_, m->start_after + 1, std::make_shared<catch_up_subscriber>(weak_from_this(), m));
  return std::make_shared<relay_membership>(weak_from_this(), m);
}

void topic_relay::subscribe_from(event_number from) {
  const auto id = runtime_.subscribe(stream_id_, from, shared_from_this());
  bool drop = false;
  {
    std::lock_guard lock(mutex_);
    subscription_id_ = id;
    drop = closed_;
  }
  if (drop) runtime_.unsubscribe(stream_id_, id);
}

void topic_relay::leave(const std::shared_ptr<member>& m) {
  bool empty = false;
  std::uint64_t relay_subscription = 0;
  {
    std::lock_guard lock(mutex_);
    if (--m->grp->members == 0) groups_.erase(m->grp->key);
    if (--m->part->count == 0) parts_.erase(m->part->thread->key());
    if (--members_ == 0) {
      empty = true;
      closed_ = true;
      relay_subscription = subscription_id_;
    }
  }
  if (const auto id = m->private_subscription.exchange(0)) runtime_.unsubscribe(stream_id_, id);
  // Posted even on the member's own thread: a leave from inside a delivery
  // (a session closing as a payload overflows its queue) would otherwise
  // erase from the vector that delivery is walking. Until then the member
  // is inactive, so nothing more reaches it.
  m->part->thread->post([part = m->part, m] { std::erase(part->members, m); });
  if (m->on_leave) m->on_leave();
  if (empty) {
    if (relay_subscription) runtime_.unsubscribe(stream_id_, relay_subscription);
    on_empty_(this);
  }
}

bool topic_relay::on_events(std::span<const actors::published_event_ptr> events) {
  {
    std::lock_guard lock(mutex_);
    if (closed_) return false;
    seen_version_ = events.back()->envelope.version;
  }
  for (const auto& e : events) enqueue({work::kind::event, e, 0, nullptr});
  return true;
}

void topic_relay::on_viewer_count(std::uint64_t viewers) {
  enqueue({work::kind::viewers, nullptr, viewers, nullptr});
}

void topic_relay::on_closed(const error&) {
  event_number from = kLive;
  {
    std::lock_guard lock(mutex_);
    if (closed_) return;
    if (seen_version_ > 0) from = seen_version_ + 1;
    else if (subscribed_from_ > 0) from = subscribed_from_;
  }
  subscribe_from(from);
}

void topic_relay::enqueue(work w) {
  exec_.post([self = shared_from_this(), w = std::move(w)]() mutable {
    self->queue_.push_back(std::move(w));
    if (!self->busy_) self->run_next();
  });
}

namespace {

// Collects one round of renders; the last answer finishes the round.
struct render_round {
  event_number version = 0;
  std::vector<std::pair<topic_relay::group*, payload_ptr>> payloads;
  std::vector<std::shared_ptr<topic_relay::group>> keep;
  std::size_t remaining = 0;
};

}  // namespace

void topic_relay::run_next() {
  while (!busy_ && !queue_.empty()) {
    work w = std::move(queue_.front());
    queue_.pop_front();
    switch (w.what) {
      case work::kind::event:
      case work::kind::viewers: {
        const bool viewers = w.what == work::kind::viewers;
        auto round = std::make_shared<render_round>();
        round->version = viewers ? 0 : w.event->envelope.version;
        {
          std::lock_guard lock(mutex_);
          for (const auto& [key, g] : groups_)
            if (g->members > 0 && g->renderer->renders_viewer_counts() == viewers)
              round->keep.push_back(g);
        }
        if (round->keep.empty()) break;
        round->payloads.resize(round->keep.size());
        round->remaining = round->keep.size();
        busy_ = true;
        for (std::size_t i = 0; i < round->keep.size(); ++i) {
          round->payloads[i].first = round->keep[i].get();
          auto done = [self = shared_from_this(), round, i](payload_ptr p) {
            self->exec_.post([self, round, i, p = std::move(p)]() mutable {
              round->payloads[i].second = std::move(p);
              if (--round->remaining == 0) {
                self->deliver(round->version, std::move(round->payloads));
                self->finish_current();
              }
            });
          };
          if (viewers) round->keep[i]->renderer->render_viewers(w.viewers, std::move(done));
          else round->keep[i]->renderer->render(w.event, std::move(done));
        }
        break;
      }
      case work::kind::private_event: {
        auto m = w.for_member;
        if (!m->active) break;
        busy_ = true;
        m->grp->renderer->render(w.event, [self = shared_from_this(), m](payload_ptr p) {
          self->exec_.post([self, m, p = std::move(p)]() mutable {
            self->deliver_private(m, std::move(p));
            self->finish_current();
          });
        });
        break;
      }
      case work::kind::merge: {
        auto m = w.for_member;
        // Posted after the member's last private frame, and before any
        // relay delivery of a later event: the thread sees them in order.
        m->part->thread->post([m] {
          if (m->active) m->part->members.push_back(m);
        });
        break;
      }
    }
  }
}

void topic_relay::finish_current() {
  busy_ = false;
  run_next();
}

void topic_relay::deliver(event_number version,
                          std::vector<std::pair<group*, payload_ptr>> payloads) {
  std::vector<std::shared_ptr<thread_part>> parts;
  {
    std::lock_guard lock(mutex_);
    parts.reserve(parts_.size());
    for (const auto& [key, part] : parts_) parts.push_back(part);
  }
  auto shared = std::make_shared<const std::vector<std::pair<group*, payload_ptr>>>(std::move(payloads));
  for (auto& part : parts) {
    part->thread->post([part, version, shared] {
      for (const auto& m : part->members) {
        if (!m->active || (version != 0 && version <= m->start_after)) continue;
        for (const auto& [g, payload] : *shared)
          if (g == m->grp.get()) {
            if (payload) m->sink->next(payload);
            break;
          }
      }
    });
  }
}

void topic_relay::deliver_private(const std::shared_ptr<member>& m, payload_ptr payload) {
  if (!payload || !m->active) return;
  m->part->thread->post([m, payload = std::move(payload)] {
    if (m->active) m->sink->next(payload);
  });
}

}  // namespace streamhub::gateway::api
