#pragma once
// Validation of executable documents against a schema (spec section 5,
// October 2021): every rule of the section, with graphql-js 16.8's messages,
// locations and order of errors, so our answers can be diffed against it.
//
// The rules, in graphql-js's order (specifiedRules): ExecutableDefinitions,
// UniqueOperationNames, LoneAnonymousOperation, SingleFieldSubscriptions,
// KnownTypeNames, FragmentsOnCompositeTypes, VariablesAreInputTypes,
// ScalarLeafs, FieldsOnCorrectType, UniqueFragmentNames, KnownFragmentNames,
// NoUnusedFragments, PossibleFragmentSpreads, NoFragmentCycles,
// UniqueVariableNames, NoUndefinedVariables, NoUnusedVariables,
// KnownDirectives, UniqueDirectivesPerLocation, KnownArgumentNames,
// UniqueArgumentNames, ValuesOfCorrectType, ProvidedRequiredArguments,
// VariablesInAllowedPosition, OverlappingFieldsCanBeMerged,
// UniqueInputFieldNames. They run together in one walk over the document.
//
// Where we differ from graphql-js (all on documents that are invalid anyway,
// or hostile):
//  - Type-system definitions in an executable document are reported by
//    ExecutableDefinitions only; the other rules look at operations and
//    fragments (graphql-js also checks the directives and type names inside
//    the type definitions).
//  - SingleFieldSubscriptions follows the spec's CollectFields with no
//    variables where graphql-js throws: @skip(if: $v) keeps the field,
//    @include(if: $v) drops it.
//  - Hostile documents are bounded (see validation_options): too many
//    errors, too deep fragment nesting and too much fragment-expanding work
//    end validation with one more error.
//
// Thread-safety: reentrant; schemas and documents are immutable and may be
// shared by concurrent validations.

#include <cstddef>
#include <vector>

#include "protocol/graphql/document.hpp"
#include "protocol/graphql/graphql_error.hpp"
#include "protocol/graphql/schema.hpp"

namespace streamhub::graphql {

struct validation_options {
  /// graphql-js's maxErrors: after this many errors, the next one ends
  /// validation with "Too many validation errors, error limit reached.
  /// Validation aborted." (so at most max_errors + 1 are returned).
  std::size_t max_errors = 100;
  /// Selection sets plus fragment spreads nested along any path, fragments
  /// expanded. Deeper documents fail before the rules run with "Fragment
  /// spreads nest deeper than the limit of N." (one error). This bounds the
  /// recursion of every rule that follows fragments.
  std::size_t max_nesting = 256;
  /// Work the fragment-expanding rules may do: field pairs compared by
  /// OverlappingFieldsCanBeMerged and fragments visited when following
  /// spreads (field collection, variable and fragment usage). Past it,
  /// validation ends with "The document is too complex to validate.
  /// Validation aborted.". Ordinary documents use a few hundred units.
  std::size_t max_work = 500'000;
};

/// Validates `doc` (as parse_executable returned it) against `schema`.
/// Returns the errors in graphql-js's order; empty means valid. Never
/// fails otherwise.
std::vector<graphql_error> validate(const schema& schema, const document& doc,
                                    const validation_options& options = {});

}  // namespace streamhub::graphql
