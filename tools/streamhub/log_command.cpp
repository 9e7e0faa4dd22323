// `streamhub log`: prints the events of a data directory's log as JSON lines
// (protocol/event_json.hpp), read-only, safe while the server runs.
// `--follow` keeps printing new events until SIGINT or SIGTERM.
// `streamhub log stats`: counts by type, streams, events and bytes.

#include <cstdio>
#include <memory>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "protocol/event_json.hpp"
#include "tools/streamhub/commands.hpp"
#include "tools/streamhub/event_filter.hpp"
#include "tools/streamhub/log_stats.hpp"
#include "tools/streamhub/read_only_log.hpp"
#include "tools/streamhub/signals.hpp"

namespace streamhub::tools {

namespace {

struct log_options {
  event_filter filter;
  std::optional<std::size_t> limit;
  bool follow = false;
  bool stats = false;
  bool stats_json = false;
};

/// How long a follower waits for new events before checking for a signal.
constexpr std::chrono::milliseconds kFollowSlice{250};

int fail(const error& e) {
  spdlog::error("streamhub log: {}", e.message);
  return 1;
}

/// Writes events as JSON lines to stdout, up to an optional limit.
struct printer {
  std::optional<std::size_t> limit;
  std::size_t printed = 0;

  bool done() const { return limit && printed >= *limit; }
  /// Prints `e`; returns whether more may be printed.
  bool operator()(const event_envelope& e) {
    if (done()) return false;
    const std::string line = to_json(e);
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fputc('\n', stdout);
    ++printed;
    return !done();
  }
};

int run_log(const common_options& common, const log_options& options) {
  if (options.follow) block_shutdown_signals();  // before the log starts threads
  auto opened = read_only_log::open(common.events_dir());
  if (!opened) return fail(opened.err());
  auto& log = opened->log();
  const event_filter& filter = options.filter;

  if (options.stats) {
    auto stats = collect_stats(log, filter, common.events_dir());
    if (!stats) return fail(stats.err());
    const std::string text =
        options.stats_json ? format_stats_json(*stats) + "\n" : format_stats_table(*stats);
    std::fwrite(text.data(), 1, text.size(), stdout);
    return 0;
  }

  printer print{options.limit};
  const log_position head = log.head_position();
  auto last = scan_matching(log, filter, std::ref(print));
  if (!last) return fail(last.err());
  std::fflush(stdout);
  if (!options.follow) return 0;

  // New events, from the whole log (a stream's index would be re-read from
  // its start), filtered on the way.
  log_position next = std::max({filter.from, head + 1, *last + 1});
  while (!shutdown_requested() && !print.done() && !filter.past_end(next)) {
    if (!log.wait_for(next, kFollowSlice)) continue;
    auto scanned = log.scan_all(next, SIZE_MAX, [&](const event_envelope& e) {
      next = e.position + 1;
      if (filter.past_end(e.position)) return false;
      return !filter.matches(e) || print(e);
    });
    if (!scanned) return fail(scanned.err());
    std::fflush(stdout);
  }
  return 0;
}

}  // namespace

void add_log_command(CLI::App& app, const common_options& common, command_runner& run) {
  auto options = std::make_shared<log_options>();
  CLI::App* cmd = app.add_subcommand(
      "log", "Print the event log as JSON lines (read-only; works while the server runs)");
  cmd->fallthrough();
  cmd->add_option("--stream", options->filter.stream, "Only this stream (entity id)");
  cmd->add_option("--type", options->filter.types,
                  "Only this event type; repeatable; 'chat.*' matches a prefix");
  cmd->add_option("--from", options->filter.from, "First log position")->check(CLI::PositiveNumber);
  cmd->add_option("--to", options->filter.to, "Last log position");
  cmd->add_option("--limit", options->limit, "Print at most N events");
  cmd->add_flag("--follow,-f", options->follow, "Keep printing new events until interrupted");
  CLI::App* stats = cmd->add_subcommand("stats", "Counts by type, streams, events and bytes");
  stats->fallthrough();
  stats->add_flag("--json", options->stats_json, "One JSON object instead of a table");
  stats->callback([options] { options->stats = true; });
  cmd->callback([&common, &run, options] {
    run = [&common, options] { return run_log(common, *options); };
  });
}

}  // namespace streamhub::tools
