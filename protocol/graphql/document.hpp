#pragma once
// A parsed GraphQL document: the source text and the syntax tree over it.
//
// A document owns its source (a std::string) and an arena holding every node;
// see ast.hpp for what points where. It is immutable once parsed and shared
// as std::shared_ptr<const document>, so caches and concurrent readers need
// no locking. Only the parser creates documents.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <memory_resource>
#include <span>
#include <string>
#include <string_view>

#include "protocol/graphql/ast.hpp"
#include "protocol/graphql/graphql_error.hpp"

namespace streamhub::graphql {

namespace detail {
class parser;
}

class document {
 public:
  /// Only the parser can name this, hence only it constructs documents.
  class passkey {
    passkey() = default;
    friend class detail::parser;
  };

  /// `arena_hint`: initial arena size in bytes.
  document(passkey, std::string source, std::size_t arena_hint);
  document(const document&) = delete;
  document& operator=(const document&) = delete;

  std::string_view source() const noexcept { return source_; }
  /// In source order.
  std::span<const definition_node* const> definitions() const noexcept { return definitions_; }

  /// Line and column of a byte offset into source(); see locate().
  source_location location(std::uint32_t offset) const noexcept {
    return locate(source_, offset);
  }

  /// Line and column (1-based) of byte `offset` in `source`. Lines end at
  /// \n, \r\n or \r; columns count UTF-16 code units, as graphql-js does.
  /// An offset past the end is clamped to the end.
  static source_location locate(std::string_view source, std::size_t offset) noexcept;

 private:
  friend class detail::parser;

  std::string source_;
  std::pmr::monotonic_buffer_resource arena_;
  std::span<const definition_node* const> definitions_;
};

/// A node parsed on its own (parse_value, parse_type) with the document
/// that owns it.
template <class Node>
struct parsed {
  std::shared_ptr<const document> owner;
  const Node* node = nullptr;

  const Node& operator*() const noexcept { return *node; }
  const Node* operator->() const noexcept { return node; }
};

}  // namespace streamhub::graphql
