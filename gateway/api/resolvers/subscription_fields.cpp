// Subscription root fields: chatMessages and streamEvents (entity events
// through the node's relays, resumable with `after`), viewerCount (the
// channel's ephemeral count), notifications (the viewer's live
// notifications).
#include <atomic>
#include <deque>

#include "actors/notifications/notification_subscriber.hpp"
#include "gateway/api/relay/relay_hub.hpp"
#include "gateway/api/relay/serial_executor.hpp"
#include "gateway/api/resolvers/bindings.hpp"
#include "gateway/api/resolvers/resolver_support.hpp"
#include "gateway/api/subscription_renderer.hpp"
#include "protocol/graphql/document.hpp"

namespace streamhub::gateway::api {

namespace {

using graphql::field_call;
using graphql::value;

// Fields whose value depends on who is asking: a document selecting one
// cannot share its renders with other viewers.
bool viewer_dependent(const graphql::prepared_operation& op) {
  const auto text = op.doc()->source();
  for (std::string_view field : {"viewerIsFollowing", "viewerSubscription", "email", "blockedLogins", "me"})
    if (text.find(field) != std::string_view::npos) return true;
  return false;
}

std::string group_key(const request_context& ctx) {
  std::string key = std::to_string(reinterpret_cast<std::uintptr_t>(ctx.op.get()));
  key += '\n';
  key += ctx.variables_text;
  if (viewer_dependent(*ctx.op)) {
    key += '\n';
    key += ctx.viewer;
  }
  return key;
}

// Joins the relay of `stream` for the current subscription request.
graphql::subscribe_result join_relay(const field_call& c, const std::string& stream,
                                     subscription_renderer::event_mapper events,
                                     subscription_renderer::viewers_mapper viewers,
                                     std::function<void()> on_leave) {
  auto& ctx = context_of(c);
  std::optional<event_number> after;
  if (auto cursor = c.args().get_string("after")) {
    after = parse_cursor(*cursor);
    if (!after) return bad_input("after is not a cursor");
  }
  topic_relay::join_request r;
  r.group_key = group_key(ctx);
  r.make_renderer = [&ctx, events = std::move(events), viewers = std::move(viewers)] {
    return std::make_shared<subscription_renderer>(ctx.services, ctx.auth, ctx.op, ctx.variables, events,
                                                   viewers);
  };
  r.sink = ctx.sink;
  r.thread = ctx.auth.thread;
  r.after = after;
  r.on_leave = std::move(on_leave);
  return std::static_pointer_cast<void>(ctx.services.relays.join(stream, std::move(r)));
}

graphql::subscribe_result chat_messages(const field_call& c) {
  auto channel = login_arg(c, "channel");
  if (!channel) return to_field_error(channel.err());
  // A refused subscription (a malformed `after`) must not count as a viewer:
  // it would never leave. A started one counts from before it joins, since
  // its leave may reach the channel before anything sent after the join.
  if (auto cursor = c.args().get_string("after"); cursor && !parse_cursor(*cursor))
    return bad_input("after is not a cursor");
  auto& runtime = context_of(c).services.runtime;
  runtime.viewer_joined(*channel);  // Watching the chat counts as viewing.
  return join_relay(c, domain::chat_stream(*channel),
                    [](const actors::published_event& e) { return chat_event_value(e); }, {},
                    [&runtime, channel = *channel] { runtime.viewer_left(channel); });
}

graphql::subscribe_result stream_events(const field_call& c) {
  auto channel = login_arg(c, "channel");
  if (!channel) return to_field_error(channel.err());
  return join_relay(c, domain::channel_stream(*channel),
                    [](const actors::published_event& e) { return stream_event_value(e); }, {}, {});
}

graphql::subscribe_result viewer_count(const field_call& c) {
  auto channel = login_arg(c, "channel");
  if (!channel) return to_field_error(channel.err());
  return join_relay(c, domain::channel_stream(*channel), {},
                    [channel = *channel](std::uint64_t viewers) {
                      graphql::property_object o;
                      o.add("channel", channel_value(channel));
                      o.add("viewers", value(viewers));
                      return value::properties(std::move(o), "ViewerCount");
                    },
                    {});
}

// The Notification object for a recipient of `event`; null when the event
// notifies nobody.
value notification_value(std::string_view recipient, const actors::published_event& event) {
  const auto& env = event.envelope;
  const auto* ce = std::get_if<domain::channel_event>(&event.event);
  if (!ce) return value();
  const std::string channel = env.stream_id.substr(env.stream_id.find(':') + 1);
  std::string kind, text;
  value actor;
  if (const auto* e = std::get_if<domain::stream_went_live>(ce)) {
    kind = "STREAM_LIVE";
    text = channel + " went live: " + e->title;
  } else if (const auto* f = std::get_if<domain::follower_added>(ce)) {
    kind = "NEW_FOLLOWER";
    text = f->user + " followed you";
    actor = user_value(f->user);
  } else if (const auto* r = std::get_if<domain::raid_received>(ce)) {
    kind = "RAID_INCOMING";
    text = r->source + " is raiding with " + std::to_string(r->viewers) + " viewers";
    actor = user_value(r->source);
  } else if (const auto* s = std::get_if<domain::subscription_added>(ce)) {
    kind = "NEW_SUBSCRIPTION";
    const std::string who = s->gifter ? *s->gifter : s->user;
    text = s->gifted ? who + " gifted a tier " + std::to_string(s->tier) + " subscription to " + s->user
                     : s->user + " subscribed at tier " + std::to_string(s->tier);
    actor = user_value(who);
  } else {
    return value();
  }
  graphql::property_object o;
  o.add("id", value(std::string(recipient) + ":" + std::to_string(env.position)));
  o.add("kind", value(kind));
  o.add("channel", channel_value(channel));
  o.add("actor", std::move(actor));
  o.add("text", value(std::move(text)));
  o.add("createdAt", time_value(env.timestamp_us));
  o.add("read", value(false));
  o.add("position", value(std::to_string(env.position)));
  return value::properties(std::move(o), "Notification");
}

// One viewer's live notifications: rendered one at a time, in order. The
// queue lives in a serial executor, and a render's completion is posted
// back into it, because a render may complete on the thread that started
// it: completing in place, under a lock that thread already held, hung the
// fan-out thread after its first notification.
class notification_stream final : public actors::notification_subscriber,
                                  public membership,
                                  public std::enable_shared_from_this<notification_stream> {
 public:
  notification_stream(actors::runtime& runtime, std::string login,
                      std::shared_ptr<subscription_renderer> renderer,
                      std::shared_ptr<subscription_sink> sink)
      : runtime_(runtime), login_(std::move(login)), renderer_(std::move(renderer)), sink_(std::move(sink)) {}

  void start() { id_ = runtime_.subscribe_notifications(login_, shared_from_this()); }

  bool on_notification(std::string_view recipient, const actors::published_event_ptr& event) override {
    if (cancelled_) return false;
    auto v = notification_value(recipient, *event);
    if (v.is_null()) return true;
    exec_.post([self = shared_from_this(), v = std::move(v)]() mutable {
      self->queue_.push_back(std::move(v));
      if (!self->busy_) self->render_next();
    });
    return true;
  }

  void cancel() noexcept override {
    if (cancelled_.exchange(true)) return;
    runtime_.unsubscribe_notifications(login_, id_);
  }

 private:
  void render_next() {  // in exec_
    if (queue_.empty()) {
      busy_ = false;
      return;
    }
    busy_ = true;
    auto v = std::move(queue_.front());
    queue_.pop_front();
    renderer_->render_value(std::move(v), [self = shared_from_this()](payload_ptr p) {
      self->exec_.post([self, p = std::move(p)]() mutable {
        if (p && !self->cancelled_) self->sink_->next(std::move(p));
        self->render_next();
      });
    });
  }

  actors::runtime& runtime_;
  std::string login_;
  std::shared_ptr<subscription_renderer> renderer_;
  std::shared_ptr<subscription_sink> sink_;
  std::uint64_t id_ = 0;
  std::atomic<bool> cancelled_{false};
  serial_executor exec_;
  // Touched only inside exec_ tasks.
  std::deque<value> queue_;
  bool busy_ = false;
};

graphql::subscribe_result notifications(const field_call& c) {
  auto& ctx = context_of(c);
  if (!ctx.logged_in()) return unauthenticated();
  auto renderer = std::make_shared<subscription_renderer>(ctx.services, ctx.auth, ctx.op, ctx.variables,
                                                          subscription_renderer::event_mapper{});
  auto stream = std::make_shared<notification_stream>(ctx.services.runtime, ctx.viewer, renderer, ctx.sink);
  stream->start();
  return std::static_pointer_cast<void>(std::shared_ptr<membership>(stream));
}

}  // namespace

result<void> bind_subscription_fields(graphql::resolver_map& map) {
  const result<void> steps[] = {
      map.bind_subscription("chatMessages", chat_messages),
      map.bind_subscription("streamEvents", stream_events),
      map.bind_subscription("viewerCount", viewer_count),
      map.bind_subscription("notifications", notifications),
  };
  for (const auto& step : steps)
    if (!step) return step;
  return {};
}

}  // namespace streamhub::gateway::api
