#pragma once
// One execution of a prepared operation, internal to execution.
//
// Output. The response is written as JSON text into output_chunks. The
// synchronous path writes everything into one chunk, the root's. A field
// whose resolver defers leaves a hole in its parent's chunk: the
// pending_field gets a chunk of its own, filled when its answer arrives,
// and the chunks are spliced in order at the end (response_assembly.cpp).
//
// Null propagation (spec 6.4.4). A null or error in a non-null position
// makes the enclosing value null up to the nearest nullable position.
// Within one synchronous pass this unwinds the C++ stack: complete() and
// friends return false, and the nearest nullable position truncates its
// chunk back to where its value began and writes null. A deferred field
// cannot unwind a pass that has ended, so it records, when it defers, its
// boundary: the nearest nullable position enclosing it, materialised as a
// null_region of the chunk it lies in (or null: the data itself). When its
// answer propagates past the field, it marks that region nulled, and
// assembly writes null in its place.
//
// Threading: all of it runs on the execution's own executor; completers on
// other threads only post tasks (completion_cell).

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "protocol/graphql/execution/execute.hpp"
#include "protocol/graphql/execution/json_buffer.hpp"
#include "protocol/graphql/execution/plan.hpp"
#include "protocol/graphql/execution/resolver.hpp"
#include "protocol/graphql/execution/small_stack.hpp"

namespace streamhub::graphql::detail {

struct pending_field;

/// A value's text range in a chunk that a deferred descendant may null.
struct null_region {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool nulled = false;
};

struct output_chunk {
  json_buffer text;
  /// (offset, field): the field's chunk goes at offset; ascending offsets.
  std::vector<std::pair<std::size_t, pending_field*>> holes;
  std::vector<null_region*> regions;
};

/// One response path step: a response name, or a list index when `name`
/// is empty.
struct path_entry {
  std::string_view name;
  std::size_t index = 0;
};

struct pending_field {
  const field_plan* plan = nullptr;
  std::vector<path_entry> path;
  /// Where null goes if the answer propagates past the field; null: data.
  null_region* boundary = nullptr;
  output_chunk out;
  /// Its hole is in place and the execution waits for it.
  bool awaited = false;
};

using field_outcome = std::variant<value, field_error>;

/// Shared by a completer's copies: answers once, or fails when dropped.
struct completion_cell {
  std::shared_ptr<execution_state> state;
  pending_field* field = nullptr;
  std::atomic<bool> answered{false};

  completion_cell(std::shared_ptr<execution_state> s, pending_field* f) noexcept
      : state(std::move(s)), field(f) {}
  ~completion_cell();
  void answer(field_outcome outcome);
};

class execution_state : public std::enable_shared_from_this<execution_state> {
 public:
  execution_state(std::shared_ptr<const prepared_operation> op,
                  std::shared_ptr<const variable_values> variables, execution_options options,
                  completion_fn done);

  /// Runs the synchronous part. Call once, right after construction.
  void start();

  /// For field_call: a new pending field for the resolver being called,
  /// or null when it cannot defer (no post hook, or deferred already).
  std::shared_ptr<completion_cell> new_pending();
  /// For field_call::path().
  std::vector<path_segment> current_path() const;
  /// From completion_cell, on any thread: posts the answer.
  void post_answer(pending_field* field, field_outcome outcome);

 private:
  // --- execution_state.cpp: driving, plans, errors, finishing
  void pump();
  void run_root_pass();
  void answer(pending_field* field, field_outcome& outcome);
  void finish();
  const selection_plan* root_plan();
  const selection_plan* child_plan(const field_plan& f, const named_type& type);
  std::unique_ptr<selection_plan> build_plan(const named_type& type, std::span<const selection_span> sets);
  void field_error_at(const field_plan& f, std::string message);
  void field_error_at(const field_plan& f, field_error err);
  void record(graphql_error err, bool with_path);
  void abort(std::string message);
  std::size_t bytes_written(const output_chunk& current) const noexcept;

  // --- complete_value.cpp: the synchronous pass
  bool execute_selection(output_chunk& out, const selection_plan& plan, const value& parent);
  /// `first`: the object's first field (no comma before it).
  bool execute_field(output_chunk& out, const field_plan& f, const value& parent, bool first);
  /// A property_leaf_list field whose items are all plain leaves, written
  /// with its key; false, having written nothing, for anything else.
  bool write_plain_leaf_list(output_chunk& out, const field_plan& f, const value& v, bool first);
  bool execute_resolver(output_chunk& out, const field_plan& f, const value& parent);
  bool execute_builtin(output_chunk& out, const field_plan& f, const value& parent);
  bool coerce_arguments(const field_plan& f, argument_values& args);
  /// After a field error: null for a nullable field, else propagation.
  bool null_or_propagate(output_chunk& out, const field_plan& f);
  field_result call_resolver(const field_plan& f, const value& parent, const argument_values& args);
  bool defer_field(output_chunk& out, const field_plan& f);
  bool complete(output_chunk& out, const field_plan& f, type_ref type, const value& v);
  bool complete_value(output_chunk& out, const field_plan& f, type_ref type, const value& v);
  /// `type`: a leaf, possibly non-null. `step`: the path entry to add for
  /// an error when the caller has not pushed it.
  bool complete_leaf(output_chunk& out, const field_plan& f, type_ref type, const value& v,
                     const path_entry* step);
  const value& property(const field_plan& f, const value& parent);
  bool complete_list(output_chunk& out, const field_plan& f, type_ref type, const value& v);
  bool complete_object(output_chunk& out, const field_plan& f, const named_type& type, const value& v);
  const named_type* resolve_abstract(const field_plan& f, const named_type& abstract, const value& v);
  null_region* boundary();
  static void truncate(output_chunk& out, std::size_t mark);

  // --- response_assembly.cpp
  static void assemble(const output_chunk& chunk, std::string& dst);

  /// A nullable position whose value is being written; its region exists
  /// once a deferred field inside needed it.
  struct open_position {
    output_chunk* chunk;
    std::size_t begin;
    null_region* region;
  };

  std::shared_ptr<const prepared_operation> op_;
  const operation_plan& plan_;
  const resolver_map& hooks_;
  std::shared_ptr<const variable_values> variables_;
  execution_options options_;
  completion_fn done_;

  /// Plans are cached in the prepared operation, keyed by `mask_`, unless
  /// a condition variable has no boolean value (then plans_ owns them).
  bool cache_plans_ = true;
  std::uint64_t mask_ = 0;
  std::unordered_map<const void*, std::vector<std::unique_ptr<selection_plan>>> plans_;

  output_chunk root_;
  std::size_t data_begin_ = 0;
  const selection_plan* root_fields_ = nullptr;
  std::size_t next_root_field_ = 0;
  bool data_null_ = false;
  std::vector<graphql_error> errors_;

  small_stack<path_entry, 32> path_;
  small_stack<open_position, 16> open_;
  null_region* base_boundary_ = nullptr;

  // unique_ptr: completers and chunks point at them.
  std::vector<std::unique_ptr<pending_field>> pending_;
  std::vector<std::unique_ptr<null_region>> regions_;
  pending_field* calling_ = nullptr;  // created by the resolver being called
  bool in_call_ = false;
  std::size_t outstanding_ = 0;
  std::size_t async_bytes_ = 0;
  /// Answers posted while a pass runs; taken in order.
  std::vector<std::pair<pending_field*, field_outcome>> answers_;
  std::size_t next_answer_ = 0;
  bool pumping_ = false;

  std::size_t resolver_calls_ = 0;
  bool aborted_ = false;
  bool finished_ = false;

  // Reused argument buffers (a resolver call never nests another).
  argument_slots arg_slots_;
  std::vector<value> arg_temps_;
};

}  // namespace streamhub::graphql::detail
