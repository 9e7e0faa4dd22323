#include "projections/projection_runtime.hpp"

#include <spdlog/spdlog.h>

namespace streamhub::projections {

projection_runtime::projection_runtime(storage::event_log& log,
                                       projection_runtime_options options)
    : log_(log),
      options_(std::move(options)),
      positions_(std::make_shared<read::applied_positions>()) {
  auto models = options_.models;
  if (models.empty()) {
    for (std::size_t i = 0; i < read::read_model_count; ++i) {
      models.push_back(static_cast<read::read_model>(i));
    }
  }
  for (const auto model : models) {
    projections_.push_back(make_projection(model, options_.read_models));
    projector_options o;
    o.conninfo = options_.conninfo;
    if (auto it = options_.policies.find(model); it != options_.policies.end()) {
      o.on_failure = it->second;
    }
    o.limits = options_.limits;
    o.retry = options_.retry;
    o.on_applied = [positions = positions_, model](log_position p) {
      positions->publish(model, p);
    };
    o.on_status = [model](projector_status status, const std::string& why) {
      const auto name = read::to_string(model);
      if (status == projector_status::halted || status == projector_status::stale) {
        spdlog::error("projection {} {}: {}", name, to_string(status), why);
      } else if (status == projector_status::retrying) {
        spdlog::warn("projection {} will retry: {}", name, why);
      }
    };
    projectors_.push_back(std::make_unique<projector>(*projections_.back(), log_, std::move(o)));
  }
}

projection_runtime::~projection_runtime() { stop(); }

void projection_runtime::start() {
  if (started_) return;
  started_ = true;
  // Registered before the projectors start, so no append can fall between
  // a projector's first read and its first wait.
  listener_id_ = log_.add_listener([this](log_position) {
    for (auto& p : projectors_) p->wake();
  });
  for (auto& p : projectors_) p->start();
}

void projection_runtime::stop() {
  if (!started_) return;
  started_ = false;
  log_.remove_listener(listener_id_);
  for (auto& p : projectors_) p->stop();
}

std::vector<projector_stats> projection_runtime::stats() const {
  std::vector<projector_stats> out;
  out.reserve(projectors_.size());
  for (const auto& p : projectors_) out.push_back(p->stats());
  return out;
}

const projection* projection_runtime::find(std::string_view name) const noexcept {
  for (const auto& p : projections_)
    if (p->name() == name) return p.get();
  return nullptr;
}

result<void> projection_runtime::resume(std::string_view name) {
  for (auto& p : projectors_) {
    if (p->target().name() == name) {
      p->resume();
      return {};
    }
  }
  return error{error_code::not_found, "no projection " + std::string(name)};
}

}  // namespace streamhub::projections
