// streamhub-loadgen: load scenarios against a StreamHub node or a peer
// server, on loopback only. Each prints one summary line per figure and, with
// --out, writes the figures as JSON (run_report.hpp).
//
//   streamhub-loadgen http        --port P [--rate R] [--connections N] [--setup]
//   streamhub-loadgen connections --port P --connections N [--server-pid PID]
//   streamhub-loadgen fanout      --port P --server streamhub|nats|ws --subscribers N
//   streamhub-loadgen append      --port P [--publishers N] [--subscribers N]
//
// Every scenario is bounded by count and time and stops by itself.

#include <cstdio>
#include <memory>

#include <CLI/CLI.hpp>

#include "tools/loadgen/chat_load.hpp"
#include "tools/loadgen/connections_scenario.hpp"
#include "tools/loadgen/graphql_setup.hpp"
#include "tools/loadgen/http_scenario.hpp"
#include "tools/loadgen/run_report.hpp"

namespace loadgen = streamhub::loadgen;

namespace {

struct common_options {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
  std::size_t threads = 1;
  std::string out;
  std::string target = "streamhub";  // the name results are filed under
};

bool loopback(const std::string& host) { return host.rfind("127.", 0) == 0 || host == "::1"; }

int finish(loadgen::run_report& report, const common_options& c, const streamhub::result<void>& outcome) {
  auto written = report.finish(c.out);
  if (!written) std::fprintf(stderr, "loadgen: %s\n", written.err().message.c_str());
  if (!outcome) {
    std::fprintf(stderr, "loadgen: %s\n", outcome.err().message.c_str());
    return 1;
  }
  return written ? 0 : 1;
}

int run_http(const common_options& c, loadgen::http_options o, const std::string& channel, bool setup) {
  o.host = c.host;
  o.port = c.port;
  o.threads = c.threads;
  if (setup) {
    auto s = loadgen::graphql_setup::connect(c.host, c.port);
    if (!s) return std::fprintf(stderr, "loadgen: %s\n", s.err().message.c_str()), 1;
    auto token = s->register_user(channel);
    if (!token) return std::fprintf(stderr, "loadgen: register %s: %s\n", channel.c_str(), token.err().message.c_str()), 1;
    auto live = s->go_live(*token, "Load test", "Science & Technology");
    if (!live) return std::fprintf(stderr, "loadgen: goLive: %s\n", live.err().message.c_str()), 1;
  }
  o.bodies = loadgen::default_query_mix(channel);
  loadgen::run_report report("http", c.target);
  report.setting("channel", channel);
  return finish(report, c, loadgen::run_http(o, report));
}

int run_connections(const common_options& c, loadgen::connections_options o) {
  o.host = c.host;
  o.port = c.port;
  o.threads = c.threads;
  loadgen::run_report report("connections", c.target);
  return finish(report, c, loadgen::run_connections(o, report));
}

int run_chat(const std::string& scenario, const common_options& c, loadgen::chat_load_options o,
             const std::string& server) {
  o.host = c.host;
  o.port = c.port;
  o.threads = c.threads;
  o.server = *loadgen::parse_chat_server(server);
  if (o.server != loadgen::chat_server::streamhub) o.rooms = 1;
  o.rooms = std::min(std::max<std::size_t>(o.rooms, 1), o.publishers);
  loadgen::raise_file_limit();
  loadgen::run_report report(scenario, c.target);
  report.setting("server", server);
  report.setting("subscribers", static_cast<double>(o.subscribers));
  report.setting("publishers", static_cast<double>(o.publishers));
  report.setting("rooms", static_cast<double>(o.rooms));
  report.setting("rate", o.rate);
  report.setting("inflight", static_cast<double>(o.inflight));
  report.setting("duration_s", o.duration_s);
  report.setting("message_bytes", static_cast<double>(o.message_bytes));
  auto r = loadgen::run_chat_load(o);
  if (!r) return finish(report, c, r.err());
  if (scenario == "append")
    report.figure("mutations_per_s", static_cast<double>(r->published) / r->publish_s, "mutations/s");
  report.figure("deliveries_per_s", r->delivery_s > 0 ? static_cast<double>(r->deliveries) / r->delivery_s : 0,
                "deliveries/s");
  report.latencies("delivery_latency", r->delivery_latency);
  if (o.server == loadgen::chat_server::streamhub) report.latencies("ack_latency", r->ack_latency);
  report.figure("published", static_cast<double>(r->published), "messages");
  report.figure("publish_errors", static_cast<double>(r->publish_errors), "messages");
  report.figure("deliveries", static_cast<double>(r->deliveries), "deliveries");
  report.figure("expected_deliveries", static_cast<double>(r->expected_deliveries), "deliveries");
  report.figure("lost", static_cast<double>(r->check.lost), "messages");
  report.figure("reordered", static_cast<double>(r->check.reordered), "messages");
  report.figure("duplicated", static_cast<double>(r->check.duplicated), "messages");
  report.figure("failed_connections", static_cast<double>(r->failed_connections), "connections");
  if (!r->first_publish_error.empty())
    std::fprintf(stderr, "loadgen: first publish error: %s\n", r->first_publish_error.c_str());
  if (!r->first_failure.empty()) std::fprintf(stderr, "loadgen: first connection failure: %s\n", r->first_failure.c_str());
  streamhub::result<void> outcome{};
  if (!r->check.clean() || r->failed_connections > 0)
    outcome = streamhub::error{streamhub::error_code::invalid, "messages lost, reordered or duplicated"};
  return finish(report, c, outcome);
}

void add_chat_options(CLI::App* cmd, loadgen::chat_load_options& o, std::string& server) {
  cmd->add_option("--server", server, "streamhub, nats (its WebSocket listener) or ws (a broadcast server)")
      ->check(CLI::IsMember({"streamhub", "nats", "ws"}))
      ->capture_default_str();
  cmd->add_option("--subscribers", o.subscribers, "subscriber connections")->capture_default_str();
  cmd->add_option("--publishers", o.publishers, "publisher connections (StreamHub: users <prefix>pub<i>)")
      ->capture_default_str();
  cmd->add_option("--rooms", o.rooms, "StreamHub: rooms the publishers post to, round-robin")->capture_default_str();
  cmd->add_option("--rate", o.rate, "messages/s over all publishers; 0: closed loop")->capture_default_str();
  cmd->add_option("--inflight", o.inflight, "closed loop: unanswered mutations per publisher")->capture_default_str();
  cmd->add_option("--duration", o.duration_s, "seconds of publishing")->capture_default_str();
  cmd->add_option("--message-bytes", o.message_bytes, "message text size")->capture_default_str();
  cmd->add_option("--sources", o.sources, "loopback source addresses for subscribers")->capture_default_str();
  cmd->add_option("--drain", o.drain_s, "seconds to wait for the last deliveries")->capture_default_str();
  cmd->add_option("--prefix", o.prefix, "StreamHub login prefix (make <prefix>pub1.. admins: --admin)")
      ->capture_default_str();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"streamhub-loadgen: load scenarios against StreamHub and its peers, on loopback"};
  app.require_subcommand(1);
  common_options c;
  app.add_option("--host", c.host, "server address (loopback only)")->capture_default_str();
  app.add_option("--port", c.port, "server port")->required();
  app.add_option("--threads", c.threads, "load generator threads")->capture_default_str();
  app.add_option("--out", c.out, "JSON results file");
  app.add_option("--target", c.target, "name of the server under test, for the results")->capture_default_str();

  auto http = std::make_shared<loadgen::http_options>();
  std::string channel = "lghttp";
  bool setup = false;
  auto* http_cmd = app.add_subcommand("http", "GraphQL query mix over keep-alive connections");
  http_cmd->add_option("--path", http->path)->capture_default_str();
  http_cmd->add_option("--connections", http->connections)->capture_default_str();
  http_cmd->add_option("--rate", http->rate, "requests/s in total; 0: closed loop")->capture_default_str();
  http_cmd->add_option("--duration", http->duration_s, "measured seconds")->capture_default_str();
  http_cmd->add_option("--warmup", http->warmup_s, "unmeasured seconds first")->capture_default_str();
  http_cmd->add_option("--max-requests", http->max_requests, "0: bounded by the duration only")->capture_default_str();
  http_cmd->add_option("--channel", channel, "login of the channel queried")->capture_default_str();
  http_cmd->add_flag("--setup", setup, "register the channel's owner and go live first (StreamHub)");

  auto conns = std::make_shared<loadgen::connections_options>();
  auto* conns_cmd = app.add_subcommand("connections", "open and hold acknowledged graphql-transport-ws connections");
  conns_cmd->add_option("--connections", conns->connections)->capture_default_str();
  conns_cmd->add_option("--sources", conns->sources, "loopback source addresses")->capture_default_str();
  conns_cmd->add_option("--in-flight", conns->in_flight, "connections being opened at once")->capture_default_str();
  conns_cmd->add_option("--hold", conns->hold_s, "seconds to hold before measuring and closing")->capture_default_str();
  conns_cmd->add_option("--server-pid", conns->server_pid, "server process, for its memory")->capture_default_str();

  auto fanout = std::make_shared<loadgen::chat_load_options>();
  fanout->subscribers = 10000;
  fanout->publishers = 4;
  fanout->rate = 30;
  fanout->prefix = "lgfan";
  std::string fanout_server = "streamhub";
  auto* fanout_cmd = app.add_subcommand("fanout", "one room, many subscribers, publishers at a fixed rate");
  add_chat_options(fanout_cmd, *fanout, fanout_server);

  auto append = std::make_shared<loadgen::chat_load_options>();
  append->subscribers = 100;
  append->publishers = 64;
  append->rooms = 64;
  append->rate = 0;
  append->inflight = 8;
  append->duration_s = 5;
  append->prefix = "lgapp";
  std::string append_server = "streamhub";
  auto* append_cmd = app.add_subcommand("append", "chat mutations end to end: WebSocket in, durable append, ack out");
  add_chat_options(append_cmd, *append, append_server);

  CLI11_PARSE(app, argc, argv);
  if (!loopback(c.host)) {
    std::fprintf(stderr, "loadgen: loopback addresses only (127.0.0.0/8, ::1)\n");
    return 2;
  }
  if (*http_cmd) return run_http(c, *http, channel, setup);
  if (*conns_cmd) return run_connections(c, *conns);
  if (*fanout_cmd) return run_chat("fanout", c, *fanout, fanout_server);
  return run_chat("append", c, *append, append_server);
}
