#pragma once
// The interactive loop of the admin shell on GNU readline: line editing,
// history kept in a file, tab completion. Knows nothing of what the lines
// mean: the shell passes how to run a line and what completes a word.
//
// Thread-safety: one loop per process (readline's state is global).

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace streamhub::tools {

struct readline_loop {
  std::string prompt = "streamhub> ";
  /// Empty: no history file (history still works within the session).
  std::filesystem::path history_file;
  /// Runs one line; returns false when it failed.
  std::function<bool(std::string_view line)> execute;
  /// The candidates for the word after `words` (the complete words before
  /// the cursor).
  std::function<std::vector<std::string>(const std::vector<std::string>& words)> complete;
};

/// Reads and runs lines until end of input (Ctrl-D) or "exit"/"quit".
/// Returns 0, or 1 when a line failed.
int run_readline_loop(const readline_loop& loop);

}  // namespace streamhub::tools
