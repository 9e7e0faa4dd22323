#pragma once
// The admin shell's command language, shared by the shell (which checks a
// line before sending it and completes it) and the node (which runs it):
//
//   stats | actors [KIND] [--top mailbox] [--limit N] | inspect ID
//   events ID [--from V] [--limit N] | tail ID | at ID VERSION | snapshot ID
//   passivate ID | projections | replay NAME | sessions | help
//
// KIND is user, channel or chat; ID an entity id ("user:alice", the login in
// any case). A mistake is one line of error naming the closest valid word.
//
// Thread-safety: pure functions over immutable tables.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/error.hpp"

namespace streamhub::gateway::admin {

enum class verb : std::uint8_t {
  stats,
  actors,
  inspect,
  events,
  tail,
  at,
  snapshot,
  passivate,
  projections,
  replay,
  sessions,
  help,
};

struct command_spec {
  verb what;
  std::string_view name;
  std::string_view usage;
  std::string_view summary;
};

/// Every command, in the order `help` lists them.
std::span<const command_spec> command_specs();

/// A parsed command line.
struct command {
  verb what = verb::help;
  /// The entity id (normalised: "user:Alice" is "user:alice"), the kind for
  /// `actors` (empty: every kind), or the projection name for `replay`.
  std::string target;
  /// events: first version (default 1); at: the version.
  std::uint64_t version = 0;
  /// events: at most this many (default 20); actors: (default 100).
  std::uint64_t limit = 0;
  /// actors --top mailbox: deepest mailboxes first.
  bool top_mailbox = false;
};

/// Splits a line into words at blanks; "double" or 'single' quotes keep
/// blanks inside one word. Errors: invalid (an unclosed quote).
result<std::vector<std::string>> split_words(std::string_view line);

/// Parses `words` (words[0] is the command). Errors: invalid, with one line
/// naming what is wrong and, for a misspelt command or option, the closest
/// valid one ("unknown command 'inspct' (did you mean 'inspect'?)").
result<command> parse_command(std::span<const std::string> words);

/// The words that undo parse_command (for sending a command on).
std::vector<std::string> to_words(const command& c);

/// The candidate closest to `word` by edit distance, when close enough to be
/// a likely misspelling (or when `word` is a prefix of it); otherwise empty.
std::string closest_name(std::string_view word, std::span<const std::string> candidates);

/// "user:<login>", "channel:<login>" or "chat:<login>" with the login
/// lower-cased; nullopt for anything else.
std::optional<std::string> normalise_entity_id(std::string_view text);

/// " (did you mean 'x'?)" for a non-empty suggestion, else "".
std::string did_you_mean(std::string_view suggestion);

}  // namespace streamhub::gateway::admin
