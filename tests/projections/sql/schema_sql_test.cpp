#include "projections/sql/schema_sql.hpp"

#include <gtest/gtest.h>

namespace streamhub::projections::sql {
namespace {

TEST(SchemaSqlTest, ValidNamesAreLowerCaseIdentifiers) {
  EXPECT_TRUE(valid_schema_name("proj_chat"));
  EXPECT_TRUE(valid_schema_name("proj_chat_next"));
  EXPECT_TRUE(valid_schema_name("_x9"));
  EXPECT_FALSE(valid_schema_name(""));
  EXPECT_FALSE(valid_schema_name("9lives"));
  EXPECT_FALSE(valid_schema_name("Proj"));
  EXPECT_FALSE(valid_schema_name("proj; DROP TABLE x"));
  EXPECT_FALSE(valid_schema_name("proj-chat"));
  EXPECT_FALSE(valid_schema_name(std::string(64, 'a')));
  EXPECT_TRUE(valid_schema_name(std::string(63, 'a')));
}

TEST(SchemaSqlTest, EveryPlaceholderIsReplaced) {
  EXPECT_EQ(with_schema("SELECT * FROM {schema}.a JOIN {schema}.b USING (id)", "proj_x"),
            "SELECT * FROM proj_x.a JOIN proj_x.b USING (id)");
  EXPECT_EQ(with_schema("SELECT 1", "proj_x"), "SELECT 1");
  EXPECT_EQ(with_schema("{schema}", "s"), "s");
}

}  // namespace
}  // namespace streamhub::projections::sql
