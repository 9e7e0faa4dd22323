#pragma once
// The parts of a running server, stopped in the reverse order they were
// started: what started last depends on what started before it.
//
// Thread-safety: none; owned by the thread that starts the server.

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <spdlog/spdlog.h>

namespace streamhub::tools {

class component_stack {
 public:
  component_stack() = default;
  component_stack(const component_stack&) = delete;
  component_stack& operator=(const component_stack&) = delete;
  ~component_stack() { stop_all(); }

  /// Records a started component and how to stop it.
  void push(std::string name, std::function<void()> stop) {
    spdlog::info("started {}", name);
    components_.emplace_back(std::move(name), std::move(stop));
  }

  /// Stops every component, last started first.
  void stop_all() {
    while (!components_.empty()) {
      auto [name, stop] = std::move(components_.back());
      components_.pop_back();
      stop();
      spdlog::info("stopped {}", name);
    }
  }

 private:
  std::vector<std::pair<std::string, std::function<void()>>> components_;
};

}  // namespace streamhub::tools
