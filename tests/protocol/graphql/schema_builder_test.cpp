#include "protocol/graphql/schema_builder.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "protocol/graphql/parser.hpp"
#include "tests/protocol/graphql/fixture.hpp"

namespace streamhub::graphql {
namespace {

std::shared_ptr<const schema> star_wars() {
  static const std::shared_ptr<const schema> s = [] {
    auto built = build_schema(testing::read_fixture("star_wars.graphql"));
    EXPECT_TRUE(built.has_value()) << built.errors().front().message;
    return built ? *built : nullptr;
  }();
  return s;
}

std::vector<std::string_view> names(std::span<const named_type* const> types) {
  std::vector<std::string_view> out;
  for (const auto* t : types) out.push_back(t->name);
  return out;
}

TEST(SchemaBuilderTest, TypesAndDirectivesInGraphqlJsOrder) {
  auto s = star_wars();
  ASSERT_NE(s, nullptr);
  // graphql-js 16's Object.keys(schema.getTypeMap()) for the same SDL.
  const std::vector<std::string_view> expected = {
      "DateTime", "JSON", "Node", "ID", "Character", "String", "Int", "Vehicle", "Float",
      "Episode", "LengthUnit", "Faction", "Human", "Droid", "Starship", "Planet", "Review",
      "SearchResult", "CharacterConnection", "CharacterEdge", "PageInfo", "Boolean",
      "ReviewInput", "CharacterFilter", "PlanetFilter", "Root", "Mutation", "Subscription",
      "__Schema", "__Type", "__TypeKind", "__Field", "__InputValue", "__EnumValue",
      "__Directive", "__DirectiveLocation"};
  EXPECT_EQ(names(s->types()), expected);
  std::vector<std::string_view> directives;
  for (const auto* d : s->directives()) directives.push_back(d->name);
  EXPECT_EQ(directives, (std::vector<std::string_view>{"include", "skip", "deprecated", "specifiedBy"}));
}

TEST(SchemaBuilderTest, RootTypesAndDescription) {
  auto s = star_wars();
  EXPECT_EQ(s->query_type()->name, "Root");
  EXPECT_EQ(s->mutation_type()->name, "Mutation");
  EXPECT_EQ(s->root_type(operation_type::subscription)->name, "Subscription");
  EXPECT_EQ(*s->description(), "The galaxy far, far away: characters, their ships and the films they\nappear in.");
}

TEST(SchemaBuilderTest, TypesFieldsAndArguments) {
  auto s = star_wars();
  const named_type* human = s->find_type("Human");
  ASSERT_NE(human, nullptr);
  EXPECT_EQ(human->kind, type_kind::object);
  EXPECT_EQ(names(human->interfaces), (std::vector<std::string_view>{"Node", "Character"}));
  const field_def* friends = human->find_field("friends");
  ASSERT_NE(friends, nullptr);
  EXPECT_EQ(friends->type.to_string(), "[Character]");
  EXPECT_TRUE(friends->type.is_list());
  EXPECT_EQ(friends->type.of_type().named_type()->name, "Character");
  ASSERT_EQ(friends->arguments.size(), 2u);
  EXPECT_EQ(friends->arguments[0].default_value->text, "10");
  EXPECT_FALSE(friends->arguments[0].is_required());
  EXPECT_EQ(friends->find_argument("after")->type.to_string(), "String");
  EXPECT_EQ(human->find_field("appearsIn")->type.to_string(), "[Episode!]!");
  EXPECT_EQ(*human->find_field("height")->description, "Height in the given unit.");
  EXPECT_EQ(human->find_field("missing"), nullptr);

  const named_type* droid = s->find_type("Droid");
  EXPECT_EQ(*droid->find_field("serialNumber")->deprecation_reason, "Use `id`.");
  EXPECT_FALSE(droid->find_field("name")->deprecation_reason.has_value());
  EXPECT_EQ(*s->query_type()->find_field("villain")->deprecation_reason, "No longer supported");

  const named_type* episode = s->find_type("Episode");
  ASSERT_EQ(episode->enum_values.size(), 4u);
  EXPECT_EQ(*episode->find_enum_value("NEWHOPE")->description, "Released in 1977.");
  EXPECT_EQ(*episode->find_enum_value("THE_PHANTOM")->deprecation_reason, "Not part of the trilogy");

  const named_type* filter = s->find_type("CharacterFilter");
  EXPECT_EQ(filter->kind, type_kind::input_object);
  EXPECT_EQ(filter->find_input_field("episodes")->default_value->kind, value_kind::list);
  EXPECT_TRUE(s->find_type("ReviewInput")->find_input_field("stars")->is_required());

  EXPECT_EQ(*s->find_type("DateTime")->specified_by_url,
            "https://datatracker.ietf.org/doc/html/rfc3339");
  EXPECT_FALSE(s->find_type("JSON")->specified_by_url.has_value());
  EXPECT_EQ(s->find_type("Droid")->ast->name.value, "Droid");
  EXPECT_EQ(s->find_type("String")->ast, nullptr);
}

TEST(SchemaBuilderTest, KindPredicates) {
  auto s = star_wars();
  const auto type = [&](std::string_view name) { return type_ref(s->find_type(name)); };
  EXPECT_TRUE(is_input_type(type("CharacterFilter").list_of().non_null()));
  EXPECT_FALSE(is_output_type(type("CharacterFilter")));
  EXPECT_TRUE(is_input_type(type("Episode")));
  EXPECT_TRUE(is_output_type(type("Episode")));
  EXPECT_FALSE(is_input_type(type("Human")));
  EXPECT_TRUE(is_leaf_type(type("DateTime").non_null()));
  EXPECT_TRUE(is_composite_type(type("SearchResult")));
  EXPECT_FALSE(is_composite_type(type("SearchResult").list_of()));
  EXPECT_TRUE(is_abstract_type(type("Character")));
  EXPECT_FALSE(is_abstract_type(type("Human")));
  const type_ref t = type("Int").non_null().list_of().non_null();
  EXPECT_EQ(t.to_string(), "[Int!]!");
  EXPECT_EQ(t.nullable().to_string(), "[Int!]");
  EXPECT_EQ(t.nullable().nullable(), t.nullable());
  EXPECT_EQ(t.of_type().of_type().of_type(), type("Int"));
  EXPECT_TRUE(t.of_type().of_type().is_non_null());
}

TEST(SchemaBuilderTest, MetaFields) {
  auto s = star_wars();
  const named_type& root = *s->query_type();
  const named_type& human = *s->find_type("Human");
  const named_type& search = *s->find_type("SearchResult");
  EXPECT_EQ(s->find_field(human, "__typename"), &s->typename_field());
  EXPECT_EQ(s->find_field(search, "__typename")->type.to_string(), "String!");
  EXPECT_EQ(s->find_field(root, "__schema")->type.to_string(), "__Schema!");
  EXPECT_EQ(s->find_field(root, "__type")->arguments[0].type.to_string(), "String!");
  EXPECT_EQ(s->find_field(human, "__schema"), nullptr);
  EXPECT_EQ(s->find_field(search, "name"), nullptr);
  EXPECT_EQ(s->find_field(*s->find_type("Episode"), "__typename"), nullptr);
  EXPECT_EQ(s->find_field(human, "name")->type.to_string(), "String!");
}

TEST(SchemaBuilderTest, IntrospectionTypes) {
  auto s = star_wars();
  const named_type* type = s->find_type("__Type");
  ASSERT_NE(type, nullptr);
  std::vector<std::string_view> fields;
  for (const auto& f : type->fields) fields.push_back(f.name);
  EXPECT_EQ(fields, (std::vector<std::string_view>{"kind", "name", "description", "specifiedByURL",
                                                   "fields", "interfaces", "possibleTypes",
                                                   "enumValues", "inputFields", "ofType"}));
  EXPECT_TRUE(type->is_introspection_type());
  EXPECT_EQ(s->find_type("__TypeKind")->enum_values.size(), 8u);
  EXPECT_EQ(s->find_type("__DirectiveLocation")->enum_values.size(), directive_location_count);
  const directive_def* deprecated = s->find_directive("deprecated");
  EXPECT_EQ(deprecated->find_argument("reason")->default_value->text, "No longer supported");
  EXPECT_TRUE(deprecated->allows(directive_location::argument_definition));
  EXPECT_FALSE(deprecated->allows(directive_location::field));
  EXPECT_EQ(deprecated->ast, nullptr);
}

TEST(SchemaBuilderTest, AbstractTypes) {
  auto s = star_wars();
  const named_type& character = *s->find_type("Character");
  const named_type& node = *s->find_type("Node");
  const named_type& search = *s->find_type("SearchResult");
  const named_type& human = *s->find_type("Human");
  const named_type& starship = *s->find_type("Starship");
  const named_type& review = *s->find_type("Review");
  EXPECT_EQ(names(s->possible_types(character)), (std::vector<std::string_view>{"Human", "Droid"}));
  EXPECT_EQ(names(s->possible_types(node)),
            (std::vector<std::string_view>{"Human", "Droid", "Starship", "Planet"}));
  EXPECT_EQ(names(s->possible_types(search)),
            (std::vector<std::string_view>{"Human", "Droid", "Starship", "Planet"}));
  EXPECT_TRUE(s->is_possible_type(character, human));
  EXPECT_FALSE(s->is_possible_type(character, starship));
  EXPECT_TRUE(s->is_sub_type(node, character));  // an interface implementing Node
  EXPECT_FALSE(s->is_possible_type(node, character));
  EXPECT_TRUE(s->do_types_overlap(character, search));
  EXPECT_TRUE(s->do_types_overlap(human, character));
  EXPECT_FALSE(s->do_types_overlap(review, search));
  EXPECT_FALSE(s->do_types_overlap(human, starship));
  const auto t = [&](std::string_view n) { return type_ref(s->find_type(n)); };
  EXPECT_TRUE(s->is_type_sub_type_of(t("Human").non_null(), t("Character")));
  EXPECT_TRUE(s->is_type_sub_type_of(t("Human").non_null().list_of(), t("Node").list_of()));
  EXPECT_FALSE(s->is_type_sub_type_of(t("Character"), t("Human")));
  EXPECT_FALSE(s->is_type_sub_type_of(t("Human"), t("Human").non_null()));
  EXPECT_FALSE(s->is_type_sub_type_of(t("Human").list_of(), t("Human")));
}

TEST(SchemaBuilderTest, ResolvesSyntaxTypes) {
  auto s = star_wars();
  auto type = parse_type("[Episode!]!");
  ASSERT_TRUE(type.has_value());
  EXPECT_EQ(s->resolve(**type)->to_string(), "[Episode!]!");
  auto unknown = parse_type("[Nope]");
  EXPECT_FALSE(s->resolve(**unknown).has_value());
}

TEST(SchemaBuilderTest, UnreferencedBuiltinScalarsAreAbsentLikeGraphqlJs) {
  auto built = build_schema("type Query { a: String }");
  ASSERT_TRUE(built.has_value());
  const auto& s = **built;
  EXPECT_NE(s.find_type("String"), nullptr);
  EXPECT_NE(s.find_type("Boolean"), nullptr);  // @include and @skip take one
  EXPECT_EQ(s.find_type("Float"), nullptr);
  EXPECT_EQ(s.find_type("ID"), nullptr);
  EXPECT_EQ(names(s.types()).front(), "Query");
}

TEST(SchemaBuilderTest, DefaultRootNamesAndRedefinitions) {
  auto built = build_schema(R"(
    "my string" scalar String
    directive @deprecated(why: String) on FIELD_DEFINITION
    type Query { a: String @deprecated(why: "x") }
    type Mutation { b: Int }
  )");
  ASSERT_TRUE(built.has_value()) << built.errors().front().message;
  const auto& s = **built;
  EXPECT_EQ(s.query_type()->name, "Query");
  EXPECT_EQ(s.mutation_type()->name, "Mutation");
  EXPECT_EQ(s.subscription_type(), nullptr);
  EXPECT_FALSE(s.description().has_value());
  EXPECT_NE(s.find_type("String")->description, "my string");  // the built-in is kept
  EXPECT_EQ(s.directives().front()->name, "deprecated");
  EXPECT_NE(s.directives().front()->ast, nullptr);
  EXPECT_EQ(s.directives().size(), 4u);
  // @deprecated semantics stay the built-in ones.
  EXPECT_EQ(*s.query_type()->find_field("a")->deprecation_reason, "No longer supported");
}

TEST(SchemaBuilderTest, SchemaIsIndependentOfTheSdlText) {
  std::string sdl = "type Query { greeting: String }";
  auto built = build_schema(sdl);
  ASSERT_TRUE(built.has_value());
  sdl.assign(sdl.size(), 'x');
  EXPECT_NE((*built)->query_type()->find_field("greeting"), nullptr);
  EXPECT_EQ((*built)->documents().size(), 2u);
}

}  // namespace
}  // namespace streamhub::graphql
