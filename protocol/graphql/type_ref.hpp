#pragma once
// A reference to a schema type: a named type inside zero or more list and
// non-null wrappers, e.g. [Episode!]!. A small value (pointer + two ints),
// cheap to copy and compare; the named type belongs to a schema.

#include <cstdint>
#include <string>

namespace streamhub::graphql {

class named_type;

class type_ref {
 public:
  /// Wrappers can nest at most this deep (the builder rejects deeper types).
  static constexpr unsigned max_depth = 32;

  constexpr type_ref() = default;
  constexpr explicit type_ref(const graphql::named_type* named) noexcept : named_(named) {}

  /// The innermost named type; null for a default-constructed reference.
  const graphql::named_type* named_type() const noexcept { return named_; }
  bool empty() const noexcept { return named_ == nullptr; }

  bool is_non_null() const noexcept { return depth_ > 0 && (bits_ & 1u) == 0; }
  bool is_list() const noexcept { return depth_ > 0 && (bits_ & 1u) != 0; }
  /// No wrapper at all: the reference is the named type itself.
  bool is_named() const noexcept { return depth_ == 0; }
  unsigned depth() const noexcept { return depth_; }

  /// The type inside the outermost wrapper. REQUIRES: !is_named().
  type_ref of_type() const noexcept {
    type_ref r = *this;
    r.bits_ >>= 1;
    --r.depth_;
    return r;
  }
  /// Without an outermost non-null wrapper, if any.
  type_ref nullable() const noexcept { return is_non_null() ? of_type() : *this; }

  /// [this]. REQUIRES: depth() < max_depth.
  type_ref list_of() const noexcept { return wrapped(1u); }
  /// this!. REQUIRES: depth() < max_depth and !is_non_null().
  type_ref non_null() const noexcept { return wrapped(0u); }

  /// GraphQL notation, e.g. "[Episode!]!". REQUIRES: !empty().
  std::string to_string() const;

  friend bool operator==(const type_ref&, const type_ref&) = default;

 private:
  type_ref wrapped(std::uint32_t list_bit) const noexcept {
    type_ref r = *this;
    r.bits_ = (bits_ << 1) | list_bit;
    ++r.depth_;
    return r;
  }

  const graphql::named_type* named_ = nullptr;
  /// Bit i describes wrapper i counted from the outside: 1 list, 0 non-null.
  std::uint32_t bits_ = 0;
  std::uint32_t depth_ = 0;
};

}  // namespace streamhub::graphql
