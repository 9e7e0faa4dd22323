// ValuesOfCorrectType, UniqueInputFieldNames.
// The spec's examples and our own cases, each expecting the errors
// (messages and locations) graphql-js 16.8.1 gives for it.

#include "protocol/graphql/validation/validate.hpp"

#include <gtest/gtest.h>

#include "tests/protocol/graphql/validation/validation_fixture.hpp"

namespace streamhub::graphql::testing {
namespace {

// Spec 5.6.1 examples.
TEST(values_of_correct_type, spec_example_coercible_values) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(fragment goodBooleanArg on Arguments { booleanArgField(booleanArg: true) }
fragment coercedIntIntoFloatArg on Arguments {
  # Note: The input coercion rules for Float allow Int literals.
  floatArgField(floatArg: 123)
}
query goodComplexDefaultValue($search: ComplexInput = { name: "Fido" }) { findDog(complex: $search) { name } }
{ arguments { ...goodBooleanArg ...coercedIntIntoFloatArg } })gql"),
            (std::vector<std::string>{
                "This anonymous operation must be the only defined operation. (7:1)",
            }));
}

// Spec 5.6.1 counter-examples.
TEST(values_of_correct_type, spec_counter_example_wrong_values) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(fragment stringIntoInt on Arguments { intArgField(intArg: "123") }
query badComplexValue { findDog(complex: { name: 123 }) { name } }
{ arguments { ...stringIntoInt } })gql"),
            (std::vector<std::string>{
                "Int cannot represent non-integer value: \"123\" (1:59)",
                "String cannot represent a non string value: 123 (2:50)",
                "This anonymous operation must be the only defined operation. (3:1)",
            }));
}

// Spec 5.6.2 example and counter-example (with an operation name so both may share the document).
TEST(values_of_correct_type, spec_input_object_field_names) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ findDog(complex: { name: "Fido" }) { name } }
query Q { findDog(complex: { favoriteCookieFlavor: "Bacon" }) { name } })gql"),
            (std::vector<std::string>{
                "This anonymous operation must be the only defined operation. (1:1)",
                "Field \"favoriteCookieFlavor\" is not defined by type \"ComplexInput\". (2:30)",
            }));
}

TEST(values_of_correct_type, int_range_and_kinds) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ arguments {
  intArgField(intArg: 2147483648)
  a: intArgField(intArg: -2147483649)
  b: intArgField(intArg: 2147483647)
  c: intArgField(intArg: 1.5)
  d: intArgField(intArg: true)
  e: intArgField(intArg: SIT)
  f: intArgField(intArg: [1])
  g: intArgField(intArg: {a: 1})
} })gql"),
            (std::vector<std::string>{
                "Int cannot represent non 32-bit signed integer value: 2147483648 (2:23)",
                "Int cannot represent non 32-bit signed integer value: -2147483649 (3:26)",
                "Int cannot represent non-integer value: 1.5 (5:26)",
                "Int cannot represent non-integer value: true (6:26)",
                "Int cannot represent non-integer value: SIT (7:26)",
                "Int cannot represent non-integer value: [1] (8:26)",
                "Int cannot represent non-integer value: {a: 1} (9:26)",
            }));
}

TEST(values_of_correct_type, float_string_boolean_and_id) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ arguments {
  floatArgField(floatArg: "1")
  a: floatArgField(floatArg: 1e400)
  b: stringArgField(stringArg: 1)
  c: stringArgField(stringArg: """block""")
  d: booleanArgField(booleanArg: 0)
  e: idArgField(idArg: 1)
  f: idArgField(idArg: 1.5)
  g: idArgField(idArg: false)
} })gql"),
            (std::vector<std::string>{
                "Float cannot represent non numeric value: \"1\" (2:27)",
                "String cannot represent a non string value: 1 (4:32)",
                "Boolean cannot represent a non boolean value: 0 (6:34)",
                "ID cannot represent a non-string and non-integer value: 1.5 (8:24)",
                "ID cannot represent a non-string and non-integer value: false (9:24)",
            }));
}

TEST(values_of_correct_type, enums_with_suggestions) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ arguments {
  enumArgField(enumArg: SIT)
  a: enumArgField(enumArg: sit)
  b: enumArgField(enumArg: "SIT")
  c: enumArgField(enumArg: HEL)
} })gql"),
            (std::vector<std::string>{
                "Value \"sit\" does not exist in \"DogCommand\" enum. Did you mean the enum value \"SIT\"? (3:28)",
                "Enum \"DogCommand\" cannot represent non-enum value: \"SIT\". Did you mean the enum value \"SIT\"? (4:28)",
                "Value \"HEL\" does not exist in \"DogCommand\" enum. Did you mean the enum value \"HEEL\"? (5:28)",
            }));
}

TEST(values_of_correct_type, lists_coerce_single_values_and_check_items) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ arguments {
  booleanListArgField(booleanListArg: true)
  a: booleanListArgField(booleanListArg: [true, false, null])
  b: booleanListArgField(booleanListArg: null)
  c: booleanListArgField(booleanListArg: [1, "x"])
  d: booleanArgField(booleanArg: [true])
} })gql"),
            (std::vector<std::string>{
                "Expected value of type \"[Boolean]!\", found null. (4:42)",
                "Boolean cannot represent a non boolean value: 1 (5:43)",
                "Boolean cannot represent a non boolean value: \"x\" (5:46)",
                "Boolean cannot represent a non boolean value: [true] (6:34)",
            }));
}

TEST(values_of_correct_type, input_objects_nested_and_required_fields) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ arguments {
  complexArgField(complexArg: [{name: "a"}])
  a: complexArgField(complexArg: "x")
  b: complexArgField(complexArg: {names: "x"})
  c: complexArgField(complexArg: {names: ["x", null]})
  d: complexArgField(complexArg: {nested: {nested: {name: 1}}})
  e: requiredComplexArgField(complexArg: {})
  f: requiredComplexArgField(complexArg: {requiredField: null, defaultedField: null})
  g: requiredComplexArgField(complexArg: [{optionalField: "x"}])
} })gql"),
            (std::vector<std::string>{
                "Expected value of type \"ComplexInput\", found [{name: \"a\"}]. (2:31)",
                "Expected value of type \"ComplexInput\", found \"x\". (3:34)",
                "Expected value of type \"String!\", found null. (5:48)",
                "String cannot represent a non string value: 1 (6:59)",
                "Field \"RequiredInput.requiredField\" of required type \"Boolean!\" was not provided. (7:42)",
                "Expected value of type \"Boolean!\", found null. (8:58)",
                "Expected value of type \"Int!\", found null. (8:80)",
                "Expected value of type \"RequiredInput\", found [{optionalField: \"x\"}]. (9:42)",
            }));
}

TEST(values_of_correct_type, custom_scalars_accept_any_literal) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ arguments {
  scalarArgField(scalarArg: {a: [1, {b: ENUM}], c: null})
  a: scalarArgField(scalarArg: 1)
  b: scalarArgField(scalarArg: [1, "2"])
} })gql"),
            no_errors);
}

TEST(values_of_correct_type, variable_default_values) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(query ($a: Int = "x", $b: ComplexInput = {name: 1, unknown: 2}, $c: [Boolean!]! = [true, null], $d: Int! = null) {
  arguments { intArgField(intArg: $a) x: intArgField(intArg: $d) }
  findDog(complex: $b) { name }
  booleanList(booleanListArg: $c)
})gql"),
            (std::vector<std::string>{
                "Int cannot represent non-integer value: \"x\" (1:18)",
                "String cannot represent a non string value: 1 (1:49)",
                "Field \"unknown\" is not defined by type \"ComplexInput\". (1:52)",
                "Expected value of type \"Boolean!\", found null. (1:90)",
                "Expected value of type \"Int!\", found null. (1:108)",
            }));
}

TEST(unique_input_field_names, repeated_fields_at_each_level) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ findDog(complex: {nested: {name: "x", name: "y"}, nested: {}, nested: {}}) { name } })gql"),
            (std::vector<std::string>{
                "There can be only one input field named \"name\". (1:30, 1:41)",
                "There can be only one input field named \"nested\". (1:21, 1:53)",
                "There can be only one input field named \"nested\". (1:21, 1:65)",
            }));
}

// Spec 5.6.3 counter-example, on our schema.
TEST(unique_input_field_names, spec_counter_example_repeated_field) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ findDog(complex: { name: "a", name: "b" }) { name } })gql"),
            (std::vector<std::string>{
                "There can be only one input field named \"name\". (1:22, 1:33)",
            }));
}

}  // namespace
}  // namespace streamhub::graphql::testing
