#include "protocol/graphql/execution/json_input.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace streamhub::graphql::detail {

namespace {

using json = nlohmann::json;

// The SAX handler: a stack of open arrays and objects; each finished value
// goes into the one on top (or becomes the result).
class value_builder {
 public:
  explicit value_builder(int max_depth) : max_depth_(max_depth) {}

  bool null() { return put(value()); }
  bool boolean(bool b) { return put(value(b)); }
  bool number_integer(json::number_integer_t i) { return put(value(i)); }
  bool number_unsigned(json::number_unsigned_t u) {
    if (u <= static_cast<json::number_unsigned_t>(INT64_MAX)) return put(value(static_cast<std::int64_t>(u)));
    return put(value(static_cast<double>(u)));
  }
  bool number_float(json::number_float_t d, const json::string_t&) { return put(value(d)); }
  bool string(json::string_t& s) { return put(value(std::move(s))); }
  bool binary(json::binary_t&) { return false; }
  bool start_object(std::size_t) { return open(true); }
  bool key(json::string_t& k) {
    stack_.back().key = std::move(k);
    return true;
  }
  bool end_object() { return close(); }
  bool start_array(std::size_t) { return open(false); }
  bool end_array() { return close(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) { return false; }

  std::optional<value> result() { return std::move(result_); }
  bool too_deep() const noexcept { return too_deep_; }

 private:
  struct frame {
    bool object;
    std::string key;
    std::vector<value> items;
    std::vector<property_object::entry> entries;
  };

  bool open(bool object) {
    if (static_cast<int>(stack_.size()) >= max_depth_) {
      too_deep_ = true;
      return false;
    }
    stack_.push_back(frame{object, {}, {}, {}});
    return true;
  }

  bool close() {
    frame f = std::move(stack_.back());
    stack_.pop_back();
    if (!f.object) return put(value::list(std::move(f.items)));
    dedupe(f.entries);
    return put(value::properties(property_object(std::move(f.entries))));
  }

  bool put(value v) {
    if (stack_.empty()) {
      result_ = std::move(v);
    } else if (frame& top = stack_.back(); top.object) {
      top.entries.emplace_back(std::move(top.key), std::move(v));
    } else {
      top.items.push_back(std::move(v));
    }
    return true;
  }

  // A repeated key: the first position, the last value. Checking costs no
  // allocation for ordinary (small, repeat-free) objects.
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

  int max_depth_;
  bool too_deep_ = false;
  std::vector<frame> stack_;
  std::optional<value> result_;
};

}  // namespace

json_decoded decode_json(std::string_view text, int max_depth) {
  value_builder builder(max_depth);
  // Strict: the whole text is one JSON value. Errors come back through
  // parse_error, not exceptions.
  const bool ok = json::sax_parse(text.begin(), text.end(), &builder, json::input_format_t::json, true);
  json_decoded out;
  if (ok) {
    out.decoded = builder.result();
  } else {
    out.failure = builder.too_deep() ? json_failure::too_deep : json_failure::malformed;
  }
  return out;
}

}  // namespace streamhub::graphql::detail
