#include "protocol/graphql/execution/resolver_map.hpp"

#include <gtest/gtest.h>

#include "tests/protocol/graphql/execution/execution_fixture.hpp"

namespace streamhub::graphql::testing {
namespace {

class resolver_map_test : public ::testing::Test {
 protected:
  resolver_map_test() : map_(must_build(read_fixture("star_wars.graphql"))) {}

  static field_result nothing(const field_call&) { return value(); }

  std::string bind_error(std::string_view type, std::string_view field) {
    auto bound = map_.bind(type, field, nothing);
    return bound ? "ok" : bound.err().message;
  }

  resolver_map map_;
};

TEST_F(resolver_map_test, BindingIsCheckedAgainstTheSchema) {
  EXPECT_EQ(bind_error("Root", "hero"), "ok");
  EXPECT_EQ(bind_error("Root", "hero"), "Field \"Root.hero\" has a resolver already.");
  EXPECT_EQ(bind_error("Root", "zero"), "Field \"Root.zero\" is not in the schema.");
  EXPECT_EQ(bind_error("Robot", "hero"), "Type \"Robot\" is not in the schema.");
  EXPECT_EQ(bind_error("Episode", "JEDI"), "Type \"Episode\" is not an object or interface type.");
  EXPECT_EQ(bind_error("Root", "__typename"), "Field \"Root.__typename\" is not in the schema.");
  EXPECT_EQ(bind_error("__Schema", "types"), "Introspection field \"__Schema.types\" cannot be bound.");
  ASSERT_TRUE(map_.bind("Root", "droid", nothing));
  EXPECT_EQ(map_.bind("Root", "droid", nothing).err().code, error_code::invalid);

  EXPECT_FALSE(map_.bind_type_resolver("Human", [](const value&, void*) { return std::string_view(); }));
  EXPECT_TRUE(map_.bind_type_resolver("Character", [](const value&, void*) { return std::string_view(); }));
  EXPECT_FALSE(map_.bind_scalar("Int", {}));
  EXPECT_FALSE(map_.bind_scalar("Episode", {}));
  EXPECT_TRUE(map_.bind_scalar("DateTime", {}));
  EXPECT_FALSE(map_.bind_scalar("DateTime", {}));
  EXPECT_FALSE(map_.bind_subscription("nope", [](const field_call&) -> subscribe_result { return source_stream(); }));
}

TEST_F(resolver_map_test, InterfaceBindingsApplyToImplementationsWithoutTheirOwn) {
  ASSERT_TRUE(map_.bind("Character", "name", nothing));
  ASSERT_TRUE(map_.bind("Droid", "name", nothing));
  const schema& s = map_.schema();
  const named_type& human = *s.find_type("Human");
  const named_type& droid = *s.find_type("Droid");
  const resolver_fn* for_human = map_.find_resolver(human, *human.find_field("name"));
  const resolver_fn* for_droid = map_.find_resolver(droid, *droid.find_field("name"));
  ASSERT_NE(for_human, nullptr);
  ASSERT_NE(for_droid, nullptr);
  EXPECT_NE(for_human, for_droid);
  EXPECT_EQ(for_human, map_.find_resolver(*s.find_type("Character"), *s.find_type("Character")->find_field("name")));
  EXPECT_EQ(map_.find_resolver(human, *human.find_field("id")), nullptr);
}

}  // namespace
}  // namespace streamhub::graphql::testing
