#include "tools/streamhub/admin_readline.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <readline/history.h>
#include <readline/readline.h>

#include "gateway/admin/admin_command.hpp"

namespace streamhub::tools {

namespace {

constexpr int kHistoryLines = 1000;

/// readline's callbacks are plain functions: they reach the loop here.
const readline_loop* g_loop = nullptr;
std::vector<std::string> g_candidates;

char* next_candidate(const char* text, int state) {
  static std::size_t index = 0;
  if (state == 0) index = 0;
  const std::size_t length = std::strlen(text);
  while (index < g_candidates.size()) {
    const std::string& c = g_candidates[index++];
    if (c.compare(0, length, text) == 0) return ::strdup(c.c_str());
  }
  return nullptr;
}

char** complete(const char* text, int start, int /*end*/) {
  ::rl_attempted_completion_over = 1;  // no file-name completion
  auto words = gateway::admin::split_words(std::string_view(::rl_line_buffer, static_cast<std::size_t>(start)));
  g_candidates = words ? g_loop->complete(*words) : std::vector<std::string>{};
  return ::rl_completion_matches(text, next_candidate);
}

}  // namespace

int run_readline_loop(const readline_loop& loop) {
  g_loop = &loop;
  ::rl_readline_name = "streamhub-admin";
  ::rl_attempted_completion_function = complete;
  // Entity ids hold ':'; only blanks separate words.
  ::rl_completer_word_break_characters = const_cast<char*>(" \t");
  const std::string history = loop.history_file.string();
  ::using_history();
  ::stifle_history(kHistoryLines);
  if (!history.empty()) ::read_history(history.c_str());

  int code = 0;
  bool quit = false;
  while (!quit) {
    char* raw = ::readline(loop.prompt.c_str());
    if (raw == nullptr) {
      std::fputc('\n', stdout);  // after the ^D
      break;
    }
    std::string line(raw);
    std::free(raw);
    const auto first = line.find_first_not_of(" \t");
    if (first == std::string::npos) continue;
    ::add_history(line.c_str());
    // Appended at once, so a killed shell keeps what was typed.
    if (!history.empty() && ::append_history(1, history.c_str()) != 0) ::write_history(history.c_str());
    quit = line.substr(first) == "exit" || line.substr(first) == "quit";
    if (!quit && !loop.execute(line)) code = 1;
  }
  if (!history.empty()) ::history_truncate_file(history.c_str(), kHistoryLines);
  g_loop = nullptr;
  return code;
}

}  // namespace streamhub::tools
