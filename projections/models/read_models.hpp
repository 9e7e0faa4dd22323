#pragma once
// The projections, one per read model. Their tables, keys, indexes and the
// events that write them are described in projections/READ_MODELS.md.

#include <cstdint>
#include <memory>
#include <vector>

#include "projections/projection.hpp"
#include "projections/read/read_model.hpp"

namespace streamhub::projections {

struct read_model_options {
  /// An author with more followers than this is not fanned out: a post is
  /// written to the posts table only, and merged into home timelines when
  /// they are read.
  std::uint64_t fanout_threshold = 10'000;
};

std::unique_ptr<projection> make_users_projection();
std::unique_ptr<projection> make_channels_projection();
std::unique_ptr<projection> make_chat_projection();
std::unique_ptr<projection> make_notifications_projection();
std::unique_ptr<projection> make_timelines_projection(std::uint64_t fanout_threshold);
std::unique_ptr<projection> make_subscriptions_projection();
std::unique_ptr<projection> make_analytics_projection();

/// The projection of `model`.
std::unique_ptr<projection> make_projection(read::read_model model,
                                            const read_model_options& options = {});

}  // namespace streamhub::projections
