#include "gateway/admin/admin_command.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include "protocol/domain/entity_id.hpp"

namespace streamhub::gateway::admin {

namespace {

constexpr std::array<command_spec, 12> kSpecs{{
    {verb::stats, "stats", "stats",
     "uptime, active actors by kind, mailbox depths, log head and append rate, connections, subscriptions"},
    {verb::actors, "actors", "actors [user|channel|chat] [--top mailbox] [--limit N]",
     "active actors (by id, or deepest mailboxes first)"},
    {verb::inspect, "inspect", "inspect ID", "state as JSON, version, last activity, subscribers"},
    {verb::events, "events", "events ID [--from V] [--limit N]", "a page of an entity's events"},
    {verb::tail, "tail", "tail ID", "follow an entity's new events (Ctrl-C stops)"},
    {verb::at, "at", "at ID VERSION", "the state as it was at VERSION, rebuilt beside the live actor"},
    {verb::snapshot, "snapshot", "snapshot ID", "write a snapshot now"},
    {verb::passivate, "passivate", "passivate ID", "stop the actor if active"},
    {verb::projections, "projections", "projections", "checkpoints, lag, status, dead letters"},
    {verb::replay, "replay", "replay NAME", "rebuild a projection from the start of the log"},
    {verb::sessions, "sessions", "sessions", "connected clients and their outgoing queues"},
    {verb::help, "help", "help", "this list"},
}};

error invalid(std::string message) { return error{error_code::invalid, std::move(message)}; }

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

result<std::uint64_t> parse_number(std::string_view what, std::string_view text) {
  std::uint64_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size())
    return invalid(std::string(what) + " must be a number, not '" + std::string(text) + "'");
  return n;
}

const command_spec* find_spec(std::string_view name) {
  for (const auto& s : kSpecs)
    if (s.name == name) return &s;
  return nullptr;
}

const command_spec& spec_of(verb v) {
  for (const auto& s : kSpecs)
    if (s.what == v) return s;
  return kSpecs.back();
}

/// Options a command takes, each followed by a value.
std::vector<std::string> options_of(verb v) {
  switch (v) {
    case verb::actors: return {"--top", "--limit"};
    case verb::events: return {"--from", "--limit"};
    default: return {};
  }
}

std::size_t positional_count(verb v) {
  switch (v) {
    case verb::inspect:
    case verb::events:
    case verb::tail:
    case verb::snapshot:
    case verb::passivate:
    case verb::replay: return 1;
    case verb::at: return 2;
    default: return 0;
  }
}

result<command> parse_arguments(const command_spec& spec, std::span<const std::string> args) {
  command c;
  c.what = spec.what;
  if (c.what == verb::events) c.version = 1;
  if (c.what == verb::events) c.limit = 20;
  if (c.what == verb::actors) c.limit = 100;
  const auto usage = [&] { return " (usage: " + std::string(spec.usage) + ")"; };
  const auto known_options = options_of(c.what);
  std::vector<std::string_view> positional;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& word = args[i];
    if (!word.starts_with("--")) {
      positional.push_back(word);
      continue;
    }
    if (std::find(known_options.begin(), known_options.end(), word) == known_options.end())
      return invalid("unknown option '" + word + "' for " + std::string(spec.name) +
                     did_you_mean(closest_name(word, known_options)) + usage());
    if (i + 1 == args.size()) return invalid(word + " needs a value" + usage());
    const std::string& value = args[++i];
    if (word == "--top") {
      if (value != "mailbox") return invalid("--top sorts by 'mailbox' only" + did_you_mean("mailbox"));
      c.top_mailbox = true;
      continue;
    }
    auto n = parse_number(word, value);
    if (!n) return std::move(n).err();
    (word == "--from" ? c.version : c.limit) = *n;
  }
  const std::size_t wanted = positional_count(c.what);
  const bool optional_kind = c.what == verb::actors && positional.size() <= 1;
  if (positional.size() != wanted && !optional_kind)
    return invalid(std::string(spec.name) + " takes " +
                   (wanted == 0 ? std::string("no arguments") : std::to_string(wanted) + " argument(s)") +
                   usage());
  if (c.what == verb::actors && !positional.empty()) {
    static const std::vector<std::string> kinds{"user", "channel", "chat"};
    if (std::find(kinds.begin(), kinds.end(), positional[0]) == kinds.end())
      return invalid("unknown kind '" + std::string(positional[0]) + "'" +
                     did_you_mean(closest_name(positional[0], kinds)) + usage());
    c.target = positional[0];
  } else if (c.what == verb::replay) {
    c.target = positional[0];
  } else if (wanted > 0) {
    auto id = normalise_entity_id(positional[0]);
    if (!id)
      return invalid("'" + std::string(positional[0]) +
                     "' is not an entity id (user:LOGIN, channel:LOGIN or chat:LOGIN)");
    c.target = std::move(*id);
  }
  if (c.what == verb::at) {
    auto v = parse_number("VERSION", positional[1]);
    if (!v) return std::move(v).err();
    c.version = *v;
  }
  return c;
}

}  // namespace

std::span<const command_spec> command_specs() { return kSpecs; }

result<std::vector<std::string>> split_words(std::string_view line) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  char quote = 0;
  for (char ch : line) {
    if (quote != 0) {
      if (ch == quote) quote = 0;
      else word.push_back(ch);
    } else if (ch == '"' || ch == '\'') {
      quote = ch;
      in_word = true;
    } else if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
    } else {
      word.push_back(ch);
      in_word = true;
    }
  }
  if (quote != 0) return invalid(std::string("unclosed ") + quote + " quote");
  if (in_word) words.push_back(std::move(word));
  return words;
}

result<command> parse_command(std::span<const std::string> words) {
  if (words.empty()) return invalid("empty command; try 'help'");
  const command_spec* spec = find_spec(words[0]);
  if (spec == nullptr) {
    std::vector<std::string> names;
    for (const auto& s : kSpecs) names.emplace_back(s.name);
    return invalid("unknown command '" + words[0] + "'" + did_you_mean(closest_name(words[0], names)) +
                   "; 'help' lists them");
  }
  return parse_arguments(*spec, words.subspan(1));
}

std::vector<std::string> to_words(const command& c) {
  std::vector<std::string> words{std::string(spec_of(c.what).name)};
  if (!c.target.empty()) words.push_back(c.target);
  switch (c.what) {
    case verb::actors:
      if (c.top_mailbox) words.insert(words.end(), {"--top", "mailbox"});
      words.insert(words.end(), {"--limit", std::to_string(c.limit)});
      break;
    case verb::events:
      words.insert(words.end(), {"--from", std::to_string(c.version), "--limit", std::to_string(c.limit)});
      break;
    case verb::at: words.push_back(std::to_string(c.version)); break;
    default: break;
  }
  return words;
}

std::string closest_name(std::string_view word, std::span<const std::string> candidates) {
  std::string best;
  std::size_t best_distance = SIZE_MAX;
  for (const auto& candidate : candidates) {
    if (!word.empty() && candidate.starts_with(word)) return candidate;
    const std::size_t d = edit_distance(word, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  // A third of the word, at least 2: "inspct" finds "inspect", "xyz" nothing.
  const std::size_t allowed = std::max<std::size_t>(2, word.size() / 3);
  return best_distance <= allowed ? best : std::string();
}

std::optional<std::string> normalise_entity_id(std::string_view text) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const std::string_view kind = text.substr(0, colon);
  if (kind != "user" && kind != "channel" && kind != "chat") return std::nullopt;
  auto login = domain::normalize_login(text.substr(colon + 1));
  if (!login) return std::nullopt;
  return std::string(kind) + ":" + *login;
}

std::string did_you_mean(std::string_view suggestion) {
  return suggestion.empty() ? std::string() : " (did you mean '" + std::string(suggestion) + "'?)";
}

}  // namespace streamhub::gateway::admin
