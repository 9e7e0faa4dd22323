#include "protocol/graphql/validation/validate.hpp"

#include "protocol/graphql/validation/rules.hpp"
#include "protocol/graphql/validation/validation_context.hpp"
#include "protocol/graphql/validation/walker.hpp"

namespace streamhub::graphql {

std::vector<graphql_error> validate(const schema& schema, const document& doc,
                                    const validation_options& options) {
  detail::validation_context ctx(schema, doc, options);
  if (!ctx.check_nesting()) return ctx.take_errors();
  using namespace detail;
  variable_usage_collector usages(ctx, ctx.types());
  executable_definitions r1(ctx);
  unique_operation_names r2(ctx);
  lone_anonymous_operation r3(ctx);
  single_field_subscriptions r4(ctx);
  known_type_names r5(ctx);
  fragments_on_composite_types r6(ctx);
  variables_are_input_types r7(ctx);
  scalar_leafs r8(ctx);
  fields_on_correct_type r9(ctx);
  unique_fragment_names r10(ctx);
  known_fragment_names r11(ctx);
  no_unused_fragments r12(ctx);
  possible_fragment_spreads r13(ctx);
  no_fragment_cycles r14(ctx);
  unique_variable_names r15(ctx);
  no_undefined_variables r16(ctx);
  no_unused_variables r17(ctx);
  known_directives r18(ctx);
  unique_directives_per_location r19(ctx);
  known_argument_names r20(ctx);
  unique_argument_names r21(ctx);
  values_of_correct_type r22(ctx);
  provided_required_arguments r23(ctx);
  variables_in_allowed_position r24(ctx);
  overlapping_fields_can_be_merged r25(ctx);
  unique_input_field_names r26(ctx);
  walker(ctx, ctx.types(), usages, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12, r13, r14, r15,
         r16, r17, r18, r19, r20, r21, r22, r23, r24, r25, r26)
      .walk(doc);
  return ctx.take_errors();
}

}  // namespace streamhub::graphql
