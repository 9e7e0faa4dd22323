#include "protocol/graphql/validation/document_cache.hpp"

#include <algorithm>
#include <functional>
#include <utility>

namespace streamhub::graphql {

namespace {

// What a parsed document holds beyond its text: the parser sizes its arena
// at four times the source (parser.cpp), plus the document's own copy.
std::size_t document_charge(std::string_view text) { return text.size() * 5 + 512; }

std::size_t errors_charge(std::span<const graphql_error> errors) {
  std::size_t bytes = 0;
  for (const auto& e : errors) {
    bytes += sizeof(graphql_error) + e.message.size() + e.locations.size() * sizeof(source_location);
  }
  return bytes;
}

}  // namespace

std::shared_ptr<const cached_document> cached_document::make(const schema& schema, std::string_view text,
                                                             const document_cache_options& options) {
  auto out = std::make_shared<cached_document>();
  auto parsed = parse_executable(text, options.parse);
  if (!parsed) {
    out->errors_ = std::move(parsed).errors();
  } else {
    out->doc_ = std::move(*parsed);
    out->errors_ = validate(schema, *out->doc_, options.validation);
    if (out->errors_.empty()) {
      for (const definition_node* def : out->doc_->definitions()) {
        if (def->kind != definition_kind::operation) continue;
        const auto& op = def->as<operation_definition_node>();
        out->operations_.push_back({&op, analyze(schema, *out->doc_, op, {}, options.analysis)});
      }
    }
  }
  out->charge_ = sizeof(cached_document) + (out->doc_ ? document_charge(text) : 0) +
                 errors_charge(out->errors_) + out->operations_.size() * sizeof(cached_operation);
  return out;
}

outcome<const cached_operation*> cached_document::select(std::string_view operation_name) const {
  auto op = find_operation(*doc_, operation_name);
  if (!op) return std::move(op).errors();
  for (const cached_operation& cached : operations_) {
    if (cached.node == *op) return &cached;
  }
  return graphql_error("Must provide an operation.");  // unreachable for valid documents
}

namespace {

document_cache_options with_a_shard(document_cache_options options) {
  options.shards = std::max<std::size_t>(options.shards, 1);
  return options;
}

std::size_t share(std::size_t total, std::size_t parts) { return (total + parts - 1) / parts; }

}  // namespace

document_cache::document_cache(document_cache_options options)
    : options_(with_a_shard(std::move(options))),
      shard_entries_(share(options_.max_entries, options_.shards)),
      shard_bytes_(share(options_.max_bytes, options_.shards)),
      shards_(std::make_unique<shard[]>(options_.shards)) {}

std::shared_ptr<const cached_document> document_cache::get(const std::shared_ptr<const schema>& schema,
                                                           std::string_view text) {
  const std::size_t hash =
      std::hash<std::string_view>{}(text) ^ (std::hash<const void*>{}(schema.get()) * 0x9E3779B97F4A7C15ull);
  // The map buckets by the low bits; shards take the high ones.
  shard& s = shards_[(hash >> 48) % options_.shards];
  const key lookup{hash, schema.get(), text};
  {
    std::lock_guard lock(s.mutex);
    if (const auto it = s.index.find(lookup); it != s.index.end()) {
      s.lru.splice(s.lru.begin(), s.lru, it->second);
      ++s.hits;
      return it->second->value;
    }
    ++s.misses;
  }

  // Made outside the lock: other lookups in the shard go on meanwhile. Two
  // threads missing the same text both make it; the first to insert wins.
  auto value = cached_document::make(*schema, text, options_);
  const std::size_t charge = value->charge() + sizeof(entry) + text.size() + 64;
  if (charge > shard_bytes_ || shard_entries_ == 0) return value;

  std::vector<entry> evicted;
  {
    std::lock_guard lock(s.mutex);
    if (const auto it = s.index.find(lookup); it != s.index.end()) {
      s.lru.splice(s.lru.begin(), s.lru, it->second);
      return it->second->value;
    }
    s.lru.push_front(entry{std::string(text), schema, hash, value, charge});
    s.index.emplace(key{hash, schema.get(), s.lru.front().text}, s.lru.begin());
    s.bytes += charge;
    evict(s, evicted);
  }
  return value;  // `evicted` is destroyed here, outside the lock
}

void document_cache::evict(shard& s, std::vector<entry>& evicted) {
  while (s.lru.size() > 1 && (s.lru.size() > shard_entries_ || s.bytes > shard_bytes_)) {
    entry& victim = s.lru.back();
    s.index.erase(key{victim.hash, victim.schema.get(), victim.text});
    s.bytes -= victim.charge;
    ++s.evictions;
    evicted.push_back(std::move(victim));
    s.lru.pop_back();
  }
}

document_cache::stats document_cache::statistics() const {
  stats total;
  for (std::size_t i = 0; i < options_.shards; ++i) {
    const shard& s = shards_[i];
    std::lock_guard lock(s.mutex);
    total.hits += s.hits;
    total.misses += s.misses;
    total.evictions += s.evictions;
    total.entries += s.lru.size();
    total.bytes += s.bytes;
  }
  return total;
}

void document_cache::clear() {
  for (std::size_t i = 0; i < options_.shards; ++i) {
    shard& s = shards_[i];
    std::list<entry> dropped;
    {
      std::lock_guard lock(s.mutex);
      s.index.clear();
      dropped.swap(s.lru);
      s.bytes = 0;
    }
  }
}

}  // namespace streamhub::graphql
