#pragma once
// A cache of parsed, validated and analysed documents for the gateway, so a
// query sent again (the usual case: clients send the same few documents)
// costs one hash of its text and one lookup instead of parse + validate.
//
// Keyed by the exact document text and the schema it was validated
// against. An entry holds either the shared document with the analysis of
// each of its operations, or the errors that rejected it (syntax or
// validation), so a repeatedly sent invalid document is cheap too.
//
// Bounded by entries and by bytes (an estimate of what an entry holds:
// text, syntax tree, errors), least recently used first out. As in
// leveldb's ShardedLRUCache, the cache is split into shards by hash, each
// with its own mutex, LRU list and share of the bounds, so concurrent
// lookups of different documents rarely wait for each other.
//
// Thread-safety: every method may be called from any thread. Entries are
// immutable and shared: what get() returns stays valid after eviction.

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "protocol/graphql/document.hpp"
#include "protocol/graphql/graphql_error.hpp"
#include "protocol/graphql/parser.hpp"
#include "protocol/graphql/schema.hpp"
#include "protocol/graphql/validation/operation_analysis.hpp"
#include "protocol/graphql/validation/validate.hpp"

namespace streamhub::graphql {

struct document_cache_options {
  /// Bounds on the whole cache (each shard gets an equal share).
  std::size_t max_entries = 4096;
  std::size_t max_bytes = 64u << 20;
  /// Independently locked parts (at least 1).
  std::size_t shards = 16;
  parse_limits parse;
  validation_options validation;
  /// Used for the analyses stored with each operation.
  analysis_options analysis;
};

/// One operation of a valid document, analysed without variables.
struct cached_operation {
  const operation_definition_node* node = nullptr;  // into the document
  operation_analysis analysis;
};

/// A document as parse + validate + analyze left it. Immutable.
class cached_document {
 public:
  /// Parses, validates (against `schema`) and analyses `text`: what a cache
  /// miss does.
  static std::shared_ptr<const cached_document> make(const schema& schema, std::string_view text,
                                                     const document_cache_options& options);

  /// Null when the text did not parse.
  const std::shared_ptr<const document>& doc() const noexcept { return doc_; }
  /// The syntax error or the validation errors; empty when valid.
  std::span<const graphql_error> errors() const noexcept { return errors_; }
  bool valid() const noexcept { return errors_.empty(); }
  /// Every operation, in document order; empty when not valid.
  std::span<const cached_operation> operations() const noexcept { return operations_; }
  /// The operation a request names (find_operation's rules and errors).
  /// REQUIRES: valid().
  outcome<const cached_operation*> select(std::string_view operation_name) const;
  /// Approximate bytes this entry holds, as the cache charges it.
  std::size_t charge() const noexcept { return charge_; }

 private:
  std::shared_ptr<const document> doc_;
  std::vector<graphql_error> errors_;
  std::vector<cached_operation> operations_;
  std::size_t charge_ = 0;
};

class document_cache {
 public:
  explicit document_cache(document_cache_options options = {});
  document_cache(const document_cache&) = delete;
  document_cache& operator=(const document_cache&) = delete;

  /// `text` prepared for `schema`: from the cache, or made now on the
  /// calling thread (cached_document::make) and cached. Never null.
  /// Entries larger than a shard's byte share are returned uncached.
  /// REQUIRES: schema != nullptr (the entry keeps it alive, so a new schema
  /// at the same address can never match an old entry).
  std::shared_ptr<const cached_document> get(const std::shared_ptr<const schema>& schema,
                                             std::string_view text);

  struct stats {
    std::uint64_t hits = 0;
    std::uint64_t misses = 0;
    std::uint64_t evictions = 0;
    std::size_t entries = 0;
    std::size_t bytes = 0;
  };
  /// Summed over the shards (each read under its lock, so not one instant).
  stats statistics() const;

  /// Drops every entry.
  void clear();

 private:
  struct entry {
    std::string text;
    std::shared_ptr<const graphql::schema> schema;
    std::size_t hash = 0;
    std::shared_ptr<const cached_document> value;
    std::size_t charge = 0;
  };
  struct key {
    std::size_t hash;
    const graphql::schema* schema;
    std::string_view text;  // the entry's own copy, or the caller's text
  };
  struct key_hash {
    std::size_t operator()(const key& k) const noexcept { return k.hash; }
  };
  struct key_equal {
    bool operator()(const key& a, const key& b) const noexcept {
      return a.hash == b.hash && a.schema == b.schema && a.text == b.text;
    }
  };
  struct shard {
    mutable std::mutex mutex;
    std::list<entry> lru;  // most recently used first
    std::unordered_map<key, std::list<entry>::iterator, key_hash, key_equal> index;
    std::size_t bytes = 0;
    std::uint64_t hits = 0;
    std::uint64_t misses = 0;
    std::uint64_t evictions = 0;
  };

  /// Removes least recently used entries past the shard's bounds into
  /// `evicted` (destroyed by the caller outside the lock).
  void evict(shard& s, std::vector<entry>& evicted);

  document_cache_options options_;
  std::size_t shard_entries_;
  std::size_t shard_bytes_;
  std::unique_ptr<shard[]> shards_;
};

}  // namespace streamhub::graphql
