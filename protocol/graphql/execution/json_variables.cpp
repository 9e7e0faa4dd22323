#include "protocol/graphql/execution/json_variables.hpp"

// Boost.JSON's parser template only: its out-of-line parts are compiled
// once, in json_input.cpp.
#include <boost/json/basic_parser_impl.hpp>

#include <cstdint>
#include <string>

#include "protocol/graphql/execution/input_coercion.hpp"
#include "protocol/graphql/execution/json_input.hpp"
#include "protocol/graphql/execution/leaf_serializer.hpp"
#include "protocol/graphql/execution/plan.hpp"

namespace streamhub::graphql::detail {

namespace {

using boost::json::error_code;
using boost::json::string_view;

constexpr std::size_t none = static_cast<std::size_t>(-1);
/// Input objects with more fields are left to the two steps.
constexpr std::size_t max_fields = 64;

// The handler keeps a stack of open containers, each knowing the type of
// what goes in it: the variables object (each key names a variable), a
// list (its item type) or an input object (each key names a field; the
// given fields are kept in the order they came, each with its field's
// index, and when the object ends the defaults are added and all sorted
// into the type's field order, as coercion orders them). Popped frames
// stay for the next container. A key naming no variable is
// skipped with its value, as coercion ignores it. Any event coercion
// would refuse returns false: the parse stops and the request is declined.
class typed_builder {
 public:
  static constexpr std::size_t max_array_size = -1;
  static constexpr std::size_t max_object_size = -1;
  static constexpr std::size_t max_string_size = -1;
  static constexpr std::size_t max_key_size = -1;

  typed_builder(const operation_plan& op, variable_entries& out) : op_(op), out_(out) {
    stack_.reserve(4);  // the variables, an input object, a list in it, one in that
  }

  bool declined() const noexcept { return declined_; }

  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }

  bool on_object_begin(error_code&) {
    if (skip_ != 0) return skip_open();
    if (depth_ == 0) {
      push(frame::kind::variables);
      return true;
    }
    unsigned wraps = 0;
    const named_type& type = *unwrap(expected(), wraps).named_type();
    if (type.kind != type_kind::input_object) return decline();
    if (type.input_fields.size() > max_fields) return decline();
    frame& f = push(frame::kind::input_object);
    f.type = &type;
    f.wraps = wraps;
    f.given = 0;
    f.entries.reserve(type.input_fields.size());  // its final size: no reallocation
    return true;
  }

  bool on_object_end(std::size_t, error_code&) {
    if (skip_ != 0) return skip_close();
    frame& f = stack_[--depth_];
    if (f.what == frame::kind::variables) return true;
    const auto& fields = f.type->input_fields;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      const input_value_def& field = fields[i];
      if ((f.given >> i & 1) != 0) continue;
      if (field.default_value != nullptr) {
        if (const value* def = op_.defaults.find(field)) {
          add_entry(f, i, *def);
        } else if (auto coerced = value_from_literal(*field.default_value, field.type, *op_.resolvers, nullptr)) {
          add_entry(f, i, std::move(*coerced));
        }
      } else if (field.type.is_non_null()) {
        return decline();
      }
    }
    sort_entries(f);
    return put(wrap(value::properties(property_object(std::exchange(f.entries, {}))), f.wraps));
  }

  bool on_array_begin(error_code&) {
    if (skip_ != 0) return skip_open();
    if (depth_ == 0) return decline();
    const type_ref type = expected().nullable();
    if (!type.is_list()) return decline();
    push(frame::kind::list).item = type.of_type();
    return true;
  }

  bool on_array_end(std::size_t, error_code&) {
    if (skip_ != 0) return skip_close();
    frame& f = stack_[--depth_];
    return put(value::list(std::exchange(f.items, {})));
  }

  bool on_key_part(string_view s, std::size_t, error_code&) { return gather(s); }
  bool on_key(string_view s, std::size_t, error_code&) {
    const std::string_view key = whole(s);
    const bool ok = skip_ != 0 || select(key);
    part_.clear();
    return ok;
  }

  bool on_string_part(string_view s, std::size_t, error_code&) { return gather(s); }
  bool on_string(string_view s, std::size_t, error_code&) {
    const std::string_view text = whole(s);
    const bool ok = skip_ != 0 ? skip_scalar() : string(text);
    part_.clear();
    return ok;
  }

  bool on_number_part(string_view s, error_code&) { return gather(s); }
  bool on_int64(std::int64_t i, string_view, error_code&) {
    part_.clear();
    return scalar(value(i));
  }
  bool on_uint64(std::uint64_t u, string_view, error_code&) {
    part_.clear();
    if (u <= static_cast<std::uint64_t>(INT64_MAX)) return scalar(value(static_cast<std::int64_t>(u)));
    return scalar(value(static_cast<double>(u)));
  }
  bool on_double(double, string_view s, error_code&) {
    const double d = skip_ != 0 ? 0.0 : json_double(whole(s));
    part_.clear();
    return scalar(value(d));
  }
  bool on_bool(bool b, error_code&) { return scalar(value(b)); }
  bool on_null(error_code&) {
    if (skip_ != 0) return skip_scalar();
    if (depth_ == 0 || expected().is_non_null()) return decline();
    return put(value());
  }
  bool on_comment_part(string_view, error_code&) { return decline(); }
  bool on_comment(string_view, error_code&) { return decline(); }

 private:
  struct frame {
    enum class kind : std::uint8_t { variables, list, input_object };
    kind what = kind::variables;
    /// variables: the variable's index; input_object: the field's.
    std::size_t key = none;
    /// list: the item type.
    type_ref item;
    /// input_object: its type, its entries so far with their fields'
    /// indices, a bit per field given, and the list levels to wrap it in
    /// (an object given for a list type).
    const named_type* type = nullptr;
    std::vector<property_object::entry> entries;
    std::uint8_t index[max_fields] = {};
    std::uint64_t given = 0;
    unsigned wraps = 0;
    /// list: the items so far.
    std::vector<value> items;
  };

  bool decline() {
    declined_ = true;
    return false;
  }

  frame& push(frame::kind what) {
    if (depth_ == stack_.size()) stack_.emplace_back();
    frame& f = stack_[depth_++];
    f.what = what;
    f.key = none;
    return f;
  }

  // The type of the value about to come.
  type_ref expected() const {
    const frame& f = stack_[depth_ - 1];
    switch (f.what) {
      case frame::kind::variables: return *op_.variables[f.key].type;
      case frame::kind::list: return f.item;
      case frame::kind::input_object: return f.type->input_fields[f.key].type;
    }
    return {};
  }

  bool put(value v) {
    frame& f = stack_[depth_ - 1];
    switch (f.what) {
      case frame::kind::variables: out_[f.key].second = std::move(v); break;
      case frame::kind::list: f.items.push_back(std::move(v)); break;
      case frame::kind::input_object:
        f.given |= std::uint64_t{1} << f.key;
        add_entry(f, f.key, std::move(v));
        break;
    }
    return true;
  }

  void add_entry(frame& f, std::size_t field, value v) {
    f.index[f.entries.size()] = static_cast<std::uint8_t>(field);
    f.entries.emplace_back(std::string(f.type->input_fields[field].name), std::move(v));
  }

  // Into field order. Insertion sort: the entries are few, and given in
  // field order, as they usually are, they are sorted already.
  static void sort_entries(frame& f) {
    for (std::size_t i = 1; i < f.entries.size(); ++i) {
      for (std::size_t j = i; j > 0 && f.index[j - 1] > f.index[j]; --j) {
        std::swap(f.index[j - 1], f.index[j]);
        std::swap(f.entries[j - 1], f.entries[j]);
      }
    }
  }

  // A key: the variable or input field the next value is for.
  bool select(std::string_view key) {
    frame& f = stack_[depth_ - 1];
    if (f.what == frame::kind::variables) {
      const auto& variables = op_.variables;
      std::size_t i = 0;
      while (i < variables.size() && !same_text(variables[i].name, key)) ++i;
      if (i == variables.size()) {
        skip_ = 1;  // not a variable of the operation: its value is ignored
        return true;
      }
      if (out_[i].second) return decline();  // given twice
      f.key = i;
      return true;
    }
    const auto& fields = f.type->input_fields;
    std::size_t i = 0;
    if (fields.size() <= 16) {
      while (i < fields.size() && !same_text(fields[i].name, key)) ++i;
    } else if (const input_value_def* field = f.type->find_input_field(key)) {
      i = static_cast<std::size_t>(field - fields.data());
    } else {
      i = fields.size();
    }
    if (i == fields.size() || (f.given >> i & 1) != 0) return decline();  // unknown, or given twice
    f.key = i;
    return true;
  }

  bool string(std::string_view text) {
    if (depth_ == 0) return decline();
    unsigned wraps = 0;
    const named_type& type = *unwrap(expected(), wraps).named_type();
    if (type.kind == type_kind::enum_) {
      const enum_value_def* def = find_enum_name(type, text);
      if (def == nullptr) return decline();
      return put(wrap(value::enum_value(def->name), wraps));
    }
    if (type.kind == type_kind::scalar && same_text(type.name, "String")) {
      return put(wrap(value(std::string(text)), wraps));
    }
    return leaf(value(std::string(text)), type, wraps);
  }

  bool scalar(value input) {
    if (skip_ != 0) return skip_scalar();
    if (depth_ == 0) return decline();
    unsigned wraps = 0;
    const named_type& type = *unwrap(expected(), wraps).named_type();
    return leaf(std::move(input), type, wraps);
  }

  bool leaf(value input, const named_type& type, unsigned wraps) {
    if (!type.is_leaf()) return decline();
    auto parsed = parse_leaf(input, type, *op_.resolvers);
    if (!parsed) return decline();
    return put(wrap(std::move(parsed).value(), wraps));
  }

  // A value given for a list type is coerced as an item and becomes a
  // one-item list, once per list level: the type inside the lists.
  static type_ref unwrap(type_ref type, unsigned& wraps) {
    type = type.nullable();
    while (type.is_list()) {
      type = type.of_type().nullable();
      ++wraps;
    }
    return type;
  }

  static value wrap(value v, unsigned wraps) {
    for (; wraps > 0; --wraps) {
      std::vector<value> one;
      one.push_back(std::move(v));
      v = value::list(std::move(one));
    }
    return v;
  }

  // skip_: 0 when not skipping; else 1 + the containers open inside the
  // skipped value.
  bool skip_open() {
    ++skip_;
    return true;
  }
  bool skip_close() {
    if (--skip_ == 1) skip_ = 0;
    return true;
  }
  bool skip_scalar() {
    if (skip_ == 1) skip_ = 0;
    return true;
  }

  bool gather(string_view s) {
    part_.append(s.data(), s.size());
    return true;
  }
  // The text of a string, key or number: `last` alone when it came in one
  // piece (always, for text given whole), else with the pieces before it.
  std::string_view whole(string_view last) {
    if (part_.empty()) return {last.data(), last.size()};
    part_.append(last.data(), last.size());
    return part_;
  }

  const operation_plan& op_;
  variable_entries& out_;
  std::vector<frame> stack_;  // [0, depth_) open
  std::size_t depth_ = 0;
  std::size_t skip_ = 0;
  std::string part_;
  bool declined_ = false;
};

}  // namespace

bool decode_variables(const operation_plan& op, std::string_view json, variable_entries& out) {
  for (const variable_plan& var : op.variables) {
    if (!var.type) return false;
  }
  boost::json::parse_options options;  // as decode_json: strict, 128 levels
  options.max_depth = 128;
  boost::json::basic_parser<typed_builder> parser(options, op, out);
  error_code ec;
  const std::size_t used = parser.write_some(false, json.data(), json.size(), ec);
  if (ec || used != json.size() || parser.handler().declined()) return false;
  for (std::size_t i = 0; i < out.size(); ++i) {
    std::optional<value>& slot = out[i].second;
    if (slot) continue;
    const variable_plan& var = op.variables[i];
    if (var.node->default_value != nullptr) {
      slot = var.default_value;
    } else if (var.type->is_non_null()) {
      return false;
    }
  }
  return true;
}

}  // namespace streamhub::graphql::detail
