#include "protocol/graphql/validation/operation_analysis.hpp"

#include <algorithm>
#include <charconv>
#include <limits>
#include <string>
#include <unordered_map>

namespace streamhub::graphql {

outcome<const operation_definition_node*> find_operation(const document& doc,
                                                         std::string_view operation_name) {
  const operation_definition_node* found = nullptr;
  for (const definition_node* def : doc.definitions()) {
    if (def->kind != definition_kind::operation) continue;
    const auto& op = def->as<operation_definition_node>();
    if (operation_name.empty()) {
      if (found != nullptr) {
        return graphql_error("Must provide operation name if query contains multiple operations.");
      }
      found = &op;
    } else if (op.name.value == operation_name) {
      found = &op;
    }
  }
  if (found != nullptr) return found;
  if (!operation_name.empty()) {
    return graphql_error("Unknown operation named \"" + std::string(operation_name) + "\".");
  }
  return graphql_error("Must provide an operation.");
}

namespace {

constexpr std::uint64_t saturated = std::numeric_limits<std::uint64_t>::max();

std::uint64_t add(std::uint64_t a, std::uint64_t b) { return a > saturated - b ? saturated : a + b; }

std::uint64_t multiply(std::uint64_t a, std::uint64_t b) {
  if (a == 0 || b == 0) return 0;
  return a > saturated / b ? saturated : a * b;
}

std::optional<std::uint64_t> int_literal(const value_node* value) {
  if (value == nullptr || value->kind != value_kind::int_) return std::nullopt;
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(value->text.data(), value->text.data() + value->text.size(), v);
  if (ec == std::errc::result_out_of_range) return value->text.starts_with('-') ? 0 : saturated;
  if (ec != std::errc()) return std::nullopt;
  return static_cast<std::uint64_t>(std::max<std::int64_t>(v, 0));
}

struct figures {
  std::uint32_t depth = 0;
  std::uint64_t fields = 0;
  std::uint64_t aliases = 0;
  std::uint64_t cost = 0;

  void merge(const figures& other) {
    depth = std::max(depth, other.depth);
    fields = add(fields, other.fields);
    aliases = add(aliases, other.aliases);
    cost = add(cost, other.cost);
  }
};

class analyzer {
 public:
  analyzer(const schema& s, const document& doc, const operation_definition_node& op,
           const int_variable_lookup& variables, const analysis_options& options)
      : schema_(s), op_(op), variables_(variables), options_(options) {
    for (const definition_node* def : doc.definitions()) {
      if (def->kind == definition_kind::fragment) {
        const auto& fragment = def->as<fragment_definition_node>();
        fragments_[fragment.name.value] = &fragment;
      }
    }
  }

  operation_analysis run() {
    const figures f = selection(schema_.root_type(op_.operation), op_.selection_set);
    return {f.depth, f.fields, f.aliases, f.cost, uses_variables_};
  }

 private:
  // `in_page`: the selection of a paginated object (a Relay connection),
  // whose lists (edges, nodes) are the page its field already counted.
  figures selection(const named_type* parent, selection_span set, bool in_page = false) {
    figures total;
    for (const selection_node* sel : set) {
      switch (sel->kind) {
        case selection_kind::field: total.merge(field(parent, sel->as<field_node>(), in_page)); break;
        case selection_kind::inline_fragment: {
          const auto& inline_fragment = sel->as<inline_fragment_node>();
          const named_type* t = inline_fragment.type_condition.empty()
                                    ? parent
                                    : schema_.find_type(inline_fragment.type_condition.value);
          total.merge(selection(t, inline_fragment.selection_set, in_page));
          break;
        }
        case selection_kind::fragment_spread:
          total.merge(fragment(sel->as<fragment_spread_node>().name.value, in_page));
          break;
      }
    }
    return total;
  }

  figures field(const named_type* parent, const field_node& node, bool in_page) {
    const field_def* def = parent != nullptr ? schema_.find_field(*parent, node.name.value) : nullptr;
    const bool list = def != nullptr && def->type.nullable().is_list();
    const bool paged = def != nullptr && (def->find_argument("first") != nullptr || def->find_argument("last") != nullptr);
    figures sub;
    if (!node.selection_set.empty()) {
      sub = selection(def != nullptr ? def->type.named_type() : nullptr, node.selection_set, paged && !list);
    }
    std::uint64_t multiplier = 1;
    if (paged) multiplier = items(*def, node);
    else if (list && !in_page) multiplier = options_.default_list_size;
    figures f;
    f.depth = sub.depth + 1;
    f.fields = add(sub.fields, 1);
    f.aliases = add(sub.aliases, node.alias.empty() ? 0 : 1);
    f.cost = add(multiply(sub.cost, multiplier), 1);
    if (introspection(node)) {
      f.depth = 1;
      f.cost = 1;
    }
    return f;
  }

  // Memoised: each fragment is computed once however often it is spread.
  figures fragment(std::string_view name, bool in_page) {
    auto& memo = memo_[in_page ? 1 : 0];
    const auto known = memo.find(name);
    if (known != memo.end()) return known->second;  // also breaks cycles
    const auto it = fragments_.find(name);
    if (it == fragments_.end()) return {};
    memo[name] = figures{};
    const fragment_definition_node& def = *it->second;
    const figures f = selection(schema_.find_type(def.type_condition.value), def.selection_set, in_page);
    memo[name] = f;
    return f;
  }

  // Introspection answers are as big as the schema, not as the document is
  // deep (getIntrospectionQuery() nests type references 9 deep); the
  // executor's response-size limit bounds them.
  static bool introspection(const field_node& node) {
    return node.name.value == "__schema" || node.name.value == "__type";
  }

  // How many items a paginated field asks for.
  std::uint64_t items(const field_def& def, const field_node& node) {
    const input_value_def* first = def.find_argument("first");
    const input_value_def* last = def.find_argument("last");
    std::optional<std::uint64_t> n;
    for (const input_value_def* arg : {first, last}) {
      if (arg == nullptr) continue;
      if (const auto v = argument_value(*arg, node)) n = std::max(n.value_or(0), *v);
    }
    return n.value_or(1);
  }

  std::optional<std::uint64_t> argument_value(const input_value_def& arg, const field_node& node) {
    for (const argument_node& given : node.arguments) {
      if (given.name.value != arg.name) continue;
      if (given.value.kind != value_kind::variable) return int_literal(&given.value);
      uses_variables_ = true;
      if (variables_) {
        if (const auto v = variables_(given.value.text)) {
          return static_cast<std::uint64_t>(std::max<std::int64_t>(*v, 0));
        }
      }
      for (const auto& variable : op_.variable_definitions) {
        if (variable.variable.value != given.value.text) continue;
        if (const auto v = int_literal(variable.default_value)) return v;
      }
      break;  // no value: the argument's default applies
    }
    return int_literal(arg.default_value);
  }

  const schema& schema_;
  const operation_definition_node& op_;
  const int_variable_lookup& variables_;
  const analysis_options& options_;
  std::unordered_map<std::string_view, const fragment_definition_node*> fragments_;
  std::unordered_map<std::string_view, figures> memo_[2];  // outside, inside a page
  bool uses_variables_ = false;
};

}  // namespace

operation_analysis analyze(const schema& schema, const document& doc,
                           const operation_definition_node& op, const int_variable_lookup& variables,
                           const analysis_options& options) {
  return analyzer(schema, doc, op, variables, options).run();
}

outcome<operation_analysis> analyze(const schema& schema, const document& doc,
                                    std::string_view operation_name,
                                    const int_variable_lookup& variables,
                                    const analysis_options& options) {
  auto op = find_operation(doc, operation_name);
  if (!op) return std::move(op).errors();
  return analyze(schema, doc, **op, variables, options);
}

}  // namespace streamhub::graphql
