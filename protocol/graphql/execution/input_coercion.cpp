#include "protocol/graphql/execution/input_coercion.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "protocol/graphql/execution/inspect.hpp"
#include "protocol/graphql/schema.hpp"
#include "protocol/graphql/suggestions.hpp"

namespace streamhub::graphql::detail {

namespace {

constexpr double max_int = 2147483647.0;
constexpr double min_int = -2147483648.0;

bool is_js_integer(const value& v) {
  if (v.type() == value_type::integer) return true;
  return v.type() == value_type::floating && std::isfinite(v.as_float()) &&
         std::trunc(v.as_float()) == v.as_float();
}

double number_of(const value& v) {
  return v.type() == value_type::integer ? static_cast<double>(v.as_int()) : v.as_float();
}

std::string number_text(const value& v) {
  return v.type() == value_type::integer ? std::to_string(v.as_int()) : js_number(v.as_float());
}

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::vector<std::string_view> enum_names(const named_type& type) {
  std::vector<std::string_view> names;
  names.reserve(type.enum_values.size());
  for (const auto& v : type.enum_values) names.push_back(v.name);
  return names;
}

std::string enum_hint(const named_type& type, std::string_view input) {
  const auto names = enum_names(type);
  return did_you_mean(suggestion_list(input, names), "the enum value");
}

}  // namespace

result<value> parse_leaf(const value& input, const named_type& type, const resolver_map& hooks) {
  const auto fail = [](std::string message) { return error{error_code::invalid, std::move(message)}; };
  if (type.kind == type_kind::enum_) {
    if (input.type() != value_type::string) {
      const std::string shown = inspect(input);
      return fail("Enum \"" + std::string(type.name) + "\" cannot represent non-string value: " +
                  shown + "." + enum_hint(type, shown));
    }
    const enum_value_def* def = type.find_enum_value(input.as_string());
    if (def == nullptr) {
      return fail("Value " + quoted(input.as_string()) + " does not exist in \"" +
                  std::string(type.name) + "\" enum." + enum_hint(type, input.as_string()));
    }
    return value::enum_value(def->name);
  }
  const std::string_view name = type.name;
  if (name == "Int") {
    if (!is_js_integer(input)) return fail("Int cannot represent non-integer value: " + inspect(input));
    const double n = number_of(input);
    if (n > max_int || n < min_int) {
      return fail("Int cannot represent non 32-bit signed integer value: " + number_text(input));
    }
    return value(static_cast<std::int64_t>(n));
  }
  if (name == "Float") {
    if (input.type() != value_type::integer && input.type() != value_type::floating) {
      return fail("Float cannot represent non numeric value: " + inspect(input));
    }
    return value(number_of(input));
  }
  if (name == "String") {
    if (input.type() != value_type::string) {
      return fail("String cannot represent a non string value: " + inspect(input));
    }
    return input;
  }
  if (name == "Boolean") {
    if (input.type() != value_type::boolean) {
      return fail("Boolean cannot represent a non boolean value: " + inspect(input));
    }
    return input;
  }
  if (name == "ID") {
    if (input.type() == value_type::string) return input;
    if (is_js_integer(input)) return value(number_text(input));
    return fail("ID cannot represent value: " + inspect(input));
  }
  const scalar_hooks* custom = hooks.find_scalar(type);
  if (custom != nullptr && custom->parse) return custom->parse(input);
  return input;
}

namespace {

class input_coercer {
 public:
  input_coercer(const resolver_map& hooks, const input_defaults& defaults,
                const input_problem_fn& on_problem)
      : hooks_(hooks), defaults_(defaults), on_problem_(on_problem) {}

  value coerce(const value& input, type_ref type) {
    if (stopped_) return value();
    if (type.is_non_null()) {
      if (!input.is_null()) return coerce(input, type.of_type());
      report(input, "Expected non-nullable type \"" + type.to_string() + "\" not to be null.");
      return value();
    }
    if (input.is_null()) return value();
    if (type.is_list()) {
      const type_ref item_type = type.of_type();
      if (!input.is_list()) return value::list({coerce(input, item_type)});
      std::vector<value> items;
      items.reserve(input.as_list().size());
      std::size_t index = 0;
      for (const value& item : input.as_list()) {
        path_.emplace_back(index++);
        items.push_back(coerce(item, item_type));
        path_.pop_back();
      }
      return value::list(std::move(items));
    }
    const named_type& named = *type.named_type();
    if (named.kind == type_kind::input_object) return coerce_object(input, named);
    auto parsed = parse_leaf(input, named, hooks_);
    if (!parsed) {
      report(input, std::move(parsed).err().message);
      return value();
    }
    return std::move(parsed).value();
  }

 private:
  value coerce_object(const value& input, const named_type& type) {
    const property_object* fields = input.as_properties();
    // graphql-js checks only that the value is "object-like", which a
    // JavaScript array is: a list is read as an object keyed by its
    // indices ("0", "1", ...), so it is refused field by field.
    property_object indexed;
    if (fields == nullptr && input.is_list()) {
      std::size_t index = 0;
      for (const value& item : input.as_list()) indexed.add(std::to_string(index++), item);
      fields = &indexed;
    }
    if (fields == nullptr) {
      report(input, "Expected type \"" + std::string(type.name) + "\" to be an object.");
      return value();
    }
    std::vector<property_object::entry> out;
    out.reserve(type.input_fields.size());
    std::size_t matched = 0;  // given fields the type defines
    for (const input_value_def& field : type.input_fields) {
      const value* given = fields->find(field.name);
      if (given == nullptr) {
        if (field.default_value != nullptr) {
          if (const value* def = defaults_.find(field)) {
            out.emplace_back(std::string(field.name), *def);
          } else if (auto coerced = value_from_literal(*field.default_value, field.type, hooks_, nullptr)) {
            out.emplace_back(std::string(field.name), std::move(*coerced));
          }
        } else if (field.type.is_non_null()) {
          report(input, "Field \"" + std::string(field.name) + "\" of required type \"" +
                            field.type.to_string() + "\" was not provided.");
        }
        continue;
      }
      ++matched;
      path_.emplace_back(std::string(field.name));
      out.emplace_back(std::string(field.name), coerce(*given, field.type));
      path_.pop_back();
    }
    // Each matched field accounts for a key of its own: as many as there are
    // keys leaves none unknown.
    if (matched == fields->size()) return value::properties(property_object(std::move(out)));
    for (const auto& [key, unused] : fields->entries()) {
      if (type.find_input_field(key) != nullptr) continue;
      std::vector<std::string_view> names;
      for (const auto& f : type.input_fields) names.push_back(f.name);
      report(input, "Field \"" + key + "\" is not defined by type \"" + std::string(type.name) +
                        "\"." + did_you_mean(suggestion_list(key, names)));
    }
    return value::properties(property_object(std::move(out)));
  }

  void report(const value& invalid, std::string reason) {
    if (!stopped_ && !on_problem_(path_, invalid, std::move(reason))) stopped_ = true;
  }

  const resolver_map& hooks_;
  const input_defaults& defaults_;
  const input_problem_fn& on_problem_;
  std::vector<path_segment> path_;
  bool stopped_ = false;
};

std::optional<double> parse_number(std::string_view text) {
  double d = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
  if (ec == std::errc::result_out_of_range) return std::strtod(std::string(text).c_str(), nullptr);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return d;
}

// An Int literal as JavaScript's parseInt reads it: an integer when it fits.
value int_literal(std::string_view text) {
  std::int64_t i = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), i);
  if (ec == std::errc() && end == text.data() + text.size()) return value(i);
  return value(parse_number(text).value_or(0.0));
}

bool is_missing_variable(const value_node& node, const variable_values* variables) {
  return node.kind == value_kind::variable &&
         (variables == nullptr || variables->find(node.text) == nullptr);
}

// A leaf type's parseLiteral; nullopt when invalid.
std::optional<value> parse_leaf_literal(const value_node& literal, const named_type& type,
                                        const resolver_map& hooks,
                                        const variable_values* variables) {
  if (type.kind == type_kind::enum_) {
    if (literal.kind != value_kind::enum_) return std::nullopt;
    const enum_value_def* def = type.find_enum_value(literal.text);
    if (def == nullptr) return std::nullopt;
    return value::enum_value(def->name);
  }
  const std::string_view name = type.name;
  if (name == "Int") {
    if (literal.kind != value_kind::int_) return std::nullopt;
    value v = int_literal(literal.text);
    const double n = number_of(v);
    if (n > max_int || n < min_int) return std::nullopt;
    return v;
  }
  if (name == "Float") {
    if (literal.kind != value_kind::int_ && literal.kind != value_kind::float_) return std::nullopt;
    const auto d = parse_number(literal.text);
    if (!d) return std::nullopt;
    return value(*d);
  }
  if (name == "String") {
    if (literal.kind != value_kind::string) return std::nullopt;
    return value::view(literal.text);
  }
  if (name == "Boolean") {
    if (literal.kind != value_kind::boolean) return std::nullopt;
    return value(literal.boolean);
  }
  if (name == "ID") {
    if (literal.kind != value_kind::string && literal.kind != value_kind::int_) return std::nullopt;
    return value::view(literal.text);
  }
  auto untyped = untyped_from_literal(literal, variables);
  if (!untyped) return std::nullopt;
  const scalar_hooks* custom = hooks.find_scalar(type);
  if (custom == nullptr || !custom->parse) return untyped;
  auto parsed = custom->parse(*untyped);
  if (!parsed) return std::nullopt;
  return std::move(parsed).value();
}

}  // namespace

value coerce_input_value(const value& input, type_ref type, const resolver_map& hooks,
                         const input_defaults& defaults, const input_problem_fn& on_problem) {
  input_coercer coercer(hooks, defaults, on_problem);
  return coercer.coerce(input, type);
}

void input_defaults::add_reachable(type_ref type, const resolver_map& hooks) {
  const named_type& named = *type.named_type();
  if (named.kind != type_kind::input_object) return;
  if (!named.input_fields.empty() && defaults_.contains(&named.input_fields.front())) return;
  for (const input_value_def& field : named.input_fields) {
    defaults_.emplace(&field, field.default_value == nullptr
                                  ? std::nullopt
                                  : value_from_literal(*field.default_value, field.type, hooks, nullptr));
  }
  for (const input_value_def& field : named.input_fields) add_reachable(field.type, hooks);
}

const value* input_defaults::find(const input_value_def& field) const noexcept {
  const auto it = defaults_.find(&field);
  return it != defaults_.end() && it->second ? &*it->second : nullptr;
}

std::optional<value> value_from_literal(const value_node& literal, type_ref type,
                                        const resolver_map& hooks,
                                        const variable_values* variables) {
  if (literal.kind == value_kind::variable) {
    const value* v = variables != nullptr ? variables->find(literal.text) : nullptr;
    if (v == nullptr) return std::nullopt;
    if (v->is_null() && type.is_non_null()) return std::nullopt;
    return *v;  // validation made sure the variable's type fits
  }
  if (type.is_non_null()) {
    if (literal.kind == value_kind::null) return std::nullopt;
    return value_from_literal(literal, type.of_type(), hooks, variables);
  }
  if (literal.kind == value_kind::null) return value();
  if (type.is_list()) {
    const type_ref item_type = type.of_type();
    if (literal.kind != value_kind::list) {
      auto item = value_from_literal(literal, item_type, hooks, variables);
      if (!item) return std::nullopt;
      return value::list({std::move(*item)});
    }
    std::vector<value> items;
    items.reserve(literal.items.size());
    for (const value_node& item_node : literal.items) {
      if (is_missing_variable(item_node, variables)) {
        if (item_type.is_non_null()) return std::nullopt;
        items.emplace_back();
        continue;
      }
      auto item = value_from_literal(item_node, item_type, hooks, variables);
      if (!item) return std::nullopt;
      items.push_back(std::move(*item));
    }
    return value::list(std::move(items));
  }
  const named_type& named = *type.named_type();
  if (named.kind == type_kind::input_object) {
    if (literal.kind != value_kind::object) return std::nullopt;
    property_object out;
    for (const input_value_def& field : named.input_fields) {
      const value_node* given = nullptr;
      for (const object_field_node& f : literal.fields) {
        if (f.name.value == field.name) given = &f.value;  // the last one wins
      }
      if (given == nullptr || is_missing_variable(*given, variables)) {
        if (field.default_value != nullptr) {
          if (auto def = value_from_literal(*field.default_value, field.type, hooks, nullptr)) {
            out.add(std::string(field.name), std::move(*def));
          }
        } else if (field.type.is_non_null()) {
          return std::nullopt;
        }
        continue;
      }
      auto v = value_from_literal(*given, field.type, hooks, variables);
      if (!v) return std::nullopt;
      out.add(std::string(field.name), std::move(*v));
    }
    return value::properties(std::move(out));
  }
  return parse_leaf_literal(literal, named, hooks, variables);
}

std::optional<value> untyped_from_literal(const value_node& literal,
                                          const variable_values* variables) {
  switch (literal.kind) {
    case value_kind::null: return value();
    case value_kind::int_: return int_literal(literal.text);
    case value_kind::float_: return value(parse_number(literal.text).value_or(0.0));
    case value_kind::string:
    case value_kind::enum_: return value::view(literal.text);
    case value_kind::boolean: return value(literal.boolean);
    case value_kind::list: {
      std::vector<value> items;
      for (const value_node& item : literal.items) {
        items.push_back(untyped_from_literal(item, variables).value_or(value()));
      }
      return value::list(std::move(items));
    }
    case value_kind::object: {
      property_object out;
      for (const object_field_node& f : literal.fields) {
        if (auto v = untyped_from_literal(f.value, variables)) out.set(f.name.value, std::move(*v));
      }
      return value::properties(std::move(out));
    }
    case value_kind::variable: {
      const value* v = variables != nullptr ? variables->find(literal.text) : nullptr;
      if (v == nullptr) return std::nullopt;
      return *v;
    }
  }
  return std::nullopt;
}

bool has_variables(const value_node& literal) noexcept {
  switch (literal.kind) {
    case value_kind::variable: return true;
    case value_kind::list:
      for (const value_node& item : literal.items) {
        if (has_variables(item)) return true;
      }
      return false;
    case value_kind::object:
      for (const object_field_node& f : literal.fields) {
        if (has_variables(f.value)) return true;
      }
      return false;
    default: return false;
  }
}

std::string print_path(std::span<const path_segment> path) {
  std::string out;
  for (const path_segment& seg : path) {
    if (const auto* name = std::get_if<std::string>(&seg)) {
      out.push_back('.');
      out += *name;
    } else {
      out += "[" + std::to_string(std::get<std::size_t>(seg)) + "]";
    }
  }
  return out;
}

}  // namespace streamhub::graphql::detail
