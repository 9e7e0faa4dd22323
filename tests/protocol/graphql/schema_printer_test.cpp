#include "protocol/graphql/schema_printer.hpp"

#include <gtest/gtest.h>

#include "protocol/graphql/schema_builder.hpp"
#include "tests/protocol/graphql/fixture.hpp"

namespace streamhub::graphql {
namespace {

// The .printed.graphql files are graphql-js 16's printSchema(buildSchema(x)).
TEST(SchemaPrinterTest, PrintsAsGraphqlJsPrintSchema) {
  for (const char* name : {"star_wars", "schema_extensions"}) {
    SCOPED_TRACE(name);
    auto built = build_schema(testing::read_fixture(std::string(name) + ".graphql"));
    ASSERT_TRUE(built.has_value()) << built.errors().front().message;
    EXPECT_EQ(print_schema(**built) + "\n",
              testing::read_fixture(std::string(name) + ".printed.graphql"));
  }
}

TEST(SchemaPrinterTest, PrintedSchemaBuildsTheSameSchema) {
  auto first = build_schema(testing::read_fixture("star_wars.graphql"));
  ASSERT_TRUE(first.has_value());
  const std::string printed = print_schema(**first);
  auto second = build_schema(printed);
  ASSERT_TRUE(second.has_value()) << second.errors().front().message;
  EXPECT_EQ(print_schema(**second), printed);
}

TEST(SchemaPrinterTest, SchemaDefinitionOnlyWhenNeeded) {
  auto common = build_schema("type Query { a: Int } type Mutation { b: Int }");
  ASSERT_TRUE(common.has_value());
  EXPECT_EQ(print_schema(**common), "type Query {\n  a: Int\n}\n\ntype Mutation {\n  b: Int\n}");
  auto custom = build_schema("schema { query: Q } type Q { a: Int }");
  ASSERT_TRUE(custom.has_value());
  EXPECT_EQ(print_schema(**custom), "schema {\n  query: Q\n}\n\ntype Q {\n  a: Int\n}");
}

}  // namespace
}  // namespace streamhub::graphql
