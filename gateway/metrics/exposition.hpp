#pragma once
// Pieces of the Prometheus text exposition format 0.0.4:
//
//   # HELP <name> <help, with \ and newline escaped>
//   # TYPE <name> counter|gauge|histogram
//   <name>{<label>="<value, with \ " and newline escaped>",...} <value>
//
// Values are printed as integers when integral, else in shortest round-trip
// form; +Inf, -Inf and NaN as Prometheus spells them.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace streamhub::gateway::metrics {

void write_header(std::string& out, std::string_view name, std::string_view help,
                  std::string_view type);

/// One sample line. `labels` are (name, value) pairs written in order.
void write_sample(std::string& out, std::string_view name,
                  const std::vector<std::pair<std::string_view, std::string_view>>& labels,
                  double value);

std::string format_value(double value);

}  // namespace streamhub::gateway::metrics
