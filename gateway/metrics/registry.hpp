#pragma once
// A small Prometheus registry: metric families with labels, pull-style
// collectors, and the text exposition format 0.0.4.
//
// Hot paths look a series up once (family::with, which locks) and keep the
// reference: series live as long as the registry. Lower layers that keep
// plain stats structs register a collector that turns them into samples at
// scrape time.

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/metrics/instruments.hpp"

namespace streamhub::gateway::metrics {

enum class metric_kind { counter, gauge, histogram };

/// One series of a family: label values in the family's label order.
template <class Instrument>
class family {
 public:
  using factory = std::function<std::unique_ptr<Instrument>()>;

  family(std::string name, std::string help, std::vector<std::string> label_names,
         std::size_t max_series, factory make)
      : name_(std::move(name)),
        help_(std::move(help)),
        label_names_(std::move(label_names)),
        max_series_(max_series),
        make_(std::move(make)) {}

  /// The series for `label_values` (one per label name), created on first
  /// use. Past `max_series` distinct series, new label sets share one series
  /// whose every label is "_other", bounding cardinality when a label comes
  /// from clients (operation names). Thread-safe; the reference stays valid.
  Instrument& with(const std::vector<std::string>& label_values) {
    std::lock_guard lock(mutex_);
    auto it = series_.find(label_values);
    if (it != series_.end()) return *it->second;
    if (series_.size() >= max_series_) {
      std::vector<std::string> other(label_names_.size(), "_other");
      auto& slot = series_[other];
      if (!slot) slot = make_();
      return *slot;
    }
    auto& slot = series_[label_values];
    slot = make_();
    return *slot;
  }

  const std::string& name() const noexcept { return name_; }
  const std::string& help() const noexcept { return help_; }
  const std::vector<std::string>& label_names() const noexcept { return label_names_; }

  /// Calls fn(label_values, instrument) for each series under the lock.
  template <class Fn>
  void for_each(Fn&& fn) const {
    std::lock_guard lock(mutex_);
    for (const auto& [labels, instrument] : series_) fn(labels, *instrument);
  }

 private:
  std::string name_;
  std::string help_;
  std::vector<std::string> label_names_;
  std::size_t max_series_;
  factory make_;
  mutable std::mutex mutex_;
  std::map<std::vector<std::string>, std::unique_ptr<Instrument>> series_;
};

/// A sample produced by a collector.
struct sample {
  std::vector<std::pair<std::string, std::string>> labels;
  double value = 0;
};

/// A counter or gauge family produced by a collector at scrape time.
struct collected_family {
  std::string name;
  std::string help;
  metric_kind kind = metric_kind::gauge;
  std::vector<sample> samples;
};

/// Called at every scrape, on the scraping thread; must be quick and
/// thread-safe with respect to what it reads.
using collector = std::function<std::vector<collected_family>()>;

/// Thread-safe. Family names must be unique and valid Prometheus names;
/// registering a name twice returns the existing family.
class registry {
 public:
  static constexpr std::size_t default_max_series = 1000;

  family<counter>& counters(std::string name, std::string help,
                            std::vector<std::string> label_names = {},
                            std::size_t max_series = default_max_series);
  family<gauge>& gauges(std::string name, std::string help,
                        std::vector<std::string> label_names = {},
                        std::size_t max_series = default_max_series);
  family<histogram>& histograms(std::string name, std::string help,
                                std::vector<std::string> label_names, std::vector<double> buckets,
                                std::size_t max_series = default_max_series);

  void add_collector(collector fn);

  /// Every family and every collector's output in text format 0.0.4.
  std::string expose() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::unique_ptr<family<counter>>> counters_;
  std::map<std::string, std::unique_ptr<family<gauge>>> gauges_;
  std::map<std::string, std::unique_ptr<family<histogram>>> histograms_;
  std::vector<collector> collectors_;
};

}  // namespace streamhub::gateway::metrics
