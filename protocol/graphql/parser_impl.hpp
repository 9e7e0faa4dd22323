#pragma once
// Internal to the parser: the recursive-descent parser shared by
// parser.cpp (entry points, tokens, values, types, directives),
// parse_executable.cpp and parse_type_system.cpp.
//
// Errors are sticky: the first one is recorded and the token stream then
// reads <EOF> forever, so every loop and recursion winds down without a
// check after each call. Loops test ok() where <EOF> would not end them.
//
// Lists are collected on one byte stack (no allocation per list) and copied
// into the document's arena when complete; nested lists complete before
// their parent's next item is pushed, so one stack serves all.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <memory_resource>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "protocol/graphql/ast.hpp"
#include "protocol/graphql/document.hpp"
#include "protocol/graphql/lexer.hpp"
#include "protocol/graphql/parser.hpp"

namespace streamhub::graphql::detail {

class parser {
 public:
  enum class mode : std::uint8_t { any, type_system };

  parser(std::string_view source, const parse_limits& limits);

  /// Each parses the whole source; check ok() / take_error() after.
  void parse_document(mode m);
  const value_node* parse_whole_value(bool constant);
  const type_node* parse_whole_type();

  bool ok() const noexcept { return error_message_.empty(); }
  graphql_error take_error() const;
  std::shared_ptr<document> take_document() { return std::move(doc_); }

 private:
  // Tokens.
  void start();
  void advance();
  const token& lookahead();
  bool peek(token_kind kind) const noexcept { return tok_.kind == kind; }
  bool peek_keyword(std::string_view word) const noexcept {
    return tok_.kind == token_kind::name && tok_.value == word;
  }
  token expect(token_kind kind);
  bool expect_optional(token_kind kind);
  void expect_keyword(std::string_view word);
  bool expect_optional_keyword(std::string_view word);
  void unexpected(const token& at);
  void unexpected() { unexpected(tok_); }
  void fail(std::uint32_t offset, std::string message);
  void expect_end();
  /// Enters one nesting level at `offset`; false (and an error) beyond
  /// max_depth. Pair with leave().
  bool enter(std::uint32_t offset);
  void leave() noexcept { --depth_; }

  // Arena and list building.
  template <class T>
  T* make() {
    static_assert(std::is_trivially_destructible_v<T>);
    return new (arena().allocate(sizeof(T), alignof(T))) T{};
  }
  template <class T>
  void push(const T& item) {
    static_assert(std::is_trivially_copyable_v<T>);
    const std::size_t at = stack_.size();
    stack_.resize(at + padded<T>());
    std::memcpy(stack_.data() + at, &item, sizeof(T));
  }
  /// Moves the items pushed since `mark` into the arena.
  template <class T>
  std::span<const T> pop(std::size_t mark) {
    const std::size_t count = (stack_.size() - mark) / padded<T>();
    if (count == 0) {
      stack_.resize(mark);
      return {};
    }
    auto* out = static_cast<T*>(arena().allocate(count * sizeof(T), alignof(T)));
    for (std::size_t i = 0; i < count; ++i) {
      std::memcpy(static_cast<void*>(out + i), stack_.data() + mark + i * padded<T>(), sizeof(T));
    }
    stack_.resize(mark);
    return {out, count};
  }
  std::size_t mark() const noexcept { return stack_.size(); }
  template <class T>
  static constexpr std::size_t padded() {
    return (sizeof(T) + 7) & ~std::size_t{7};
  }
  std::pmr::memory_resource& arena() noexcept { return doc_->arena_; }

  // Shared grammar (parser.cpp).
  name_node parse_name();
  value_node parse_value_literal(bool constant);
  value_node parse_string_literal();
  std::span<const argument_node> parse_arguments(bool constant);
  std::span<const directive_node> parse_directives(bool constant);
  const type_node* parse_type_reference();
  name_node parse_named_type() { return parse_name(); }
  void parse_definition(mode m);

  // Executable definitions (parse_executable.cpp).
  const definition_node* parse_operation_definition();
  operation_type parse_operation_type();
  std::span<const variable_definition_node> parse_variable_definitions();
  selection_span parse_selection_set();
  const selection_node* parse_selection();
  const selection_node* parse_field();
  const selection_node* parse_fragment();
  const definition_node* parse_fragment_definition();
  name_node parse_fragment_name();

  // Type system definitions (parse_type_system.cpp).
  const value_node* parse_description();
  /// Starts a type definition or extension: [description | extend]
  /// keyword Name.
  template <class T>
  T* begin_type_definition(definition_kind kind, bool extension, std::string_view keyword);
  const definition_node* parse_type_system_definition(const token& keyword);
  const definition_node* parse_type_system_extension();
  const definition_node* parse_schema_definition(bool extension);
  const definition_node* parse_scalar_definition(bool extension);
  const definition_node* parse_object_or_interface(bool extension, bool interface);
  const definition_node* parse_union_definition(bool extension);
  const definition_node* parse_enum_definition(bool extension);
  const definition_node* parse_input_object_definition(bool extension);
  const definition_node* parse_directive_definition();
  std::span<const name_node> parse_implements_interfaces();
  std::span<const field_definition_node> parse_fields_definition();
  std::span<const input_value_definition_node> parse_input_value_defs(token_kind open,
                                                                      token_kind close);
  input_value_definition_node parse_input_value_def();
  std::span<const enum_value_definition_node> parse_enum_values_definition();
  std::span<const name_node> parse_union_member_types();
  std::span<const name_node> parse_directive_locations();

  parse_limits limits_;
  std::shared_ptr<document> doc_;  // owns the copy of the source we parse
  std::string_view source_;
  lexer lexer_;
  token tok_;
  token peeked_;
  bool has_peeked_ = false;
  std::size_t token_count_ = 0;
  std::size_t depth_ = 0;
  std::vector<std::byte> stack_;
  std::uint32_t error_offset_ = 0;
  std::string error_message_;
};

}  // namespace streamhub::graphql::detail
