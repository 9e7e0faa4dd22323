// Null propagation (spec 6.4.4) in every shape: nullable and non-null
// fields, lists of non-null items, non-null lists, nesting; error paths
// and locations. The expected responses are graphql-js 16.8.1's for the
// same schema, data and documents (its "errors" member moved last).

#include "protocol/graphql/execution/execute.hpp"

#include <gtest/gtest.h>

#include "tests/protocol/graphql/execution/execution_fixture.hpp"

namespace streamhub::graphql::testing {
namespace {

constexpr std::string_view sdl = R"(
type Query {
  data: Data
  nonNullData: Data!
}

type Data {
  value: String
  nullValue: String
  nonNullValue: String!
  nonNullNull: String!
  error: String
  nonNullError: String!
  badInt: Int!
  nest: Data
  nonNullNest: Data!
  list: [String]
  listOfNonNull: [String!]
  nonNullList: [String]!
  nonNullListOfNonNull: [String!]!
  nullList: [String]!
  objects: [Data!]
  nullableObjects: [Data]
}
)";

class null_propagation : public ::testing::Test {
 protected:
  null_propagation() {
    resolvers_ = std::make_shared<resolver_map>(must_build(sdl));
    const value items = list({"a", nullptr, "c"});
    data_ = props({{"value", "v"},
                   {"nullValue", nullptr},
                   {"nonNullValue", "v"},
                   {"nonNullNull", nullptr},
                   {"badInt", "x"},
                   {"list", items},
                   {"listOfNonNull", items},
                   {"nonNullList", items},
                   {"nonNullListOfNonNull", items},
                   {"nullList", nullptr}});
    const auto self = [](const field_call& call) { return field_result::borrow(call.parent()); };
    const auto fail = [](const field_call&) -> field_result { return field_error("boom"); };
    const auto two = [](const field_call& call) -> field_result {
      return list({call.parent(), call.parent()});
    };
    EXPECT_TRUE(resolvers_->bind("Query", "data", [this](const field_call&) { return field_result::borrow(data_); }));
    EXPECT_TRUE(resolvers_->bind("Query", "nonNullData", [this](const field_call&) { return field_result::borrow(data_); }));
    EXPECT_TRUE(resolvers_->bind("Data", "nest", self));
    EXPECT_TRUE(resolvers_->bind("Data", "nonNullNest", self));
    EXPECT_TRUE(resolvers_->bind("Data", "error", fail));
    EXPECT_TRUE(resolvers_->bind("Data", "nonNullError", fail));
    EXPECT_TRUE(resolvers_->bind("Data", "objects", two));
    EXPECT_TRUE(resolvers_->bind("Data", "nullableObjects", two));
  }

  std::string run(std::string_view query) { return run_sync(must_prepare(resolvers_, query)); }

  std::shared_ptr<resolver_map> resolvers_;
  value data_;
};

TEST_F(null_propagation, NullableFieldsAreNullWithoutErrors) {
  EXPECT_EQ(run("{ data { value nullValue nonNullValue } }"),
            R"({"data":{"data":{"value":"v","nullValue":null,"nonNullValue":"v"}}})");
}

TEST_F(null_propagation, NullableFieldErrorIsNullAndAnError) {
  EXPECT_EQ(run("{ data { error value } }"),
            R"({"data":{"data":{"error":null,"value":"v"}},"errors":[{"message":"boom",)"
            R"("locations":[{"line":1,"column":10}],"path":["data","error"]}]})");
}

TEST_F(null_propagation, NonNullNullNullsTheParentObject) {
  EXPECT_EQ(run("{ data { value nonNullNull } }"),
            R"({"data":{"data":null},"errors":[{"message":"Cannot return null for non-nullable field Data.nonNullNull.",)"
            R"("locations":[{"line":1,"column":16}],"path":["data","nonNullNull"]}]})");
}

TEST_F(null_propagation, NonNullErrorStopsTheRemainingSiblings) {
  // As graphql-js with synchronous resolvers: fields after the failing one
  // are not executed, so `error` adds no second error.
  EXPECT_EQ(run("{ data { nonNullError error } }"),
            R"({"data":{"data":null},"errors":[{"message":"boom","locations":[{"line":1,"column":10}],)"
            R"("path":["data","nonNullError"]}]})");
}

TEST_F(null_propagation, PropagatesThroughNonNullChainsToTheNearestNullable) {
  EXPECT_EQ(run("{ data { value nest { nonNullNest { nonNullNest { nonNullNull } } } } }"),
            R"({"data":{"data":{"value":"v","nest":null}},"errors":[{"message":"Cannot return null for non-nullable field Data.nonNullNull.",)"
            R"("locations":[{"line":1,"column":51}],"path":["data","nest","nonNullNest","nonNullNest","nonNullNull"]}]})");
}

TEST_F(null_propagation, ReachingTheRootNullsData) {
  EXPECT_EQ(run("{ data { value } nonNullData { nonNullNest { nonNullError } } }"),
            R"({"data":null,"errors":[{"message":"boom","locations":[{"line":1,"column":46}],)"
            R"("path":["nonNullData","nonNullNest","nonNullError"]}]})");
}

TEST_F(null_propagation, LeafSerializationErrorsPropagate) {
  EXPECT_EQ(run("{ data { value badInt } }"),
            R"({"data":{"data":null},"errors":[{"message":"Int cannot represent non-integer value: \"x\"",)"
            R"("locations":[{"line":1,"column":16}],"path":["data","badInt"]}]})");
}

TEST_F(null_propagation, NullItemInNullableList) {
  EXPECT_EQ(run("{ data { list nonNullList } }"),
            R"({"data":{"data":{"list":["a",null,"c"],"nonNullList":["a",null,"c"]}}})");
}

TEST_F(null_propagation, NullItemOfNonNullTypeNullsTheList) {
  EXPECT_EQ(run("{ data { listOfNonNull value } }"),
            R"({"data":{"data":{"listOfNonNull":null,"value":"v"}},"errors":[{"message":"Cannot return null for non-nullable field Data.listOfNonNull.",)"
            R"("locations":[{"line":1,"column":10}],"path":["data","listOfNonNull",1]}]})");
}

TEST_F(null_propagation, NonNullListOfNonNullNullsTheParent) {
  EXPECT_EQ(run("{ data { nonNullListOfNonNull } }"),
            R"({"data":{"data":null},"errors":[{"message":"Cannot return null for non-nullable field Data.nonNullListOfNonNull.",)"
            R"("locations":[{"line":1,"column":10}],"path":["data","nonNullListOfNonNull",1]}]})");
}

TEST_F(null_propagation, NullNonNullListNullsTheParent) {
  EXPECT_EQ(run("{ data { nullList } }"),
            R"({"data":{"data":null},"errors":[{"message":"Cannot return null for non-nullable field Data.nullList.",)"
            R"("locations":[{"line":1,"column":10}],"path":["data","nullList"]}]})");
}

TEST_F(null_propagation, NonNullItemsStopTheListAtTheFirstFailure) {
  EXPECT_EQ(run("{ data { objects { value nonNullNull } } }"),
            R"({"data":{"data":{"objects":null}},"errors":[{"message":"Cannot return null for non-nullable field Data.nonNullNull.",)"
            R"("locations":[{"line":1,"column":26}],"path":["data","objects",0,"nonNullNull"]}]})");
}

TEST_F(null_propagation, NullableItemsFailOneByOne) {
  EXPECT_EQ(run("{ data { nullableObjects { value nonNullError } } }"),
            R"({"data":{"data":{"nullableObjects":[null,null]}},"errors":[)"
            R"({"message":"boom","locations":[{"line":1,"column":34}],"path":["data","nullableObjects",0,"nonNullError"]},)"
            R"({"message":"boom","locations":[{"line":1,"column":34}],"path":["data","nullableObjects",1,"nonNullError"]}]})");
}

TEST_F(null_propagation, ListsOfListsAndAliases) {
  EXPECT_EQ(run("{ d: data { o: nullableObjects { l: listOfNonNull n: nest { v: value } } } }"),
            R"({"data":{"d":{"o":[{"l":null,"n":{"v":"v"}},{"l":null,"n":{"v":"v"}}]}},"errors":[)"
            R"({"message":"Cannot return null for non-nullable field Data.listOfNonNull.","locations":[{"line":1,"column":34}],"path":["d","o",0,"l",1]},)"
            R"({"message":"Cannot return null for non-nullable field Data.listOfNonNull.","locations":[{"line":1,"column":34}],"path":["d","o",1,"l",1]}]})");
}

}  // namespace
}  // namespace streamhub::graphql::testing
