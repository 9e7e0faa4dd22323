#include "protocol/graphql/execution/json_input.hpp"

#include <boost/json/basic_parser_impl.hpp>
// Boost.JSON header-only: its compiled library is a separate Debian
// package (libboost-json-dev) that the build does not otherwise need.
#include <boost/json/src.hpp>

#include <charconv>
#include <cstdlib>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace streamhub::graphql::detail {

namespace {

using boost::json::error_code;
using boost::json::string_view;

// Boost.JSON's SAX parser, chosen over nlohmann's for its speed on the
// small texts variables are (a typical variables object decodes in less
// than half the instructions). The handler keeps a stack of open arrays
// and objects; each finished value goes into the one on top (or becomes
// the result). Popped frames stay in the stack for the next container.
class value_builder {
 public:
  static constexpr std::size_t max_array_size = -1;
  static constexpr std::size_t max_object_size = -1;
  static constexpr std::size_t max_string_size = -1;
  static constexpr std::size_t max_key_size = -1;

  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }
  bool on_array_begin(error_code&) { return open(false); }
  bool on_array_end(std::size_t, error_code&) { return close(); }
  bool on_object_begin(error_code&) { return open(true); }
  bool on_object_end(std::size_t, error_code&) { return close(); }
  bool on_string_part(string_view s, std::size_t, error_code&) {
    part_.append(s.data(), s.size());
    return true;
  }
  bool on_string(string_view s, std::size_t, error_code&) {
    return put(value(take_part(s)));
  }
  bool on_key_part(string_view s, std::size_t, error_code&) {
    part_.append(s.data(), s.size());
    return true;
  }
  bool on_key(string_view s, std::size_t, error_code&) {
    stack_[depth_ - 1].key = take_part(s);
    return true;
  }
  bool on_number_part(string_view s, error_code&) {
    part_.append(s.data(), s.size());
    return true;
  }
  bool on_int64(std::int64_t i, string_view, error_code&) {
    part_.clear();
    return put(value(i));
  }
  bool on_uint64(std::uint64_t u, string_view, error_code&) {
    part_.clear();
    if (u <= static_cast<std::uint64_t>(INT64_MAX)) return put(value(static_cast<std::int64_t>(u)));
    return put(value(static_cast<double>(u)));
  }
  bool on_double(double, string_view s, error_code&) { return put(value(json_double(take_part(s)))); }
  bool on_bool(bool b, error_code&) { return put(value(b)); }
  bool on_null(error_code&) { return put(value()); }
  bool on_comment_part(string_view, error_code&) { return false; }
  bool on_comment(string_view, error_code&) { return false; }

  std::optional<value> result() { return std::move(result_); }

 private:
  struct frame {
    bool object = false;
    std::string key;
    std::vector<value> items;
    std::vector<property_object::entry> entries;
  };

  // The text of a string, key or number: `last` alone when it came in one
  // piece (always, for text given whole), else the pieces gathered so far.
  std::string take_part(string_view last) {
    if (part_.empty()) return std::string(last.data(), last.size());
    part_.append(last.data(), last.size());
    std::string out = std::move(part_);
    part_.clear();
    return out;
  }

  bool open(bool object) {
    if (depth_ == stack_.size()) stack_.emplace_back();
    frame& f = stack_[depth_++];
    f.object = object;
    return true;
  }

  bool close() {
    frame& f = stack_[--depth_];
    if (!f.object) return put(value::list(std::exchange(f.items, {})));
    dedupe(f.entries);
    return put(value::properties(property_object(std::exchange(f.entries, {}))));
  }

  bool put(value v) {
    if (depth_ == 0) {
      result_ = std::move(v);
    } else if (frame& top = stack_[depth_ - 1]; top.object) {
      top.entries.emplace_back(std::move(top.key), std::move(v));
    } else {
      top.items.push_back(std::move(v));
    }
    return true;
  }

  // A repeated key: the first position, the last value (as JSON.parse).
  // Checking costs no allocation for ordinary (small, repeat-free) objects.
  static void dedupe(std::vector<property_object::entry>& entries) {
    if (entries.size() < 2 || !has_repeats(entries)) return;
    std::unordered_map<std::string_view, std::size_t> first;  // views keys in `unique`
    std::vector<property_object::entry> unique;
    unique.reserve(entries.size());  // no reallocation: the views stay valid
    for (auto& entry : entries) {
      if (const auto it = first.find(entry.first); it != first.end()) {
        unique[it->second].second = std::move(entry.second);
      } else {
        unique.push_back(std::move(entry));
        first.emplace(unique.back().first, unique.size() - 1);
      }
    }
    entries = std::move(unique);
  }

  static bool has_repeats(const std::vector<property_object::entry>& entries) {
    if (entries.size() <= 16) {
      for (std::size_t i = 1; i < entries.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
          if (entries[j].first == entries[i].first) return true;
        }
      }
      return false;
    }
    std::unordered_map<std::string_view, bool> seen;
    for (const auto& entry : entries) {
      if (!seen.emplace(entry.first, true).second) return true;
    }
    return false;
  }

  std::vector<frame> stack_;  // [0, depth_) open
  std::size_t depth_ = 0;
  std::string part_;
  std::optional<value> result_;
};

}  // namespace

double json_double(std::string_view literal) {
  // Boost 1.81 rounds some decimals differently from strtod (its precise
  // mode came later); reading the literal again gives JSON.parse's double.
  double d = 0;
  const auto [end, ec] = std::from_chars(literal.data(), literal.data() + literal.size(), d);
  if (ec == std::errc::result_out_of_range) d = std::strtod(std::string(literal).c_str(), nullptr);
  return d;
}

json_decoded decode_json(std::string_view text, int max_depth) {
  boost::json::parse_options options;  // strict: no comments, trailing commas or invalid UTF-8
  options.max_depth = static_cast<std::size_t>(max_depth);
  boost::json::basic_parser<value_builder> parser(options);
  error_code ec;
  // One write of the whole text, which must be exactly one JSON value
  // (write_some stops after the value and its trailing white space).
  const std::size_t used = parser.write_some(false, text.data(), text.size(), ec);
  json_decoded out;
  if (!ec && used == text.size()) {
    out.decoded = parser.handler().result();
  } else {
    out.failure = ec && ec == boost::json::error::too_deep ? json_failure::too_deep : json_failure::malformed;
  }
  return out;
}

}  // namespace streamhub::graphql::detail
