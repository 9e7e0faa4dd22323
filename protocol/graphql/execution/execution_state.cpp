#include "protocol/graphql/execution/execution_state.hpp"

#include <string>

namespace streamhub::graphql::detail {

completion_cell::~completion_cell() {
  if (!answered.load(std::memory_order_acquire)) {
    state->post_answer(field, field_error("The resolver did not complete the field."));
  }
}

void completion_cell::answer(field_outcome outcome) {
  if (answered.exchange(true, std::memory_order_acq_rel)) return;
  state->post_answer(field, std::move(outcome));
}

execution_state::execution_state(std::shared_ptr<const prepared_operation> op,
                                 std::shared_ptr<const variable_values> variables,
                                 execution_options options, completion_fn done)
    : op_(std::move(op)),
      plan_(op_->plan()),
      hooks_(*plan_.resolvers),
      variables_(std::move(variables)),
      options_(std::move(options)),
      done_(std::move(done)) {
  // Plans depend on the variables only through @skip/@include: the values
  // of those variables, one bit each, key the cached plans.
  const auto& conditions = plan_.condition_variables;
  if (conditions.size() > 64) cache_plans_ = false;
  for (std::size_t bit = 0; cache_plans_ && bit < conditions.size(); ++bit) {
    const auto& given = variables_->at(conditions[bit]);
    const auto b = given ? given->get_bool() : std::nullopt;
    if (!b) cache_plans_ = false;
    else if (*b) mask_ |= std::uint64_t{1} << bit;
  }
}

void execution_state::start() {
  root_.text.reserve(plan_.size_hint.load(std::memory_order_relaxed) + 64);
  root_.text += "{\"data\":";
  data_begin_ = root_.text.size();
  if (plan_.root_type == nullptr) {
    record(graphql_error("Schema is not configured to execute " +
                             std::string(to_string(plan_.operation->operation)) + " operation.",
                         plan_.doc->location(plan_.operation->offset)),
           false);
    data_null_ = true;
    finish();
    return;
  }
  root_fields_ = root_plan();
  if (root_fields_->error) {
    record(*root_fields_->error, false);
    data_null_ = true;
    finish();
    return;
  }
  root_.text.put('{');
  pump();
}

// Runs passes and answers until the execution must wait or is done. Not
// reentrant: an answer posted inline during a pass is queued and taken
// here once the pass returns.
void execution_state::pump() {
  if (pumping_) return;
  pumping_ = true;
  while (!finished_) {
    if (next_answer_ < answers_.size()) {
      auto [field, outcome] = std::move(answers_[next_answer_++]);
      if (next_answer_ == answers_.size()) {
        answers_.clear();
        next_answer_ = 0;
      }
      answer(field, outcome);
    } else if (aborted_) {
      finish();
    } else if (outstanding_ > 0) {
      break;
    } else if (!data_null_ && next_root_field_ < root_fields_->fields.size()) {
      run_root_pass();
    } else {
      finish();
    }
  }
  pumping_ = false;
}

// Executes root fields from next_root_field_: all of them for a query or
// subscription; for a mutation, each field alone, the next one only once
// the previous one has finished entirely (spec ExecuteSelectionSet
// "normally" versus "serially").
void execution_state::run_root_pass() {
  const bool serial = plan_.operation->operation == operation_type::mutation;
  const auto& fields = root_fields_->fields;
  base_boundary_ = nullptr;
  while (next_root_field_ < fields.size()) {
    const field_plan& f = fields[next_root_field_];
    if (!execute_field(root_, f, options_.root, next_root_field_++ == 0)) {
      data_null_ = true;
      return;
    }
    if (serial && outstanding_ > 0) return;
  }
}

void execution_state::post_answer(pending_field* field, field_outcome outcome) {
  auto self = shared_from_this();
  options_.post([self, field, outcome = std::move(outcome)]() mutable {
    self->answers_.emplace_back(field, std::move(outcome));
    self->pump();
  });
}

void execution_state::answer(pending_field* field, field_outcome& outcome) {
  if (!field->awaited) return;  // a deferral the resolver did not return
  field->awaited = false;
  --outstanding_;
  if (finished_ || aborted_) return;
  const field_plan& f = *field->plan;
  const type_ref type = f.info.return_type();
  path_.assign(field->path);
  open_.clear();
  base_boundary_ = field->boundary;
  bool ok;
  if (auto* err = std::get_if<field_error>(&outcome)) {
    field_error_at(f, std::move(*err));
    ok = !type.is_non_null();
    if (ok) field->out.text += "null";
  } else {
    ok = complete(field->out, f, type, std::get<value>(outcome));
  }
  if (!ok && !aborted_) {
    if (field->boundary != nullptr) {
      field->boundary->nulled = true;
    } else {
      data_null_ = true;
    }
  }
  async_bytes_ += field->out.text.size();
  path_.clear();
}

void execution_state::finish() {
  finished_ = true;
  std::string text;
  if (data_null_ || aborted_) {
    root_.text.truncate(data_begin_);
    root_.text += "null";
    text = root_.text.take();
  } else {
    root_.text.put('}');
    if (pending_.empty()) {
      text = root_.text.take();
    } else {
      text.reserve(root_.text.size() + async_bytes_);
      assemble(root_, text);
    }
  }
  if (!errors_.empty()) {
    text += ",\"errors\":[";
    for (std::size_t i = 0; i < errors_.size(); ++i) {
      if (i != 0) text.push_back(',');
      append_json(text, errors_[i]);
    }
    text.push_back(']');
  }
  text.push_back('}');
  plan_.size_hint.store(text.size(), std::memory_order_relaxed);
  const completion_fn done = std::move(done_);
  done(execution_response{std::move(text), true});
}

const selection_plan* execution_state::root_plan() {
  const selection_span sets[] = {plan_.operation->selection_set};
  const named_type& type = *plan_.root_type;
  if (!cache_plans_) {
    auto& owned = plans_[&plan_];
    owned.push_back(build_plan(type, sets));
    return owned.back().get();
  }
  if (const selection_plan* cached = plan_.root_plans.find(&type, mask_)) return cached;
  return plan_.root_plans.insert(&type, mask_, build_plan(type, sets));
}

const selection_plan* execution_state::child_plan(const field_plan& f, const named_type& type) {
  if (cache_plans_) {
    if (const selection_plan* cached = f.children.find(&type, mask_)) return cached;
  } else {
    for (const auto& owned : plans_[&f]) {
      if (owned->type == &type) return owned.get();
    }
  }
  std::vector<selection_span> sets;
  sets.reserve(f.nodes.size());
  for (const field_node* node : f.nodes) sets.push_back(node->selection_set);
  auto built = build_plan(type, sets);
  if (cache_plans_) return f.children.insert(&type, mask_, std::move(built));
  auto& owned = plans_[&f];
  owned.push_back(std::move(built));
  return owned.back().get();
}

std::unique_ptr<selection_plan> execution_state::build_plan(const named_type& type,
                                                            std::span<const selection_span> sets) {
  return build_selection_plan(plan_, type, sets, *variables_);
}

std::shared_ptr<completion_cell> execution_state::new_pending() {
  if (!in_call_ || calling_ != nullptr || !options_.post) return nullptr;
  calling_ = pending_.emplace_back(std::make_unique<pending_field>()).get();
  return std::make_shared<completion_cell>(shared_from_this(), calling_);
}

std::vector<path_segment> execution_state::current_path() const {
  std::vector<path_segment> path;
  path.reserve(path_.size());
  for (const path_entry& e : path_.items()) {
    if (e.name.empty()) {
      path.emplace_back(e.index);
    } else {
      path.emplace_back(std::string(e.name));
    }
  }
  return path;
}

void execution_state::field_error_at(const field_plan& f, std::string message) {
  field_error_at(f, field_error(std::move(message)));
}

void execution_state::field_error_at(const field_plan& f, field_error err) {
  graphql_error e(std::move(err.message));
  e.locations.reserve(f.nodes.size());
  for (const field_node* node : f.nodes) e.locations.push_back(plan_.doc->location(node->offset));
  e.extensions = std::move(err.extensions);
  record(std::move(e), true);
}

void execution_state::record(graphql_error err, bool with_path) {
  if (with_path) err.path = current_path();
  errors_.push_back(std::move(err));
}

void execution_state::abort(std::string message) {
  if (aborted_) return;
  record(graphql_error(std::move(message)), false);
  aborted_ = true;
}

std::size_t execution_state::bytes_written(const output_chunk& current) const noexcept {
  return root_.text.size() + async_bytes_ + (&current == &root_ ? 0 : current.text.size());
}

}  // namespace streamhub::graphql::detail
