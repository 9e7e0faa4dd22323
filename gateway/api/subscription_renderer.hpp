#pragma once
// Renders a subscription's document for one event: the event becomes the
// root value and the prepared operation runs with the subscription's
// variables, on the renderer's own serial executor (resolvers that look
// something up continue there). One renderer per group of identical
// subscriptions (see relay/topic_relay.hpp).

#include <functional>
#include <memory>

#include "gateway/api/relay/topic_relay.hpp"
#include "gateway/api/request_context.hpp"

namespace streamhub::gateway::api {

class subscription_renderer final : public event_renderer {
 public:
  /// Maps an event to the subscription field's value; null skips it.
  using event_mapper = std::function<graphql::value(const actors::published_event&)>;
  /// Maps a viewer count to the field's value (viewerCount subscriptions).
  using viewers_mapper = std::function<graphql::value(std::uint64_t)>;

  subscription_renderer(api_services& services, auth_context auth,
                        std::shared_ptr<const graphql::prepared_operation> op,
                        std::shared_ptr<const graphql::variable_values> variables, event_mapper events,
                        viewers_mapper viewers = {});

  void render(const actors::published_event_ptr& event, render_callback done) override;
  bool renders_viewer_counts() const noexcept override { return static_cast<bool>(viewers_); }
  void render_viewers(std::uint64_t viewers, render_callback done) override;

  /// Executes the operation with `root` as the event.
  void render_value(graphql::value root, render_callback done);

 private:
  api_services& services_;
  auth_context auth_;
  std::shared_ptr<const graphql::prepared_operation> op_;
  std::shared_ptr<const graphql::variable_values> variables_;
  event_mapper events_;
  viewers_mapper viewers_;
  std::shared_ptr<serial_executor> exec_ = std::make_shared<serial_executor>();
};

}  // namespace streamhub::gateway::api
