#pragma once
// Internal to build_schema: the builder shared by schema_builder.cpp
// (collecting definitions, building the model), sdl_validation.cpp (the SDL
// rules graphql-js's buildASTSchema runs first) and
// type_system_validation.cpp (spec 3 type validation, graphql-js
// validateSchema). Messages are graphql-js's.

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "protocol/graphql/ast.hpp"
#include "protocol/graphql/document.hpp"
#include "protocol/graphql/graphql_error.hpp"
#include "protocol/graphql/schema.hpp"

namespace streamhub::graphql::detail {

class schema_builder {
 public:
  explicit schema_builder(std::shared_ptr<const document> sdl);

  outcome<std::shared_ptr<const schema>> build();

 private:
  // --- schema_builder.cpp
  void collect_definitions();
  named_type& add_type(const type_definition_node& def, bool builtin);
  void fill_type(named_type& type, const type_definition_node* def,
                 const std::vector<const type_definition_node*>& extensions, bool builtin);
  field_def build_field(const field_definition_node& node, bool builtin);
  input_value_def build_input_value(const input_value_definition_node& node, bool builtin);
  directive_def& add_directive(const directive_definition_node& node, bool builtin);
  type_ref resolve(const type_node& node);
  std::optional<std::string_view> deprecation_reason(std::span<const directive_node> directives);
  void set_root_types();
  void order_types();
  void index_types();

  // --- sdl_validation.cpp
  void validate_sdl();
  void validate_unique_names();
  void validate_known_types();
  void validate_directive_uses();
  void validate_type_extensions();
  void validate_reserved_names();
  void validate_object_values(const value_node& value);

  // --- type_system_validation.cpp
  void validate_type_system();
  void validate_root_types();
  void validate_directive_definitions();
  void validate_fields(const named_type& type);
  void validate_interfaces(const named_type& type);
  void validate_implementation(const named_type& type, const named_type& iface);
  void validate_union(const named_type& type);
  void validate_enum(const named_type& type);
  void validate_input_object(const named_type& type);
  void validate_input_cycles();

  /// Reports an error located at the given offsets of the user SDL.
  void report(std::string message, std::initializer_list<std::uint32_t> offsets = {});
  void report(std::string message, const std::vector<std::uint32_t>& offsets);
  /// Offsets of a type's definition and extensions (node starts).
  std::vector<std::uint32_t> type_node_offsets(const named_type& type) const;

  std::shared_ptr<const document> sdl_;
  std::shared_ptr<const document> prelude_;
  std::unique_ptr<schema> schema_;
  std::vector<graphql_error> errors_;

  // The user SDL's definitions, in document order.
  std::vector<const schema_definition_node*> schema_defs_;  // definition and extensions
  std::vector<const type_definition_node*> type_defs_;
  std::unordered_map<std::string_view, std::vector<const type_definition_node*>> type_extensions_;
  std::vector<const directive_definition_node*> directive_defs_;

  /// Every type a name can refer to: user types, built-in scalars (even
  /// unreferenced) and introspection types.
  std::unordered_map<std::string_view, named_type*> by_name_;
  /// User-defined types in document order (graphql-js's config.types).
  std::vector<named_type*> user_types_;
  /// Types built from the user SDL (others are built-ins).
  std::vector<named_type*> sdl_types_;
  bool type_too_deep_ = false;
};

}  // namespace streamhub::graphql::detail
