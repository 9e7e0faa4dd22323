// `streamhub replay --projection NAME|all [--from POS] [--verify] [--pg URL]`:
// rebuilds read models from a data directory's log into fresh tables and
// swaps them in (projections/replay.hpp), beside a server that keeps serving:
// the log is opened as a read-only follower, and the embedded PostgreSQL is
// joined when the server runs it (started, then stopped, when none runs).
// An interrupted replay resumes where it stopped when run again. `all`
// reads the log once for every projection (replay_projections), then swaps
// each in.
//
// Progress goes to stderr: a bar with rate and ETA on a terminal, a plain
// line every few seconds otherwise. A summary per projection goes to stdout.
// `--verify` instead compares the live tables with the log; exit code 1
// when any differs.

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "projections/models/read_models.hpp"
#include "projections/pg/database_config.hpp"
#include "projections/pg/migrations.hpp"
#include "projections/replay.hpp"
#include "tools/streamhub/commands.hpp"
#include "tools/streamhub/read_only_log.hpp"

namespace streamhub::tools {
namespace {

using clock = std::chrono::steady_clock;

struct replay_cli_options {
  std::string projection;
  log_position from = 0;
  bool verify = false;
  bool fresh = false;
  std::string on_failure = "halt";
  std::optional<std::string> pg_url;
};

/// Draws one projection's progress on stderr: a bar redrawn in place on a
/// terminal, a line every few seconds otherwise.
class progress_display {
 public:
  progress_display(std::string name, bool terminal)
      : name_(std::move(name)), terminal_(terminal), start_(clock::now()) {}

  void update(const projections::rebuild_progress& p, log_position started_at) {
    const auto now = clock::now();
    const auto interval = terminal_ ? std::chrono::milliseconds{100} : std::chrono::seconds{5};
    if (now - last_draw_ < interval && p.position < p.until) return;
    last_draw_ = now;
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    const double done = static_cast<double>(p.position - started_at);
    const double total = static_cast<double>(p.until > started_at ? p.until - started_at : 0);
    const double rate = elapsed > 0 ? done / elapsed : 0;
    const double fraction = total > 0 ? done / total : 1;
    const double eta = rate > 0 ? (total - done) / rate : 0;
    if (terminal_) {
      constexpr int width = 30;
      const int filled = static_cast<int>(fraction * width);
      std::string bar(static_cast<std::size_t>(filled), '#');
      bar.resize(width, '.');
      std::fprintf(stderr, "\r%-13s [%s] %5.1f%% %" PRIu64 "/%" PRIu64 "  %.0f events/s  ETA %s ",
                   name_.c_str(), bar.c_str(), fraction * 100, p.position, p.until, rate,
                   duration(eta).c_str());
      drawn_ = true;
    } else {
      std::fprintf(stderr, "%s: %" PRIu64 "/%" PRIu64 " (%.1f%%), %.0f events/s, ETA %s\n",
                   name_.c_str(), p.position, p.until, fraction * 100, rate,
                   duration(eta).c_str());
    }
    std::fflush(stderr);
  }

  /// update() for a replay, which may resume where an earlier one stopped:
  /// its rate and ETA count from where the first progress says it started.
  void track(const projections::rebuild_progress& p) {
    if (!started_at_) started_at_ = p.position - p.events_read;
    update(p, *started_at_);
  }

  /// Ends the bar's line, if one was drawn.
  void finish() {
    if (drawn_) std::fputc('\n', stderr);
    drawn_ = false;
  }

  static std::string duration(double seconds) {
    const auto s = static_cast<long long>(seconds + 0.5);
    char text[32];
    std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
    return text;
  }

 private:
  std::string name_;
  bool terminal_;
  clock::time_point start_;
  clock::time_point last_draw_{};
  bool drawn_ = false;
  std::optional<log_position> started_at_;
};

double per_second(std::uint64_t count, double seconds) {
  return seconds > 0 ? static_cast<double>(count) / seconds : 0;
}

int report_failure(std::string_view name, const error& e) {
  spdlog::error("streamhub replay: {}: {}", name, e.message);
  return 1;
}

void print_summary(const std::string& name, const projections::replay_summary& s) {
  std::printf("%s: %s%" PRIu64 " events (%" PRIu64 " applied, %" PRIu64
              " dead letters) from position %" PRIu64 " to %" PRIu64 ", %" PRIu64
              " rows, %.1f s, %.0f events/s; swapped in\n",
              name.c_str(), s.resumed ? "resumed, " : "", s.progress.events_read,
              s.progress.events_applied, s.progress.dead_letters, s.started_at, s.position, s.rows,
              s.seconds, per_second(s.progress.events_read, s.seconds));
}

int replay_one(const projections::projection& p, const storage::event_log& log,
               projections::replay_options options, bool terminal) {
  const std::string name(p.name());
  progress_display display(name, terminal);
  options.on_progress = [&display](const projections::rebuild_progress& progress) { display.track(progress); };
  auto summary = projections::replay_projection(p, log, options);
  display.finish();
  if (!summary) return report_failure(name, summary.err());
  print_summary(name, *summary);
  return 0;
}

// Every projection in `models` from one read of the log.
int replay_together(const std::vector<projections::read::read_model>& models,
                    const storage::event_log& log, projections::replay_options options,
                    bool terminal) {
  std::vector<std::unique_ptr<projections::projection>> owned;
  std::vector<const projections::projection*> targets;
  for (const auto model : models) {
    owned.push_back(projections::make_projection(model));
    targets.push_back(owned.back().get());
  }
  progress_display display("all", terminal);
  options.on_progress = [&display](const projections::rebuild_progress& progress) { display.track(progress); };
  const auto results = projections::replay_projections(targets, log, options);
  display.finish();
  int exit_code = 0;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const std::string name(targets[i]->name());
    if (!results[i]) {
      exit_code = report_failure(name, results[i].err());
      continue;
    }
    print_summary(name, *results[i]);
  }
  return exit_code;
}

int verify_one(const projections::projection& p, const storage::event_log& log,
               projections::replay_options options, bool terminal) {
  const std::string name(p.name());
  progress_display display(name + " verify", terminal);
  options.on_progress = [&](const projections::rebuild_progress& progress) {
    display.update(progress, 0);
  };
  auto report = projections::verify_projection(p, log, options);
  display.finish();
  if (!report) return report_failure(name, report.err());
  if (report->clean()) {
    std::printf("%s: no difference at position %" PRIu64 " (%" PRIu64 " tables, %" PRIu64
                " rows, %.1f s)\n",
                name.c_str(), report->position, report->tables, report->rows, report->seconds);
    return 0;
  }
  std::printf("%s: DIFFERENT at position %" PRIu64 "\n", name.c_str(), report->position);
  for (const auto& d : report->differences) {
    std::printf("  %s: %" PRIu64 " rows missing, %" PRIu64 " unexpected\n", d.table.c_str(),
                d.missing, d.unexpected);
    for (const auto& sample : d.samples) std::printf("    %s\n", sample.c_str());
  }
  return 1;
}

int run_replay(const common_options& common, const replay_cli_options& cli) {
  std::vector<projections::read::read_model> models;
  if (cli.projection == "all") {
    for (std::size_t i = 0; i < projections::read::read_model_count; ++i) {
      models.push_back(static_cast<projections::read::read_model>(i));
    }
  } else if (auto model = projections::read::read_model_named(cli.projection)) {
    models.push_back(*model);
  } else {
    spdlog::error("streamhub replay: no projection '{}'", cli.projection);
    return 2;
  }
  auto opened = read_only_log::open(common.events_dir());
  if (!opened) return report_failure("log", opened.err());
  auto& log = opened->log();
  auto database = projections::open_shared_database(
      projections::resolve_database_config(common.data_dir, cli.pg_url));
  if (!database) return report_failure("database", database.err());
  if (auto migrated = projections::apply_migrations(database->conninfo()); !migrated) {
    return report_failure("database", migrated.err());
  }

  projections::replay_options options;
  options.conninfo = database->conninfo();
  options.from = cli.from;
  options.fresh = cli.fresh;
  options.on_failure = cli.on_failure == "dead_letter" ? projections::failure_policy::dead_letter
                                                       : projections::failure_policy::halt;
  options.head = [&log] {
    if (auto caught = log.catch_up(); !caught) spdlog::warn("{}", caught.err().message);
    return log.head_position();
  };
  const bool terminal = ::isatty(STDERR_FILENO) != 0;
  if (!cli.verify && models.size() > 1) return replay_together(models, log, options, terminal);
  int exit_code = 0;
  for (const auto model : models) {
    auto p = projections::make_projection(model);
    const int code = cli.verify ? verify_one(*p, log, options, terminal)
                                : replay_one(*p, log, options, terminal);
    exit_code = std::max(exit_code, code);
  }
  return exit_code;
}

}  // namespace

void add_replay_command(CLI::App& app, const common_options& common, command_runner& run) {
  auto cli = std::make_shared<replay_cli_options>();
  auto* cmd = app.add_subcommand(
      "replay", "Rebuild read models from the event log and swap them in, or verify them");
  cmd->add_option("--projection", cli->projection,
                  "users, channels, chat, notifications, timelines, subscriptions, analytics, "
                  "or all")
      ->required();
  cmd->add_option("--from", cli->from,
                  "First log position a new rebuild applies (default: the whole log)");
  cmd->add_flag("--verify", cli->verify,
                "Compare the live tables with the log instead; exit code 1 on a difference");
  cmd->add_flag("--fresh", cli->fresh, "Discard an interrupted rebuild instead of resuming it");
  cmd->add_option("--on-failure", cli->on_failure, "An event that fails: halt or dead_letter")
      ->check(CLI::IsMember({"halt", "dead_letter"}))
      ->capture_default_str();
  cmd->add_option("--pg", cli->pg_url,
                  "PostgreSQL URL (default: $STREAMHUB_PG, else the data directory's cluster)");
  cmd->callback([&common, &run, cli] { run = [&common, cli] { return run_replay(common, *cli); }; });
}

}  // namespace streamhub::tools
