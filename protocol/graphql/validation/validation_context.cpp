#include "protocol/graphql/validation/validation_context.hpp"

#include <algorithm>
#include <memory_resource>
#include <unordered_set>

#include "protocol/graphql/lexer.hpp"
#include "protocol/graphql/validation/rules.hpp"
#include "protocol/graphql/validation/walker.hpp"

namespace streamhub::graphql::detail {

validation_context::validation_context(const graphql::schema& s, const document& doc,
                                       const validation_options& options)
    : schema_(s),
      doc_(doc),
      options_(options),
      arena_(doc.source().size() * 2 + 4096),
      types_(s, &arena_),
      fragments_(doc, &arena_),
      defs_(&arena_),
      defined_type_list_(&arena_),
      defined_types_(&arena_) {
  defs_.resize(doc.definitions().size());
  for (const definition_node* def : doc.definitions()) {
    if (type_definition_node::is(def->kind)) {
      const std::string_view name = def->as<type_definition_node>().name.value;
      if (defined_types_.insert(name).second) defined_type_list_.push_back(name);
    }
  }
}

void validation_context::report(std::string message, std::span<const std::uint32_t> offsets) {
  if (aborted_) return;
  if (errors_.size() >= options_.max_errors) {
    errors_.emplace_back("Too many validation errors, error limit reached. Validation aborted.");
    aborted_ = true;
    return;
  }
  graphql_error& err = errors_.emplace_back(std::move(message));
  err.locations.reserve(offsets.size());
  for (const std::uint32_t offset : offsets) err.locations.push_back(locate(offset));
}

bool validation_context::spend(std::size_t units) {
  if (aborted_) return false;
  work_ += units;
  if (work_ <= options_.max_work) return true;
  give_up();
  return false;
}

void validation_context::give_up() {
  if (aborted_) return;
  errors_.emplace_back("The document is too complex to validate. Validation aborted.");
  aborted_ = true;
}

bool validation_context::check_nesting() {
  if (fragments_.max_nesting() <= options_.max_nesting) return true;
  errors_.emplace_back("Fragment spreads nest deeper than the limit of " +
                       std::to_string(options_.max_nesting) + ".");
  aborted_ = true;
  return false;
}

// Lines start after \n, \r\n or a lone \r; a column is then the UTF-16
// length of the line up to the offset, which document::locate measures.
// Consecutive offsets on one line (an error's many locations) continue from
// the previous one rather than rescanning the line.
source_location validation_context::locate(std::uint32_t offset) {
  const std::string_view text = doc_.source();
  if (line_starts_.empty()) {
    line_starts_.push_back(0);
    for (std::uint32_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) {
        line_starts_.push_back(i + 1);
      }
    }
  }
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset) - 1;
  const auto line = static_cast<std::uint32_t>(it - line_starts_.begin()) + 1;
  std::uint32_t from = *it;
  std::uint32_t column = 1;
  if (last_.line == line && last_offset_ <= offset) {
    from = last_offset_;
    column = last_.column;
  }
  column += document::locate(text.substr(from), offset - from).column - 1;
  last_ = {line, column};
  last_offset_ = offset;
  return last_;
}

std::span<const fragment_definition_node* const> validation_context::referenced_fragments(
    const operation_definition_node& op) {
  definition_state& state = defs_[fragments_.index_of(op)];
  if (state.referenced_ready) return state.referenced;
  state.referenced_ready = true;
  std::pmr::unordered_set<std::string_view> collected(&arena_);
  std::pmr::vector<std::size_t> to_visit(&arena_);
  to_visit.push_back(fragments_.index_of(op));
  while (!to_visit.empty()) {
    const std::size_t index = to_visit.back();
    to_visit.pop_back();
    const auto spreads = fragments_.spreads(index);
    if (!spend(spreads.size() + 1)) break;
    for (const fragment_spread_node* spread : spreads) {
      if (!collected.insert(spread->name.value).second) continue;
      const fragment_definition_node* fragment = fragments_.find(spread->name.value);
      if (fragment == nullptr) continue;
      state.referenced.push_back(fragment);
      to_visit.push_back(fragments_.index_of(*fragment));
    }
  }
  return state.referenced;
}

std::pmr::vector<variable_usage>* validation_context::usage_sink(const definition_node& def) {
  definition_state& state = defs_[fragments_.index_of(def)];
  return state.usages_ready ? nullptr : &state.usages;
}

std::span<const variable_usage> validation_context::variable_usages(const definition_node& def) {
  definition_state& state = defs_[fragments_.index_of(def)];
  if (!state.usages_ready && def.kind == definition_kind::fragment) {
    // graphql-js walks each definition with a fresh TypeInfo, as here.
    type_info types(schema_, &arena_);
    variable_usage_collector collector(*this, types);
    walker(*this, types, collector).walk(def.as<fragment_definition_node>());
  }
  return state.usages;
}

// The tree keeps no offset for selection sets: lex from the field's name
// to the first "{" outside the arguments' parentheses.
std::uint32_t validation_context::selection_set_offset(const field_node& field) const {
  const std::uint32_t start = field.name.offset;
  std::pmr::monotonic_buffer_resource strings;
  lexer lex(doc_.source().substr(start), &strings);
  token tok;
  int parens = 0;
  while (lex.next(tok) && tok.kind != token_kind::eof) {
    if (tok.kind == token_kind::paren_l) ++parens;
    if (tok.kind == token_kind::paren_r) --parens;
    if (tok.kind == token_kind::brace_l && parens == 0) return start + tok.start;
  }
  return field.offset;
}

}  // namespace streamhub::graphql::detail
