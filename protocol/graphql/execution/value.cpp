#include "protocol/graphql/execution/value.hpp"

namespace streamhub::graphql {

value value::view(std::string_view s) noexcept {
  value v;
  v.type_ = value_type::string;
  v.text_ = s;
  return v;
}

value value::list(std::vector<value> items) {
  return list(std::make_shared<const std::vector<value>>(std::move(items)));
}

value value::list(std::shared_ptr<const std::vector<value>> items) noexcept {
  value v = list_view(*items);
  v.owner_ = std::move(items);
  return v;
}

value value::list_view(const std::vector<value>& items) noexcept {
  value v;
  v.type_ = value_type::list;
  v.ptr_ = &items;
  return v;
}

value value::properties(property_object obj, std::string_view type_name) {
  return properties(std::make_shared<const property_object>(std::move(obj)), type_name);
}

value value::properties(std::shared_ptr<const property_object> obj,
                        std::string_view type_name) noexcept {
  return object(std::move(obj), type_name);
}

value value::raw_json(std::string json) noexcept {
  value v(std::move(json));
  v.type_ = value_type::json;
  return v;
}

std::span<const value> value::as_list() const noexcept {
  if (type_ != value_type::list) return {};
  return *static_cast<const std::vector<value>*>(ptr_);
}

std::optional<bool> value::get_bool() const noexcept {
  if (type_ != value_type::boolean) return std::nullopt;
  return num_.b;
}

std::optional<std::int64_t> value::get_int() const noexcept {
  if (type_ != value_type::integer) return std::nullopt;
  return num_.i;
}

std::optional<double> value::get_float() const noexcept {
  if (type_ == value_type::floating) return num_.f;
  if (type_ == value_type::integer) return static_cast<double>(num_.i);
  return std::nullopt;
}

std::optional<std::string_view> value::get_string() const noexcept {
  if (type_ != value_type::string) return std::nullopt;
  return as_string();
}

std::string_view value::object_type_name() const noexcept {
  if (type_ != value_type::object) return {};
  if (!text_.empty()) return text_;
  if (const property_object* props = as_properties()) {
    if (const value* name = props->find("__typename")) {
      if (name->type() == value_type::string) return name->as_string();
    }
  }
  return {};
}

property_object& property_object::set(std::string_view name, value v) {
  for (auto& [key, existing] : entries_) {
    if (key == name) {
      existing = std::move(v);
      return *this;
    }
  }
  entries_.emplace_back(std::string(name), std::move(v));
  return *this;
}

property_object& property_object::add(std::string name, value v) {
  entries_.emplace_back(std::move(name), std::move(v));
  return *this;
}

const value* property_object::find_from_start(std::string_view name, std::uint32_t& hint) const noexcept {
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (detail::same_text(entries_[i].first, name)) {
      hint = static_cast<std::uint32_t>(i);
      return &entries_[i].second;
    }
  }
  return nullptr;
}

const value* property_object::find(std::string_view name) const noexcept {
  for (const auto& [key, v] : entries_) {
    if (detail::same_text(key, name)) return &v;
  }
  return nullptr;
}

}  // namespace streamhub::graphql
