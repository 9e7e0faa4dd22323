#include "tools/streamhub/admin_shell.hpp"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include <nlohmann/json.hpp>

#include "gateway/admin/admin_client.hpp"
#include "gateway/admin/admin_command.hpp"
#include "tools/streamhub/admin_readline.hpp"

namespace streamhub::tools {

namespace admin = gateway::admin;

namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void on_interrupt(int) { g_interrupted = true; }

/// SIGINT and SIGTERM end a running tail instead of the shell.
void catch_interrupts() {
  struct sigaction action{};
  action.sa_handler = on_interrupt;
  ::sigemptyset(&action.sa_mask);
  ::sigaction(SIGINT, &action, nullptr);
  ::sigaction(SIGTERM, &action, nullptr);
}

void print(const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
}

void print_error(const std::string& message) {
  std::fprintf(stderr, "error: %s\n", message.c_str());
  std::fflush(stderr);
}

/// The shell's side of one connection: runs lines, reconnecting as needed.
class shell_session {
 public:
  shell_session(const admin_shell_options& options, admin_style style) : options_(options), style_(style) {}

  /// Connects unless connected; reports a failure.
  bool ensure_connected() {
    if (client_.connected()) return true;
    auto where = locate_endpoint(options_);
    if (!where) return fail(where.err().message);
    auto token = read_admin_token(options_);
    if (!token) return fail(token.err().message);
    auto connected = client_.connect(where->host, where->port, *token);
    if (!connected) return fail(connected.err().message);
    return true;
  }

  /// Runs one line; false when it failed.
  bool execute(std::string_view line) {
    auto words = admin::split_words(line);
    if (!words) return fail(words.err().message);
    if (words->empty()) return true;
    // Checked here first: a mistake costs no round trip and works offline.
    auto parsed = admin::parse_command(*words);
    if (!parsed) return fail(parsed.err().message);
    if (parsed->what == admin::verb::help && style_ == admin_style::pretty) return print_help();
    if (!ensure_connected()) return false;
    if (parsed->what == admin::verb::tail) return tail(*words);
    auto answer = client_.call(*words);
    if (!answer) return fail_answer(answer.err());
    print(format_answer(*answer, style_));
    return true;
  }

  /// Completion candidates for the word after `words`.
  std::vector<std::string> complete(const std::vector<std::string>& words) {
    if (words.empty()) {
      std::vector<std::string> names;
      for (const auto& s : admin::command_specs()) names.emplace_back(s.name);
      return names;
    }
    const std::string& verb = words[0];
    if (words.back() == "--top") return {"mailbox"};
    if (verb == "actors") return {"user", "channel", "chat", "--top", "--limit"};
    if (verb == "replay" && words.size() == 1) return names_from({"projections"}, "projections", "name");
    const bool takes_id = verb == "inspect" || verb == "events" || verb == "tail" || verb == "at" ||
                          verb == "snapshot" || verb == "passivate";
    if (takes_id && words.size() == 1) return names_from({"actors", "--limit", "10000"}, "actors", "id");
    if (verb == "events") return {"--from", "--limit"};
    return {};
  }

 private:
  bool fail(const std::string& message) {
    print_error(message);
    return false;
  }

  bool fail_answer(const error& e) {
    if (e.code == error_code::unavailable && !client_.connected())
      return fail(e.message + " (will reconnect on the next command)");
    return fail(e.message);
  }

  bool print_help() {
    std::string text;
    for (const auto& s : admin::command_specs()) {
      std::string usage(s.usage);
      usage.resize(std::max<std::size_t>(usage.size(), 54), ' ');
      text += "  " + usage + " " + std::string(s.summary) + "\n";
    }
    print(text);
    return true;
  }

  bool tail(const std::vector<std::string>& words) {
    g_interrupted = false;
    auto end = client_.tail(
        words, [&](std::string_view line) { print(format_answer(line, style_)); },
        [] { return g_interrupted.load(); });
    if (!end) return fail_answer(end.err());
    print(format_answer(*end, style_));
    return true;
  }

  /// `field` of each element of the `list` array `argv` answers (quietly
  /// empty on any failure: completion must not print).
  std::vector<std::string> names_from(const std::vector<std::string>& argv, const char* list, const char* field) {
    std::vector<std::string> names;
    if (!client_.connected()) return names;
    auto answer = client_.call(argv);
    if (!answer) return names;
    const auto j = nlohmann::json::parse(*answer, nullptr, false);
    if (!j.is_object() || !j.contains(list)) return names;
    for (const auto& item : j[list])
      if (item.is_object() && item.contains(field) && item[field].is_string())
        names.push_back(item[field].get<std::string>());
    return names;
  }

  const admin_shell_options& options_;
  admin_style style_;
  admin::admin_client client_;
};

std::filesystem::path default_history_file() {
  const char* home = std::getenv("HOME");
  return home != nullptr && *home != '\0' ? std::filesystem::path(home) / ".streamhub_admin_history"
                                          : std::filesystem::path();
}

}  // namespace

result<listen_address> locate_endpoint(const admin_shell_options& options) {
  if (!options.connect.empty()) return parse_listen_address(options.connect);
  const auto file = options.data_dir / "admin.port";
  std::ifstream in(file);
  std::string text;
  if (!in || !std::getline(in, text))
    return error{error_code::not_found,
                 "no " + file.string() + ": is a node running on this data directory? (or pass --connect HOST:PORT)"};
  return parse_listen_address(text);
}

result<std::string> read_admin_token(const admin_shell_options& options) {
  const auto file = options.token_file.empty() ? options.data_dir / "admin.token" : options.token_file;
  std::ifstream in(file);
  if (!in) return error{error_code::not_found, "cannot read the admin token " + file.string()};
  std::string token;
  if (!std::getline(in, token) || token.empty()) return error{error_code::io_error, "empty admin token " + file.string()};
  return token;
}

int run_admin_shell(const admin_shell_options& options) {
  const bool interactive = !options.command && ::isatty(STDIN_FILENO) != 0;
  const admin_style style = ::isatty(STDOUT_FILENO) != 0 ? admin_style::pretty : admin_style::plain;
  catch_interrupts();
  shell_session session(options, style);
  if (options.command) return session.execute(*options.command) ? 0 : 1;
  if (!interactive) {
    int code = 0;
    std::string line;
    while (std::getline(std::cin, line))
      if (!session.execute(line)) code = 1;
    return code;
  }
  // Connecting first says at once whether the node is there.
  if (!session.ensure_connected()) return 2;
  readline_loop loop;
  loop.history_file = options.history_file.empty() ? default_history_file() : options.history_file;
  loop.execute = [&](std::string_view line) { return session.execute(line); };
  loop.complete = [&](const std::vector<std::string>& words) { return session.complete(words); };
  return run_readline_loop(loop);
}

}  // namespace streamhub::tools
