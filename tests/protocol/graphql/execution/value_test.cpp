#include "protocol/graphql/execution/value.hpp"

#include <gtest/gtest.h>

#include <string>

#include "protocol/graphql/execution/inspect.hpp"

namespace streamhub::graphql {
namespace {

struct user {
  std::string login;
};
struct channel {};

TEST(value_test, ScalarsAndCheckedReads) {
  EXPECT_TRUE(value().is_null());
  EXPECT_TRUE(value(nullptr).is_null());
  EXPECT_EQ(value(true).get_bool(), true);
  EXPECT_EQ(value(7).get_int(), 7);
  EXPECT_EQ(value(std::uint16_t{7}).type(), value_type::integer);
  EXPECT_EQ(value(7).get_float(), 7.0);
  EXPECT_EQ(value(2.5f).get_float(), 2.5);
  EXPECT_EQ(value(2.5).get_int(), std::nullopt);
  EXPECT_EQ(value("text").get_string(), "text");
  EXPECT_EQ(value(7).get_string(), std::nullopt);
  EXPECT_EQ(value::enum_value("JEDI").type(), value_type::string);
}

TEST(value_test, OwnedStringsSurviveCopiesAndMoves) {
  const std::string long_text(100, 'x');
  value a(long_text);
  value b = a;
  value c = std::move(a);
  EXPECT_EQ(b.as_string(), long_text);
  EXPECT_EQ(c.as_string(), long_text);
  value shorty("abc");
  value moved = std::move(shorty);  // inline storage moves with the value
  EXPECT_EQ(moved.as_string(), "abc");
}

TEST(value_test, ObjectsAreCheckedCasts) {
  auto luke = std::make_shared<const user>(user{"luke"});
  value v = value::object(luke, "User");
  EXPECT_EQ(v.as<user>(), luke.get());
  EXPECT_EQ(v.as<channel>(), nullptr);
  EXPECT_EQ(v.as_properties(), nullptr);
  EXPECT_EQ(v.object_type_name(), "User");
  EXPECT_EQ(v.object_tag(), tag_of<user>());
  value copy = v;
  luke.reset();
  EXPECT_EQ(copy.as<user>()->login, "luke");  // the value shares ownership

  static const channel c;
  value borrowed = value::object_view(&c, {}, 42);
  EXPECT_EQ(borrowed.as<channel>(), &c);
  EXPECT_EQ(borrowed.object_word(), 42u);
  EXPECT_EQ(borrowed.object_type_name(), "");
}

TEST(value_test, PropertyObjectsAndTypename) {
  property_object p;
  p.set("a", 1).set("b", "x").set("a", 2);
  EXPECT_EQ(p.size(), 2u);
  EXPECT_EQ(p.find("a")->get_int(), 2);
  EXPECT_EQ(p.find("c"), nullptr);
  p.add("__typename", "Human");
  value v = value::properties(p);
  EXPECT_EQ(v.object_type_name(), "Human");
  EXPECT_EQ(value::properties(p, "Droid").object_type_name(), "Droid");
}

TEST(value_test, InspectWritesLikeGraphqlJs) {
  std::vector<value> many;
  for (int i = 0; i < 12; ++i) many.emplace_back(i);
  property_object inner;
  inner.add("deep", value::properties(property_object({{"x", value(1)}})));
  property_object outer;
  outer.add("s", "q\"");
  outer.add("n", 1.5);
  outer.add("l", value::list(many));
  outer.add("o", value::properties(inner));
  outer.add("e", value::properties(property_object()));
  EXPECT_EQ(detail::inspect(value::properties(outer)),
            R"({ s: "q\"", n: 1.5, l: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, ... 2 more items], o: { deep: [Object] }, e: {} })");
  EXPECT_EQ(detail::inspect(value::list({value::list({value::list({value(1)})})})), "[[[Array]]]");
  EXPECT_EQ(detail::inspect(value(1e21)), "1e+21");
  EXPECT_EQ(detail::inspect(value(-0.0)), "0");
}

TEST(value_test, SameTextSeesADifferenceAtAnyPosition) {
  // Names are compared in words of 8 and 4 bytes with overlapping tails:
  // every length around those sizes, a difference at every position.
  for (std::size_t n = 0; n <= 40; ++n) {
    const std::string a(n, 'x');
    EXPECT_TRUE(detail::same_text(a, std::string(n, 'x'))) << n;
    EXPECT_FALSE(detail::same_text(a, std::string(n + 1, 'x'))) << n;
    for (std::size_t i = 0; i < n; ++i) {
      std::string b = a;
      b[i] = 'y';
      EXPECT_FALSE(detail::same_text(a, b)) << n << " at " << i;
    }
  }
}

}  // namespace
}  // namespace streamhub::graphql
