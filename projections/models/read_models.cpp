#include "projections/models/read_models.hpp"

namespace streamhub::projections {

std::unique_ptr<projection> make_projection(read::read_model model,
                                            const read_model_options& options) {
  switch (model) {
    case read::read_model::users: return make_users_projection();
    case read::read_model::channels: return make_channels_projection();
    case read::read_model::chat: return make_chat_projection();
    case read::read_model::notifications: return make_notifications_projection();
    case read::read_model::timelines: return make_timelines_projection(options.fanout_threshold);
    case read::read_model::subscriptions: return make_subscriptions_projection();
    case read::read_model::analytics: return make_analytics_projection();
  }
  return nullptr;
}

}  // namespace streamhub::projections
