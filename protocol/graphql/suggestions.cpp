#include "protocol/graphql/suggestions.hpp"

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <optional>
#include <utility>

namespace streamhub::graphql {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::optional<std::size_t> lexical_distance(std::string_view input, std::string_view option,
                                            std::size_t threshold) {
  if (input == option) return 0;
  std::string a = lower(option);
  std::string b = lower(input);
  if (a == b) return 1;
  if (a.size() < b.size()) std::swap(a, b);
  if (a.size() - b.size() > threshold) return std::nullopt;
  std::vector<std::size_t> rows[3];
  for (auto& row : rows) row.assign(b.size() + 1, 0);
  for (std::size_t j = 0; j <= b.size(); ++j) rows[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    auto& up = rows[(i - 1) % 3];
    auto& current = rows[i % 3];
    std::size_t smallest = current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      std::size_t cell = std::min({up[j] + 1, current[j - 1] + 1, up[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        cell = std::min(cell, rows[(i - 2) % 3][j - 2] + 1);  // transposition
      }
      smallest = std::min(smallest, cell);
      current[j] = cell;
    }
    if (smallest > threshold) return std::nullopt;
  }
  const std::size_t distance = rows[a.size() % 3][b.size()];
  if (distance > threshold) return std::nullopt;
  return distance;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// graphql-js naturalCompare: digit runs compare as numbers.
int natural_compare(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (is_digit(a[i]) && is_digit(b[j])) {
      unsigned long long an = 0, bn = 0;
      do {
        an = an * 10 + static_cast<unsigned>(a[i] - '0');
        ++i;
      } while (i < a.size() && is_digit(a[i]) && an > 0);
      do {
        bn = bn * 10 + static_cast<unsigned>(b[j] - '0');
        ++j;
      } while (j < b.size() && is_digit(b[j]) && bn > 0);
      if (an != bn) return an < bn ? -1 : 1;
    } else {
      if (a[i] != b[j]) return a[i] < b[j] ? -1 : 1;
      ++i;
      ++j;
    }
  }
  return a.size() < b.size() ? -1 : a.size() > b.size() ? 1 : 0;
}

}  // namespace

std::vector<std::string_view> suggestion_list(std::string_view input,
                                              std::span<const std::string_view> options) {
  const std::size_t threshold = input.size() * 4 / 10 + 1;
  std::vector<std::pair<std::string_view, std::size_t>> found;
  for (const auto option : options) {
    const auto distance = lexical_distance(input, option, threshold);
    if (!distance) continue;
    auto same = std::find_if(found.begin(), found.end(), [&](auto& f) { return f.first == option; });
    if (same == found.end()) found.emplace_back(option, *distance);
  }
  std::sort(found.begin(), found.end(), [](const auto& x, const auto& y) {
    if (x.second != y.second) return x.second < y.second;
    return natural_compare(x.first, y.first) < 0;
  });
  std::vector<std::string_view> out;
  out.reserve(found.size());
  for (const auto& f : found) out.push_back(f.first);
  return out;
}

std::string did_you_mean(std::span<const std::string_view> suggestions,
                         std::string_view sub_message) {
  if (suggestions.empty()) return {};
  std::string message = " Did you mean ";
  if (!sub_message.empty()) {
    message += sub_message;
    message += ' ';
  }
  const auto quoted = [](std::string_view s) { return "\"" + std::string(s) + "\""; };
  if (suggestions.size() == 1) return message + quoted(suggestions[0]) + "?";
  if (suggestions.size() == 2) {
    return message + quoted(suggestions[0]) + " or " + quoted(suggestions[1]) + "?";
  }
  const std::size_t n = std::min<std::size_t>(suggestions.size(), 5);
  for (std::size_t i = 0; i + 1 < n; ++i) message += quoted(suggestions[i]) + ", ";
  return message + "or " + quoted(suggestions[n - 1]) + "?";
}

}  // namespace streamhub::graphql
