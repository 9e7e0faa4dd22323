#include "gateway/metrics/registry.hpp"

#include "gateway/metrics/exposition.hpp"

namespace streamhub::gateway::metrics {
namespace {

using label_list = std::vector<std::pair<std::string_view, std::string_view>>;

label_list zip(const std::vector<std::string>& names, const std::vector<std::string>& values) {
  label_list out;
  for (std::size_t i = 0; i < names.size() && i < values.size(); ++i) out.emplace_back(names[i], values[i]);
  return out;
}

template <class Instrument, class Make>
family<Instrument>& find_or_add(std::map<std::string, std::unique_ptr<family<Instrument>>>& families,
                                std::string name, std::string help,
                                std::vector<std::string> label_names, std::size_t max_series,
                                Make make) {
  auto& slot = families[name];
  if (!slot) {
    const bool unlabelled = label_names.empty();
    slot = std::make_unique<family<Instrument>>(std::move(name), std::move(help),
                                                std::move(label_names), max_series, std::move(make));
    if (unlabelled) slot->with({});  // so an unlabelled family exposes its 0
  }
  return *slot;
}

void expose_histogram(std::string& out, const family<histogram>& fam) {
  write_header(out, fam.name(), fam.help(), "histogram");
  const std::string bucket_name = fam.name() + "_bucket";
  const std::string sum_name = fam.name() + "_sum";
  const std::string count_name = fam.name() + "_count";
  fam.for_each([&](const std::vector<std::string>& values, const histogram& h) {
    label_list labels = zip(fam.label_names(), values);
    std::uint64_t cumulative = 0;
    const auto& bounds = h.upper_bounds();
    for (std::size_t i = 0; i <= bounds.size(); ++i) {
      cumulative += h.bucket_count(i);
      const std::string le = i < bounds.size() ? format_value(bounds[i]) : "+Inf";
      label_list with_le = labels;
      with_le.emplace_back("le", le);
      write_sample(out, bucket_name, with_le, static_cast<double>(cumulative));
    }
    write_sample(out, sum_name, labels, h.sum());
    write_sample(out, count_name, labels, static_cast<double>(cumulative));
  });
}

}  // namespace

family<counter>& registry::counters(std::string name, std::string help,
                                    std::vector<std::string> label_names, std::size_t max_series) {
  std::lock_guard lock(mutex_);
  return find_or_add(counters_, std::move(name), std::move(help), std::move(label_names), max_series,
                     [] { return std::make_unique<counter>(); });
}

family<gauge>& registry::gauges(std::string name, std::string help,
                                std::vector<std::string> label_names, std::size_t max_series) {
  std::lock_guard lock(mutex_);
  return find_or_add(gauges_, std::move(name), std::move(help), std::move(label_names), max_series,
                     [] { return std::make_unique<gauge>(); });
}

family<histogram>& registry::histograms(std::string name, std::string help,
                                        std::vector<std::string> label_names,
                                        std::vector<double> buckets, std::size_t max_series) {
  std::lock_guard lock(mutex_);
  return find_or_add(histograms_, std::move(name), std::move(help), std::move(label_names),
                     max_series,
                     [buckets = std::move(buckets)] { return std::make_unique<histogram>(buckets); });
}

void registry::add_collector(collector fn) {
  std::lock_guard lock(mutex_);
  collectors_.push_back(std::move(fn));
}

std::string registry::expose() const {
  std::vector<collector> collectors;
  std::string out;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [name, fam] : counters_) {
      write_header(out, name, fam->help(), "counter");
      fam->for_each([&](const std::vector<std::string>& values, const counter& c) {
        write_sample(out, name, zip(fam->label_names(), values), static_cast<double>(c.value()));
      });
    }
    for (const auto& [name, fam] : gauges_) {
      write_header(out, name, fam->help(), "gauge");
      fam->for_each([&](const std::vector<std::string>& values, const gauge& g) {
        write_sample(out, name, zip(fam->label_names(), values), static_cast<double>(g.value()));
      });
    }
    for (const auto& [name, fam] : histograms_) expose_histogram(out, *fam);
    collectors = collectors_;
  }
  // Collectors run outside the registry lock: they may be slow-ish or take
  // their own locks.
  for (const collector& collect : collectors) {
    for (const collected_family& fam : collect()) {
      write_header(out, fam.name, fam.help, fam.kind == metric_kind::counter ? "counter" : "gauge");
      for (const sample& s : fam.samples) {
        label_list labels;
        for (const auto& [label, value] : s.labels) labels.emplace_back(label, value);
        write_sample(out, fam.name, labels, s.value);
      }
    }
  }
  return out;
}

}  // namespace streamhub::gateway::metrics
