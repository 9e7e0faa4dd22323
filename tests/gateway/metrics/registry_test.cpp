#include "gateway/metrics/registry.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace streamhub::gateway::metrics {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(registry, exposes_counters_and_gauges_in_text_format) {
  registry reg;
  auto& requests = reg.counters("streamhub_requests_total", "Requests served.", {"route", "code"});
  requests.with({"graphql", "200"}).inc(3);
  requests.with({"healthz", "200"}).inc();
  reg.gauges("streamhub_connections", "Open connections.").with({}).set(7);
  const std::string text = reg.expose();
  EXPECT_TRUE(contains(text, "# HELP streamhub_requests_total Requests served.\n"));
  EXPECT_TRUE(contains(text, "# TYPE streamhub_requests_total counter\n"));
  EXPECT_TRUE(contains(text, "streamhub_requests_total{route=\"graphql\",code=\"200\"} 3\n"));
  EXPECT_TRUE(contains(text, "streamhub_requests_total{route=\"healthz\",code=\"200\"} 1\n"));
  EXPECT_TRUE(contains(text, "# TYPE streamhub_connections gauge\nstreamhub_connections 7\n"));
}

TEST(registry, histograms_are_cumulative_with_sum_and_count) {
  registry reg;
  auto& latency = reg.histograms("op_seconds", "Latency.", {"op"}, {0.1, 1});
  auto& h = latency.with({"q"});
  h.observe(0.05);
  h.observe(0.5);
  h.observe(0.5);
  h.observe(7);
  const std::string text = reg.expose();
  EXPECT_TRUE(contains(text, "# TYPE op_seconds histogram\n"));
  EXPECT_TRUE(contains(text, "op_seconds_bucket{op=\"q\",le=\"0.1\"} 1\n"));
  EXPECT_TRUE(contains(text, "op_seconds_bucket{op=\"q\",le=\"1\"} 3\n"));
  EXPECT_TRUE(contains(text, "op_seconds_bucket{op=\"q\",le=\"+Inf\"} 4\n"));
  EXPECT_TRUE(contains(text, "op_seconds_sum{op=\"q\"} 8.05\n"));
  EXPECT_TRUE(contains(text, "op_seconds_count{op=\"q\"} 4\n"));
}

TEST(registry, label_values_and_help_are_escaped) {
  registry reg;
  reg.counters("c_total", "line\\one\ntwo", {"l"}).with({"a\"b\\c\nd"}).inc();
  const std::string text = reg.expose();
  EXPECT_TRUE(contains(text, "# HELP c_total line\\\\one\\ntwo\n"));
  EXPECT_TRUE(contains(text, "c_total{l=\"a\\\"b\\\\c\\nd\"} 1\n"));
}

TEST(registry, series_beyond_the_cap_share_an_other_series) {
  registry reg;
  auto& ops = reg.counters("ops_total", "Ops.", {"operation"}, /*max_series=*/2);
  ops.with({"a"}).inc();
  ops.with({"b"}).inc();
  ops.with({"c"}).inc();
  ops.with({"d"}).inc();
  const std::string text = reg.expose();
  EXPECT_TRUE(contains(text, "ops_total{operation=\"_other\"} 2\n"));
  EXPECT_FALSE(contains(text, "operation=\"c\""));
}

TEST(registry, collectors_run_at_scrape_time) {
  registry reg;
  int scrapes = 0;
  reg.add_collector([&] {
    ++scrapes;
    return std::vector<collected_family>{
        {"streamhub_projection_lag", "Events behind the log.", metric_kind::gauge,
         {{{{"projection", "timeline"}}, static_cast<double>(scrapes * 10)}}}};
  });
  EXPECT_TRUE(contains(reg.expose(), "streamhub_projection_lag{projection=\"timeline\"} 10\n"));
  EXPECT_TRUE(contains(reg.expose(), "streamhub_projection_lag{projection=\"timeline\"} 20\n"));
}

TEST(registry, updates_from_many_threads_are_not_lost) {
  registry reg;
  auto& c = reg.counters("n_total", "N.").with({});
  auto& h = reg.histograms("h", "H.", {}, {1}).with({});
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 10000; ++i) {
        c.inc();
        h.observe(0.5);
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(c.value(), 40000u);
  EXPECT_EQ(h.count(), 40000u);
  EXPECT_DOUBLE_EQ(h.sum(), 20000.0);
}

}  // namespace
}  // namespace streamhub::gateway::metrics
