// bench_actors_activation: activating many entity actors from a big log.
//
//   bench_actors_activation --dir /var/tmp/activation-log --entities 1000000
//
// The log (users with --events-per-entity events each: registration,
// profile, posts, blocks, a session, a notification mark) is written once,
// in large concurrent appends, and kept in --dir: a rerun with the same
// figures finds the marker file and skips generation.
//
// Modes:
//   activate  one read per user through the runtime (actors::runtime::read_user),
//             at most --concurrency in flight, until every read answered:
//             each read activates a fresh actor that rebuilds from the log.
//   rebuild   the same rebuilds without actors (actors::rebuild on
//             --threads plain threads): the floor set by the log and the
//             payload decoding.

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <semaphore>

#include <CLI/CLI.hpp>

#include "actors/runtime.hpp"
#include "actors/runtime/rebuild.hpp"
#include "protocol/domain/event_codec.hpp"
#include "storage/rocksdb_event_log.hpp"
#include "tools/bench/actor_bench_support.hpp"

namespace {

using namespace streamhub;
using namespace streamhub::bench;

struct config {
  std::filesystem::path dir = "activation-log";
  std::size_t entities = 1'000'000;
  std::size_t events_per_entity = 10;
  std::size_t concurrency = 10'000;
  std::size_t threads = default_threads();
  std::vector<std::string> modes{"activate"};
};

std::string login_of(std::size_t i) {
  std::string s = std::to_string(i);
  return "u" + std::string(s.size() < 7 ? 7 - s.size() : 0, '0') + s;
}

// The user's history: always starts with its registration.
std::vector<storage::proposed_event> history_of(const std::string& login, std::size_t count) {
  using namespace domain;
  const std::string hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
  std::vector<user_event> events{user_registered{login, login + "@example.org", login, hash}};
  for (std::size_t k = 1; events.size() < count; ++k) {
    const auto n = std::to_string(k);
    switch (k % 9) {
      case 1: events.push_back(profile_updated{"Display " + login, "Streams on weekends."}); break;
      case 2:
      case 3:
      case 4: events.push_back(post_created{"Post number " + n + " from " + login}); break;
      case 5:
      case 6: events.push_back(user_blocked{"troll" + n}); break;
      case 7: events.push_back(user_unblocked{"troll5"}); break;
      case 8: events.push_back(refresh_token_issued{"hash" + n, "family", 4'000'000'000'000'000, {}}); break;
      default: events.push_back(notifications_read{k}); break;
    }
  }
  std::vector<storage::proposed_event> out;
  for (const auto& e : events) {
    auto encoded = encode(e);
    storage::proposed_event p;
    p.id = event_id::generate();
    p.type = std::string(encoded.type);
    p.schema_version = encoded.schema_version;
    p.actor = "user:" + login;
    p.payload = std::move(encoded.json);
    out.push_back(std::move(p));
  }
  return out;
}

std::string marker_text(const config& cfg) {
  return "entities=" + std::to_string(cfg.entities) +
         " events_per_entity=" + std::to_string(cfg.events_per_entity) + "\n";
}

bool log_is_cached(const config& cfg) {
  std::ifstream in(cfg.dir / "bench-log.complete");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return text == marker_text(cfg);
}

void generate(const config& cfg) {
  std::filesystem::remove_all(cfg.dir);
  std::filesystem::create_directories(cfg.dir);
  auto log = storage::rocksdb_event_log::open(cfg.dir / "events", {.durability = storage::durability::async});
  if (!log) die("open", log.err());
  const auto start = clock_type::now();
  std::counting_semaphore<> window(4096);  // Appends in flight: the writer groups them.
  std::atomic<bool> failed{false};
  for (std::size_t i = 0; i < cfg.entities; ++i) {
    window.acquire();
    const auto login = login_of(i);
    (*log)->append_async("user:" + login, expected_version::no_stream(),
                         history_of(login, cfg.events_per_entity),
                         [&](result<storage::append_result> r) {
                           if (!r) failed = true;
                           window.release();
                         });
    if ((i + 1) % 100'000 == 0)
      std::fprintf(stderr, "generated %zu entities (%.0f s)\n", i + 1, seconds_since(start));
  }
  for (int i = 0; i < 4096; ++i) window.acquire();
  if (failed) {
    std::fprintf(stderr, "bench_actors_activation: generation failed\n");
    std::exit(1);
  }
  log->reset();
  std::ofstream(cfg.dir / "bench-log.complete") << marker_text(cfg);
  std::fprintf(stderr, "generated %zu events in %.0f s\n", cfg.entities * cfg.events_per_entity,
               seconds_since(start));
}

struct figures {
  double seconds = 0;
  double cpu = 0;  // CPU seconds of the whole process meanwhile.
  std::size_t wrong = 0;  // Entities whose state was not the expected one.
};

figures activate(storage::event_log& log, const config& cfg) {
  actors::runtime_options options;
  options.worker_threads = cfg.threads;
  options.idle_timeout = std::chrono::hours(1);
  actors::runtime rt(log, options);
  std::counting_semaphore<> window(static_cast<std::ptrdiff_t>(cfg.concurrency));
  std::atomic<std::size_t> wrong{0};
  std::mutex mutex;
  std::condition_variable all_done;
  std::size_t answered = 0;
  const auto start = clock_type::now();
  const double cpu_start = cpu_seconds();
  for (std::size_t i = 0; i < cfg.entities; ++i) {
    window.acquire();
    rt.read_user(login_of(i), [&](result<actors::state_view<actors::user_state>> r) {
      if (!r || !r->state->registered || r->version != cfg.events_per_entity) ++wrong;
      window.release();
      std::lock_guard guard(mutex);
      if (++answered == cfg.entities) all_done.notify_all();
    });
  }
  {
    std::unique_lock lock(mutex);
    all_done.wait(lock, [&] { return answered == cfg.entities; });
  }
  figures f{seconds_since(start), cpu_seconds() - cpu_start, wrong.load()};
  const auto stats = rt.stats();
  std::printf("active users %zu, RSS %.0f MiB (peak %.0f MiB)\n", stats.active_users,
              proc_status_mib("VmRSS"), proc_status_mib("VmHWM"));
  return f;
}

figures rebuild_only(const storage::event_log& log, const config& cfg) {
  std::atomic<std::size_t> next{0}, wrong{0};
  const auto start = clock_type::now();
  const double cpu_start = cpu_seconds();
  std::vector<std::thread> pool;
  for (std::size_t t = 0; t < cfg.threads; ++t) {
    pool.emplace_back([&] {
      for (std::size_t i; (i = next.fetch_add(1)) < cfg.entities;) {
        actors::user_state state;
        event_number version = 0;
        auto r = actors::rebuild<actors::user_entity>(log, login_of(i), state, version);
        if (!r || !state.registered || version != cfg.events_per_entity) ++wrong;
      }
    });
  }
  for (auto& t : pool) t.join();
  return {seconds_since(start), cpu_seconds() - cpu_start, wrong.load()};
}

}  // namespace

int main(int argc, char** argv) {
  config cfg;
  CLI::App app{"Activating many entity actors from a big RocksDB log"};
  app.add_option("--dir", cfg.dir, "Where the generated log is kept between runs");
  app.add_option("--entities", cfg.entities, "Users in the log, all activated");
  app.add_option("--events-per-entity", cfg.events_per_entity, "Events of each user")->check(CLI::Range(1, 1000));
  app.add_option("--concurrency", cfg.concurrency, "Reads in flight (activate)");
  app.add_option("--threads", cfg.threads, "CAF worker threads (activate), threads (rebuild)");
  app.add_option("--modes", cfg.modes, "activate, rebuild")->delimiter(',');
  CLI11_PARSE(app, argc, argv);

  if (log_is_cached(cfg)) std::fprintf(stderr, "reusing the log in %s\n", cfg.dir.c_str());
  else generate(cfg);

  auto log = storage::rocksdb_event_log::open(cfg.dir / "events", {.create_if_missing = false});
  if (!log) die("open", log.err());
  if (!(*log)->delete_all_snapshots()) std::fprintf(stderr, "could not delete snapshots\n");

  std::printf("entities %zu x %zu events, threads %zu, concurrency %zu\n", cfg.entities,
              cfg.events_per_entity, cfg.threads, cfg.concurrency);
  for (const auto& mode : cfg.modes) {
    figures f;
    if (mode == "activate") f = activate(**log, cfg);
    else if (mode == "rebuild") f = rebuild_only(**log, cfg);
    else die("modes", error{error_code::invalid, "unknown mode " + mode});
    const double events = double(cfg.entities * cfg.events_per_entity);
    std::printf("%-9s %8.2f s %11.0f entities/s %12.0f events/s  cpu %.1f s (%.1f us/entity)  wrong %zu\n",
                mode.c_str(), f.seconds, double(cfg.entities) / f.seconds, events / f.seconds,
                f.cpu, f.cpu * 1e6 / double(cfg.entities), f.wrong);
    if (f.wrong) return 1;
  }
  return 0;
}
