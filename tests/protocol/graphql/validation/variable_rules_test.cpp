// UniqueVariableNames, NoUndefinedVariables, NoUnusedVariables, VariablesInAllowedPosition.
// The spec's examples and our own cases, each expecting the errors
// (messages and locations) graphql-js 16.8.1 gives for it.

#include "protocol/graphql/validation/validate.hpp"

#include <gtest/gtest.h>

#include "tests/protocol/graphql/validation/validation_fixture.hpp"

namespace streamhub::graphql::testing {
namespace {

// Spec 5.8.1 counter-example; located at the names.
TEST(unique_variable_names, spec_counter_example_repeated_variable) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(query houseTrainedQuery($atOtherHomes: Boolean, $atOtherHomes: Boolean) {
  dog { isHouseTrained(atOtherHomes: $atOtherHomes) }
})gql"),
            (std::vector<std::string>{
                "There can be only one variable named \"$atOtherHomes\". (1:26, 1:50)",
            }));
}

// Spec 5.8.1 example.
TEST(unique_variable_names, spec_example_same_name_in_two_operations) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(query A($atOtherHomes: Boolean) { ...HouseTrainedFragment }
query B($atOtherHomes: Boolean) { ...HouseTrainedFragment }
fragment HouseTrainedFragment on Query { dog { isHouseTrained(atOtherHomes: $atOtherHomes) } })gql"),
            no_errors);
}

// Spec 5.8.3 example.
TEST(no_undefined_variables, spec_example_defined) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(query variableIsDefined($atOtherHomes: Boolean) { dog { isHouseTrained(atOtherHomes: $atOtherHomes) } })gql"),
            no_errors);
}

// Spec 5.8.3 counter-example.
TEST(no_undefined_variables, spec_counter_example_undefined) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(query variableIsNotDefined { dog { isHouseTrained(atOtherHomes: $atOtherHomes) } })gql"),
            (std::vector<std::string>{
                "Variable \"$atOtherHomes\" is not defined by operation \"variableIsNotDefined\". (1:65, 1:1)",
            }));
}

// Spec 5.8.3 example.
TEST(no_undefined_variables, spec_examples_through_fragments) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(query variableIsDefinedUsedInSingleFragment($atOtherHomes: Boolean) { dog { ...isHouseTrainedFragment } }
fragment isHouseTrainedFragment on Dog { isHouseTrained(atOtherHomes: $atOtherHomes) })gql"),
            no_errors);
}

// Spec 5.8.3 counter-example.
TEST(no_undefined_variables, spec_counter_example_through_nested_fragments) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(query variableIsNotDefinedUsedInNestedFragment { dog { ...outerHouseTrainedFragment } }
fragment outerHouseTrainedFragment on Dog { ...isHouseTrainedFragment }
fragment isHouseTrainedFragment on Dog { isHouseTrained(atOtherHomes: $atOtherHomes) })gql"),
            (std::vector<std::string>{
                "Variable \"$atOtherHomes\" is not defined by operation \"variableIsNotDefinedUsedInNestedFragment\". (3:71, 1:1)",
            }));
}

// Spec 5.8.3 counter-example.
TEST(no_undefined_variables, spec_counter_example_one_of_two_operations) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(query houseTrainedQueryOne($atOtherHomes: Boolean) { dog { ...isHouseTrainedFragment } }
query houseTrainedQueryTwoNotDefined { dog { ...isHouseTrainedFragment } }
fragment isHouseTrainedFragment on Dog { isHouseTrained(atOtherHomes: $atOtherHomes) })gql"),
            (std::vector<std::string>{
                "Variable \"$atOtherHomes\" is not defined by operation \"houseTrainedQueryTwoNotDefined\". (3:71, 2:1)",
            }));
}

TEST(no_undefined_variables, anonymous_operation_and_directive_arguments) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql({ dog { name @include(if: $a) ...F } }
fragment F on Dog { isHouseTrained(atOtherHomes: $b) nickname @skip(if: $a) })gql"),
            (std::vector<std::string>{
                "Variable \"$a\" is not defined. (1:27, 1:1)",
                "Variable \"$b\" is not defined. (2:50, 1:1)",
                "Variable \"$a\" is not defined. (2:73, 1:1)",
            }));
}

// Spec 5.8.4 counter-example.
TEST(no_unused_variables, spec_counter_example_unused) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(query variableUnused($atOtherHomes: Boolean) { dog { isHouseTrained } })gql"),
            (std::vector<std::string>{
                "Variable \"$atOtherHomes\" is never used in operation \"variableUnused\". (1:22)",
            }));
}

// Spec 5.8.4 example.
TEST(no_unused_variables, spec_example_used_in_fragment) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(query variableUsedInFragment($atOtherHomes: Boolean) { dog { ...isHouseTrainedFragment } }
fragment isHouseTrainedFragment on Dog { isHouseTrained(atOtherHomes: $atOtherHomes) })gql"),
            no_errors);
}

// Spec 5.8.4 counter-example.
TEST(no_unused_variables, spec_counter_example_fragment_without_the_variable) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(query variableNotUsedWithinFragment($atOtherHomes: Boolean) { dog { ...isHouseTrainedWithoutVariableFragment } }
fragment isHouseTrainedWithoutVariableFragment on Dog { isHouseTrained })gql"),
            (std::vector<std::string>{
                "Variable \"$atOtherHomes\" is never used in operation \"variableNotUsedWithinFragment\". (1:37)",
            }));
}

// Spec 5.8.4 counter-example.
TEST(no_unused_variables, spec_counter_example_extra_variable) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(query queryWithUsedVar($atOtherHomes: Boolean) { dog { ...isHouseTrainedFragment } }
query queryWithExtraVar($atOtherHomes: Boolean, $extra: Int) { dog { ...isHouseTrainedFragment } }
fragment isHouseTrainedFragment on Dog { isHouseTrained(atOtherHomes: $atOtherHomes) })gql"),
            (std::vector<std::string>{
                "Variable \"$extra\" is never used in operation \"queryWithExtraVar\". (2:49)",
            }));
}

TEST(no_unused_variables, anonymous_operation_reports_each_unused_variable) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(query ($a: Int, $b: Boolean = true @onVariableDefinition) { dog { name } })gql"),
            (std::vector<std::string>{
                "Variable \"$a\" is never used. (1:8)",
                "Variable \"$b\" is never used. (1:17)",
            }));
}

// Spec 5.8.5 counter-example.
TEST(variables_in_allowed_position, spec_counter_example_int_into_boolean) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(query intCannotGoIntoBoolean($intArg: Int) { arguments { booleanArgField(booleanArg: $intArg) } })gql"),
            (std::vector<std::string>{
                "Variable \"$intArg\" of type \"Int\" used in position expecting type \"Boolean\". (1:30, 1:86)",
            }));
}

// Spec 5.8.5 counter-example.
TEST(variables_in_allowed_position, spec_counter_example_list_into_single) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(query booleanListCannotGoIntoBoolean($booleanListArg: [Boolean]) { arguments { booleanArgField(booleanArg: $booleanListArg) } })gql"),
            (std::vector<std::string>{
                "Variable \"$booleanListArg\" of type \"[Boolean]\" used in position expecting type \"Boolean\". (1:38, 1:108)",
            }));
}

// Spec 5.8.5 counter-example.
TEST(variables_in_allowed_position, spec_counter_example_nullable_into_non_null) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(query booleanArgQuery($booleanArg: Boolean) { arguments { nonNullBooleanArgField(nonNullBooleanArg: $booleanArg) } })gql"),
            (std::vector<std::string>{
                "Variable \"$booleanArg\" of type \"Boolean\" used in position expecting type \"Boolean!\". (1:23, 1:101)",
            }));
}

// Spec 5.8.5 example.
TEST(variables_in_allowed_position, spec_example_non_null_list_into_list) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(query nonNullListToList($nonNullBooleanList: [Boolean]!) { arguments { booleanListArgField(booleanListArg: $nonNullBooleanList) } })gql"),
            no_errors);
}

// Spec 5.8.5 counter-example.
TEST(variables_in_allowed_position, spec_counter_example_nullable_list_into_non_null_list) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(query listToNonNullList($booleanList: [Boolean]) { arguments { nonNullBooleanListField(nonNullBooleanListArg: $booleanList) } })gql"),
            (std::vector<std::string>{
                "Variable \"$booleanList\" of type \"[Boolean]\" used in position expecting type \"[Boolean]!\". (1:25, 1:111)",
            }));
}

// Spec 5.8.5 example: the argument has a default.
TEST(variables_in_allowed_position, spec_example_location_default) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(query booleanArgQueryWithDefault($booleanArg: Boolean) { arguments { optionalNonNullBooleanArgField(optionalBooleanArg: $booleanArg) } })gql"),
            no_errors);
}

// Spec 5.8.5 example: the variable has a non-null default.
TEST(variables_in_allowed_position, spec_example_variable_default) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(query booleanArgQueryWithDefault($booleanArg: Boolean = true) { arguments { nonNullBooleanArgField(nonNullBooleanArg: $booleanArg) } })gql"),
            no_errors);
}

TEST(variables_in_allowed_position, null_variable_default_does_not_count) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(query ($booleanArg: Boolean = null) { arguments { nonNullBooleanArgField(nonNullBooleanArg: $booleanArg) } })gql"),
            (std::vector<std::string>{
                "Variable \"$booleanArg\" of type \"Boolean\" used in position expecting type \"Boolean!\". (1:8, 1:93)",
            }));
}

TEST(variables_in_allowed_position, list_items_and_input_fields) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(query ($b: Boolean, $s: String, $r: Boolean, $i: Int) {
  arguments {
    booleanListArgField(booleanListArg: [$b])
    nonNullBooleanListField(nonNullBooleanListArg: [$b, true])
    requiredComplexArgField(complexArg: {requiredField: $r, defaultedField: $i, optionalField: $s})
  }
  booleanList(booleanListArg: [$b])
})gql"),
            (std::vector<std::string>{
                "Variable \"$r\" of type \"Boolean\" used in position expecting type \"Boolean!\". (1:33, 5:57)",
                "Variable \"$b\" of type \"Boolean\" used in position expecting type \"Boolean!\". (1:8, 7:32)",
            }));
}

TEST(variables_in_allowed_position, usages_in_fragments_use_each_operation) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(query A($v: Boolean!) { ...F }
query B($v: Boolean) { ...F }
fragment F on Query { arguments { nonNullBooleanArgField(nonNullBooleanArg: $v) } })gql"),
            (std::vector<std::string>{
                "Variable \"$v\" of type \"Boolean\" used in position expecting type \"Boolean!\". (2:9, 3:77)",
            }));
}

TEST(variables_in_allowed_position, non_input_variable_type_is_reported_too) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(query ($d: Dog) { arguments { intArgField(intArg: $d) } })gql"),
            (std::vector<std::string>{
                "Variable \"$d\" cannot be non-input type \"Dog\". (1:12)",
                "Variable \"$d\" of type \"Dog\" used in position expecting type \"Int\". (1:8, 1:51)",
            }));
}

TEST(variables_in_allowed_position, id_and_int_are_not_interchangeable) {
  EXPECT_EQ(validation_errors(pets_schema(), R"gql(query ($id: ID, $n: Int) { arguments { idArgField(idArg: $n) intArgField(intArg: $id) } })gql"),
            (std::vector<std::string>{
                "Variable \"$n\" of type \"Int\" used in position expecting type \"ID\". (1:17, 1:58)",
                "Variable \"$id\" of type \"ID\" used in position expecting type \"Int\". (1:8, 1:82)",
            }));
}

}  // namespace
}  // namespace streamhub::graphql::testing
