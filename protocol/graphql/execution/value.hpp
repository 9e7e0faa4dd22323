#pragma once
// The values that flow through execution: what resolvers return, what
// coerced arguments and variables hold, what leaf serialisers read.
//
// A `value` is one of:
//   null; boolean; integer (64-bit; Int's 32-bit range is checked when an
//   Int field is serialised); floating (double); string (also enum values,
//   by name, and IDs); list; object; json (pre-serialised JSON text, written
//   verbatim by custom scalars).
//
// Objects are type-erased handles the application's resolvers understand:
// a pointer plus a type tag (tag_of<T>()), so `as<T>()` is a checked cast
// without RTTI, and optionally the name of the object's GraphQL type (used
// to resolve interfaces and unions). A `property_object` (name -> value) is
// the object the default resolver reads; coerced input objects are
// property_objects too.
//
// Ownership. Strings, lists and objects are either owned (copying the value
// copies a short string or bumps a reference count) or borrowed (`view`
// factories: the value points at memory someone else keeps alive). The
// executor keeps a field's parent value alive while it completes the
// field's value, so a resolver may borrow from its parent (e.g. return
// value::view(user->name) for a parent holding `user`). A value passed to a
// completer later (deferred resolution) must own its data or borrow only
// from memory that outlives the whole execution (the schema, static text).
//
// Thread-safety: a value is a plain value type; concurrent reads are safe,
// owned parts are immutable and shared by reference count.

#include <concepts>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace streamhub::graphql {

/// Identity of a C++ type stored in an object value (no RTTI needed).
using type_tag = const void*;

namespace detail {
template <class T>
inline constexpr char type_tag_anchor = 0;
}  // namespace detail

template <class T>
constexpr type_tag tag_of() noexcept {
  return &detail::type_tag_anchor<std::remove_cv_t<T>>;
}

namespace detail {
/// Byte equality of names, inline: names are short and usually differ in
/// length. Equal names (the common outcome of a lookup) are compared a
/// word at a time, the last word overlapping the one before, rather than
/// byte by byte.
inline bool same_text(std::string_view a, std::string_view b) noexcept {
  const std::size_t n = a.size();
  if (n != b.size()) return false;
  const auto word = [](std::string_view s, std::size_t at) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + at, sizeof w);
    return w;
  };
  if (n >= 8) {
    for (std::size_t i = 0; i + 8 < n; i += 8) {
      if (word(a, i) != word(b, i)) return false;
    }
    return word(a, n - 8) == word(b, n - 8);
  }
  if (n >= 4) {
    std::uint32_t x[2], y[2];
    std::memcpy(&x[0], a.data(), 4);
    std::memcpy(&x[1], a.data() + n - 4, 4);
    std::memcpy(&y[0], b.data(), 4);
    std::memcpy(&y[1], b.data() + n - 4, 4);
    return x[0] == y[0] && x[1] == y[1];
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}
}  // namespace detail

enum class value_type : std::uint8_t { null, boolean, integer, floating, string, list, object, json };

class property_object;

class value {
 public:
  /// Null.
  value() noexcept = default;
  value(std::nullptr_t) noexcept {}
  template <class B>
    requires std::same_as<B, bool>
  value(B b) noexcept : type_(value_type::boolean) {
    num_.b = b;
  }
  /// Any integer type (unsigned values above INT64_MAX wrap: don't).
  template <std::integral I>
    requires(!std::same_as<I, bool>)
  value(I i) noexcept : type_(value_type::integer) {
    num_.i = static_cast<std::int64_t>(i);
  }
  template <std::floating_point F>
  value(F f) noexcept : type_(value_type::floating) {
    num_.f = static_cast<double>(f);
  }
  /// An owned string (short ones are stored inline, without allocation).
  value(std::string s) noexcept : type_(value_type::string), owns_text_(true), owned_(std::move(s)) {}
  /// An owned copy of the text.
  value(const char* s) : value(std::string(s)) {}

  /// A borrowed string: `s` must outlive every use of the value.
  static value view(std::string_view s) noexcept;
  /// An enum value by name (borrowed: names are usually literals or
  /// schema text).
  static value enum_value(std::string_view name) noexcept { return view(name); }
  /// A list that owns its items (one allocation).
  static value list(std::vector<value> items);
  static value list(std::shared_ptr<const std::vector<value>> items) noexcept;
  /// A borrowed list.
  static value list_view(const std::vector<value>& items) noexcept;
  /// An application object kept alive by `obj`. `type_name` names its
  /// GraphQL object type when it may be returned for an interface or union
  /// (borrowed; usually a literal). `word` is a free 64-bit payload.
  template <class T>
  static value object(std::shared_ptr<const T> obj, std::string_view type_name = {},
                      std::uint64_t word = 0) noexcept {
    value v = object_view(obj.get(), type_name, word);
    v.owner_ = std::move(obj);
    return v;
  }
  /// A borrowed application object.
  template <class T>
  static value object_view(const T* obj, std::string_view type_name = {},
                           std::uint64_t word = 0) noexcept {
    value v;
    v.type_ = value_type::object;
    v.ptr_ = obj;
    v.tag_ = tag_of<T>();
    v.text_ = type_name;
    v.num_.word = word;
    return v;
  }
  /// A property object, owned (one allocation) or shared.
  static value properties(property_object obj, std::string_view type_name = {});
  static value properties(std::shared_ptr<const property_object> obj,
                          std::string_view type_name = {}) noexcept;
  /// JSON text a custom scalar writes verbatim. REQUIRES: valid JSON.
  static value raw_json(std::string json) noexcept;

  value_type type() const noexcept { return type_; }
  bool is_null() const noexcept { return type_ == value_type::null; }
  bool is_list() const noexcept { return type_ == value_type::list; }
  bool is_object() const noexcept { return type_ == value_type::object; }

  /// The contents when of that type (REQUIRES for the unchecked ones).
  bool as_bool() const noexcept { return num_.b; }
  std::int64_t as_int() const noexcept { return num_.i; }
  double as_float() const noexcept { return num_.f; }
  /// string and json: the text.
  std::string_view as_string() const noexcept { return owns_text_ ? std::string_view(owned_) : text_; }
  /// list: the items; empty for other types.
  std::span<const value> as_list() const noexcept;

  /// Checked reads: nullopt when the value has another type. get_float
  /// also accepts integers (input coercion keeps a variable's own type).
  std::optional<bool> get_bool() const noexcept;
  std::optional<std::int64_t> get_int() const noexcept;
  std::optional<double> get_float() const noexcept;
  std::optional<std::string_view> get_string() const noexcept;

  /// object: the application object if it is a T, else null.
  template <class T>
  const T* as() const noexcept {
    return type_ == value_type::object && tag_ == tag_of<T>() ? static_cast<const T*>(ptr_)
                                                             : nullptr;
  }
  /// object: the property object, or null.
  const property_object* as_properties() const noexcept { return as<property_object>(); }
  /// object: its type tag.
  type_tag object_tag() const noexcept { return type_ == value_type::object ? tag_ : nullptr; }
  /// object: the GraphQL type name given when creating it (for a property
  /// object without one, its "__typename" property if that is a string).
  std::string_view object_type_name() const noexcept;
  /// object: the payload word given when creating it.
  std::uint64_t object_word() const noexcept { return num_.word; }

 private:
  value_type type_ = value_type::null;
  bool owns_text_ = false;
  union {
    bool b;
    std::int64_t i;
    double f;
    std::uint64_t word;
  } num_{.i = 0};
  /// Borrowed string or json text; object: its type name.
  std::string_view text_;
  /// list: const std::vector<value>*; object: the object.
  const void* ptr_ = nullptr;
  type_tag tag_ = nullptr;
  /// Keeps ptr_ alive when owned.
  std::shared_ptr<const void> owner_;
  /// Owned string or json text.
  std::string owned_;
};

/// A name -> value map in insertion order: the object the default resolver
/// reads by field name, and the form of coerced input objects. Lookups are
/// linear, which beats hashing for the few properties objects usually have.
class property_object {
 public:
  using entry = std::pair<std::string, value>;

  property_object() = default;
  explicit property_object(std::vector<entry> entries) : entries_(std::move(entries)) {}

  /// Replaces the value of `name`, or appends it.
  property_object& set(std::string_view name, value v);
  /// Appends without looking for an existing `name` (the caller knows).
  property_object& add(std::string name, value v);

  /// Null when absent.
  const value* find(std::string_view name) const noexcept;
  /// The same, trying entry `hint` first and setting it to where `name`
  /// was found: callers reading many objects of one shape keep a hint.
  const value* find(std::string_view name, std::uint32_t& hint) const noexcept {
    if (hint < entries_.size() && detail::same_text(entries_[hint].first, name)) {
      return &entries_[hint].second;
    }
    return find_from_start(name, hint);
  }
  std::span<const entry> entries() const noexcept { return entries_; }
  std::size_t size() const noexcept { return entries_.size(); }
  bool empty() const noexcept { return entries_.empty(); }

 private:
  const value* find_from_start(std::string_view name, std::uint32_t& hint) const noexcept;

  std::vector<entry> entries_;
};

}  // namespace streamhub::graphql
