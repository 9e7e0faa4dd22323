// The synchronous pass: ExecuteSelectionSet, ExecuteField, CompleteValue
// and ResolveAbstractType (spec 6.3, 6.4), after graphql-js 16's execute.js.
// Every function returning bool returns false when null must propagate to
// the enclosing position; the error is recorded where it arose.

#include <string>

#include "protocol/graphql/execution/execution_state.hpp"
#include "protocol/graphql/execution/leaf_serializer.hpp"

namespace streamhub::graphql::detail {

namespace {

const value null_value;

std::string field_name(const field_plan& f) {
  return std::string(f.info.parent_type->name) + "." + std::string(f.info.field_name);
}

}  // namespace

bool execution_state::execute_selection(output_chunk& out, const selection_plan& plan,
                                        const value& parent) {
  out.text.put('{');
  bool first = true;
  for (const field_plan& f : plan.fields) {
    if (f.property_leaf) {
      // The commonest field, written here: no resolver, no path entry
      // (pushed only for an error), and the usual values inline.
      out.text.append(f.key, first ? 1 : 0);
      const value& v = property(f, parent);
      if (!write_plain_leaf(out.text, *f.leaf_type, f.leaf, v)) {
        const path_entry step{f.info.response_name};
        if (!complete_leaf(out, f, f.info.return_type(), v, &step)) return false;
      }
    } else if (!(f.property_leaf_list && write_plain_leaf_list(out, f, property(f, parent), first)) &&
               !execute_field(out, f, parent, first)) {
      return false;
    }
    first = false;
  }
  out.text.put('}');
  const std::size_t limit = options_.limits.max_response_bytes;
  if (limit != 0 && bytes_written(out) > limit) {
    abort("The response is larger than the limit of " + std::to_string(limit) + " bytes.");
    return false;
  }
  return true;
}

bool execution_state::write_plain_leaf_list(output_chunk& out, const field_plan& f, const value& v,
                                            bool first) {
  if (!v.is_list()) return false;
  const std::size_t mark = out.text.size();
  out.text.append(f.key, first ? 1 : 0);
  out.text.put('[');
  bool comma = false;
  for (const value& item : v.as_list()) {
    if (comma) out.text.put(',');
    comma = true;
    if (!write_plain_leaf(out.text, *f.leaf_type, f.leaf, item)) {
      out.text.truncate(mark);
      return false;
    }
  }
  out.text.put(']');
  return true;
}

bool execution_state::execute_field(output_chunk& out, const field_plan& f, const value& parent,
                                    bool first) {
  out.text.append(f.key, first ? 1 : 0);
  if (f.kind == field_kind::typename_) {
    out.text.put('"');
    out.text += f.info.parent_type->name;
    out.text.put('"');
    return true;
  }
  if (f.property_leaf) {
    const path_entry step{f.info.response_name};
    return complete_leaf(out, f, f.info.return_type(), property(f, parent), &step);
  }
  path_.push_back({f.info.response_name});
  const bool ok = f.kind == field_kind::resolver ? execute_resolver(out, f, parent)
                                                 : execute_builtin(out, f, parent);
  path_.pop_back();
  return ok;
}

const value& execution_state::property(const field_plan& f, const value& parent) {
  // The default resolver: borrow the parent's property, no copy.
  const property_object* props = parent.as_properties();
  if (props == nullptr) return null_value;
  const std::uint32_t last = f.property_hint.load();
  std::uint32_t hint = last;
  const value* v = props->find(f.info.field_name, hint);
  // Written only when it moved: executions on other threads read it too.
  if (hint != last) f.property_hint.store(hint);
  return v != nullptr ? *v : null_value;
}

bool execution_state::execute_builtin(output_chunk& out, const field_plan& f, const value& parent) {
  if (!f.arguments.all_constant) {
    // Nothing reads them, but as in graphql-js bad arguments fail the field.
    argument_values args;
    if (!coerce_arguments(f, args)) return null_or_propagate(out, f);
  }
  if (f.kind == field_kind::event_root) return complete(out, f, f.info.return_type(), parent);
  return complete(out, f, f.info.return_type(), property(f, parent));
}

bool execution_state::execute_resolver(output_chunk& out, const field_plan& f, const value& parent) {
  const type_ref type = f.info.return_type();
  const std::size_t limit = options_.limits.max_resolver_calls;
  if (limit != 0 && ++resolver_calls_ > limit) {
    abort("More than " + std::to_string(limit) + " resolver calls.");
    return false;
  }
  argument_values args;
  if (!coerce_arguments(f, args)) return null_or_propagate(out, f);
  field_result result = call_resolver(f, parent, args);
  if (result.is_pending()) return defer_field(out, f);
  if (!result.is_error()) return complete(out, f, type, result.get());
  field_error_at(f, std::move(result.error()));
  return null_or_propagate(out, f);
}

bool execution_state::coerce_arguments(const field_plan& f, argument_values& args) {
  auto failure = resolve_arguments(f, *variables_, hooks_, arg_slots_, arg_temps_, args);
  if (!failure) return true;
  record(graphql_error(std::move(failure->message), plan_.doc->location(failure->offset)), true);
  return false;
}

bool execution_state::null_or_propagate(output_chunk& out, const field_plan& f) {
  if (f.info.return_type().is_non_null()) return false;
  out.text += "null";
  return true;
}

field_result execution_state::call_resolver(const field_plan& f, const value& parent,
                                            const argument_values& args) {
  in_call_ = true;
  calling_ = nullptr;
  const field_call call(parent, args, options_.context, f.info, this);
  field_result result = [&]() -> field_result {
    // Resolvers are the application's code: a throw is that field's error,
    // as in graphql-js, not the end of the request.
    try {
      return (*f.resolver)(call);
    } catch (const std::exception& e) {
      return field_error(e.what());
    } catch (...) {
      return field_error("The resolver failed.");
    }
  }();
  in_call_ = false;
  if (!result.is_pending()) calling_ = nullptr;  // a deferral it did not return stays unawaited
  return result;
}

bool execution_state::defer_field(output_chunk& out, const field_plan& f) {
  pending_field* field = calling_;
  calling_ = nullptr;
  field->plan = &f;
  field->path.assign(path_.items().begin(), path_.items().end());
  field->boundary = boundary();
  field->awaited = true;
  ++outstanding_;
  out.holes.emplace_back(out.text.size(), field);
  return true;
}

null_region* execution_state::boundary() {
  if (open_.empty()) return base_boundary_;
  open_position& top = open_.back();
  if (top.region == nullptr) {
    top.region = regions_.emplace_back(std::make_unique<null_region>()).get();
    top.region->begin = top.begin;
    top.chunk->regions.push_back(top.region);
  }
  return top.region;
}

bool execution_state::complete(output_chunk& out, const field_plan& f, type_ref type,
                               const value& v) {
  if (f.leaf_value && type.nullable().is_named()) return complete_leaf(out, f, type, v, nullptr);
  if (type.is_non_null()) {
    if (v.is_null()) {
      field_error_at(f, "Cannot return null for non-nullable field " + field_name(f) + ".");
      return false;
    }
    return complete_value(out, f, type.of_type(), v);
  }
  if (v.is_null()) {
    out.text += "null";
    return true;
  }
  const std::size_t mark = out.text.size();
  open_.push_back({&out, mark, nullptr});
  const bool ok = complete_value(out, f, type, v);
  const open_position position = open_.back();
  open_.pop_back();
  if (position.region != nullptr) position.region->end = out.text.size();
  if (ok) return true;
  if (aborted_) return false;
  truncate(out, mark);
  out.text += "null";
  return true;
}

bool execution_state::complete_leaf(output_chunk& out, const field_plan& f, type_ref type,
                                    const value& v, const path_entry* step) {
  if (write_plain_leaf(out.text, *type.named_type(), f.leaf, v)) return true;
  const bool non_null = type.is_non_null();
  std::optional<std::string> problem;
  if (!v.is_null()) {
    problem = serialize_leaf(out.text, *type.named_type(), f.leaf, v, hooks_);
    if (!problem) return true;
  } else if (non_null) {
    problem = "Cannot return null for non-nullable field " + field_name(f) + ".";
  }
  if (problem) {
    if (step != nullptr) path_.push_back(*step);
    field_error_at(f, std::move(*problem));
    if (step != nullptr) path_.pop_back();
    if (non_null) return false;
  }
  out.text += "null";
  return true;
}

bool execution_state::complete_value(output_chunk& out, const field_plan& f, type_ref type,
                                     const value& v) {
  if (type.is_list()) return complete_list(out, f, type, v);
  const named_type& named = *type.named_type();
  if (named.is_leaf()) {
    if (write_plain_leaf(out.text, named, f.leaf, v)) return true;
    if (auto problem = serialize_leaf(out.text, named, f.leaf, v, hooks_)) {
      field_error_at(f, std::move(*problem));
      return false;
    }
    return true;
  }
  const named_type* object = &named;
  if (named.is_abstract()) {
    object = resolve_abstract(f, named, v);
    if (object == nullptr) return false;
  }
  return complete_object(out, f, *object, v);
}

bool execution_state::complete_list(output_chunk& out, const field_plan& f, type_ref type,
                                    const value& v) {
  if (!v.is_list()) {
    field_error_at(f, "Expected Iterable, but did not find one for field \"" + field_name(f) + "\".");
    return false;
  }
  const type_ref item_type = type.of_type();
  out.text.put('[');
  std::size_t index = 0;
  if (item_type.nullable().is_named() && f.leaf_value) {
    for (const value& item : v.as_list()) {
      if (index != 0) out.text.put(',');
      if (write_plain_leaf(out.text, *f.leaf_type, f.leaf, item)) {
        ++index;
        continue;
      }
      const path_entry step{{}, index++};
      if (!complete_leaf(out, f, item_type, item, &step)) return false;
    }
    out.text.put(']');
    return true;
  }
  for (const value& item : v.as_list()) {
    if (index != 0) out.text.put(',');
    path_.push_back({{}, index++});
    const bool ok = complete(out, f, item_type, item);
    path_.pop_back();
    if (!ok) return false;
  }
  out.text.put(']');
  return true;
}

bool execution_state::complete_object(output_chunk& out, const field_plan& f,
                                      const named_type& type, const value& v) {
  const selection_plan* plan = child_plan(f, type);
  if (plan->error) {
    record(*plan->error, true);
    return false;
  }
  return execute_selection(out, *plan, v);
}

const named_type* execution_state::resolve_abstract(const field_plan& f, const named_type& abstract,
                                                    const value& v) {
  std::string_view name;
  if (const type_resolver_fn* resolver = hooks_.find_type_resolver(abstract)) {
    name = (*resolver)(v, options_.context);
  } else {
    name = v.object_type_name();
  }
  // Abstract types usually have a few possible types: comparing their
  // names finds the object type and shows it possible in one go.
  const auto possible = plan_.schema_ref().possible_types(abstract);
  if (possible.size() <= 8) {
    for (const named_type* candidate : possible) {
      if (same_text(candidate->name, name)) return candidate;
    }
  }
  const named_type* type = f.last_runtime_type.load();
  if (type == nullptr || !same_text(type->name, name)) {
    type = name.empty() ? nullptr : plan_.schema_ref().find_type(name);
    f.last_runtime_type.store(type);
  }
  if (type != nullptr && type->kind == type_kind::object &&
      plan_.schema_ref().is_sub_type(abstract, *type)) {
    return type;
  }
  const std::string a = "\"" + std::string(abstract.name) + "\"";
  const std::string n = "\"" + std::string(name) + "\"";
  if (name.empty()) {
    field_error_at(f, "Abstract type " + a + " must resolve to an Object type at runtime for field \"" +
                          field_name(f) + "\". Either the " + a +
                          " type should provide a \"resolveType\" function or each possible type "
                          "should provide an \"isTypeOf\" function.");
  } else if (type == nullptr) {
    field_error_at(f, "Abstract type " + a + " was resolved to a type " + n +
                          " that does not exist inside the schema.");
  } else if (type->kind != type_kind::object) {
    field_error_at(f, "Abstract type " + a + " was resolved to a non-object type " + n + ".");
  } else {
    field_error_at(f, "Runtime Object type " + n + " is not a possible type for " + a + ".");
  }
  return nullptr;
}

void execution_state::truncate(output_chunk& out, std::size_t mark) {
  out.text.truncate(mark);
  while (!out.holes.empty() && out.holes.back().first >= mark) out.holes.pop_back();
  std::erase_if(out.regions, [mark](const null_region* r) { return r->begin >= mark; });
}

}  // namespace streamhub::graphql::detail
