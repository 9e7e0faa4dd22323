#include "protocol/graphql/parser.hpp"

#include <gtest/gtest.h>

#include <string>

namespace streamhub::graphql {
namespace {

std::shared_ptr<const document> parse_ok(std::string_view source) {
  auto doc = parse_executable(source);
  EXPECT_TRUE(doc.has_value()) << doc.errors().front().message;
  return doc ? *doc : nullptr;
}

std::shared_ptr<const document> parse_sdl_ok(std::string_view source) {
  auto doc = parse_sdl(source);
  EXPECT_TRUE(doc.has_value()) << doc.errors().front().message;
  return doc ? *doc : nullptr;
}

const field_node& field_at(selection_span set, std::size_t i) {
  return set[i]->as<field_node>();
}

TEST(ParserTest, QueryShorthand) {
  auto doc = parse_ok("{ hero { name } }");
  ASSERT_EQ(doc->definitions().size(), 1u);
  const auto& op = doc->definitions()[0]->as<operation_definition_node>();
  EXPECT_EQ(op.operation, operation_type::query);
  EXPECT_TRUE(op.name.empty());
  EXPECT_TRUE(op.variable_definitions.empty());
  ASSERT_EQ(op.selection_set.size(), 1u);
  const auto& hero = field_at(op.selection_set, 0);
  EXPECT_EQ(hero.name.value, "hero");
  EXPECT_EQ(hero.response_name(), "hero");
  ASSERT_EQ(hero.selection_set.size(), 1u);
  EXPECT_EQ(field_at(hero.selection_set, 0).name.value, "name");
  EXPECT_TRUE(field_at(hero.selection_set, 0).selection_set.empty());
}

TEST(ParserTest, OperationsWithVariablesDirectivesAndAliases) {
  auto doc = parse_ok(R"(
    query Hero($episode: Episode = JEDI, $ids: [ID!]! @deprecated, $n: Int) @live {
      leader: hero(episode: $episode, first: 10) @include(if: true) { id }
    }
    mutation Save { save }
    subscription OnChat($room: ID!) { chat(room: $room) }
  )");
  ASSERT_EQ(doc->definitions().size(), 3u);
  const auto& q = doc->definitions()[0]->as<operation_definition_node>();
  EXPECT_EQ(q.name.value, "Hero");
  ASSERT_EQ(q.variable_definitions.size(), 3u);
  const auto& episode = q.variable_definitions[0];
  EXPECT_EQ(episode.variable.value, "episode");
  EXPECT_EQ(episode.type->kind, type_node_kind::named);
  EXPECT_EQ(episode.type->name.value, "Episode");
  ASSERT_NE(episode.default_value, nullptr);
  EXPECT_EQ(episode.default_value->kind, value_kind::enum_);
  EXPECT_EQ(episode.default_value->text, "JEDI");
  const auto& ids = q.variable_definitions[1];
  EXPECT_EQ(ids.type->kind, type_node_kind::non_null);
  EXPECT_EQ(ids.type->of_type->kind, type_node_kind::list);
  EXPECT_EQ(ids.type->of_type->of_type->kind, type_node_kind::non_null);
  EXPECT_EQ(ids.type->named_type(), "ID");
  ASSERT_EQ(ids.directives.size(), 1u);
  EXPECT_EQ(ids.directives[0].name.value, "deprecated");
  EXPECT_EQ(q.variable_definitions[2].default_value, nullptr);
  ASSERT_EQ(q.directives.size(), 1u);
  EXPECT_EQ(q.directives[0].name.value, "live");

  const auto& leader = field_at(q.selection_set, 0);
  EXPECT_EQ(leader.alias.value, "leader");
  EXPECT_EQ(leader.name.value, "hero");
  EXPECT_EQ(leader.response_name(), "leader");
  ASSERT_EQ(leader.arguments.size(), 2u);
  EXPECT_EQ(leader.arguments[0].name.value, "episode");
  EXPECT_EQ(leader.arguments[0].value.kind, value_kind::variable);
  EXPECT_EQ(leader.arguments[0].value.text, "episode");
  EXPECT_EQ(leader.arguments[1].value.kind, value_kind::int_);
  EXPECT_EQ(leader.arguments[1].value.text, "10");
  ASSERT_EQ(leader.directives.size(), 1u);
  EXPECT_EQ(leader.directives[0].arguments[0].value.kind, value_kind::boolean);
  EXPECT_TRUE(leader.directives[0].arguments[0].value.boolean);

  EXPECT_EQ(doc->definitions()[1]->as<operation_definition_node>().operation,
            operation_type::mutation);
  const auto& sub = doc->definitions()[2]->as<operation_definition_node>();
  EXPECT_EQ(sub.operation, operation_type::subscription);
  EXPECT_EQ(sub.name.value, "OnChat");
}

TEST(ParserTest, FragmentsSpreadsAndInlineFragments) {
  auto doc = parse_ok(R"(
    { ...HeroFields @skip(if: $no) ... on Droid { primaryFunction } ... @include(if: $yes) { id } }
    fragment HeroFields on Character @dir { name }
  )");
  const auto& op = doc->definitions()[0]->as<operation_definition_node>();
  ASSERT_EQ(op.selection_set.size(), 3u);
  ASSERT_EQ(op.selection_set[0]->kind, selection_kind::fragment_spread);
  const auto& spread = op.selection_set[0]->as<fragment_spread_node>();
  EXPECT_EQ(spread.name.value, "HeroFields");
  EXPECT_EQ(spread.directives[0].name.value, "skip");
  const auto& droid = op.selection_set[1]->as<inline_fragment_node>();
  EXPECT_EQ(droid.type_condition.value, "Droid");
  EXPECT_EQ(field_at(droid.selection_set, 0).name.value, "primaryFunction");
  const auto& untyped = op.selection_set[2]->as<inline_fragment_node>();
  EXPECT_TRUE(untyped.type_condition.empty());
  EXPECT_EQ(untyped.directives[0].name.value, "include");

  const auto& frag = doc->definitions()[1]->as<fragment_definition_node>();
  EXPECT_EQ(frag.name.value, "HeroFields");
  EXPECT_EQ(frag.type_condition.value, "Character");
  EXPECT_EQ(frag.directives[0].name.value, "dir");
  EXPECT_TRUE(frag.is_executable());
}

TEST(ParserTest, EveryValueKind) {
  auto value = parse_value(
      R"([$v, -12, 1.5e-3, "s\n", """ block """, true, false, null, RED, [], {a: {b: [1]}, c: 2}])");
  ASSERT_TRUE(value.has_value()) << value.errors().front().message;
  const auto& items = (*value)->items;
  ASSERT_EQ(items.size(), 11u);
  EXPECT_EQ(items[0].kind, value_kind::variable);
  EXPECT_EQ(items[0].text, "v");
  EXPECT_EQ(items[1].kind, value_kind::int_);
  EXPECT_EQ(items[1].text, "-12");
  EXPECT_EQ(items[2].kind, value_kind::float_);
  EXPECT_EQ(items[2].text, "1.5e-3");
  EXPECT_EQ(items[3].kind, value_kind::string);
  EXPECT_EQ(items[3].text, "s\n");
  EXPECT_FALSE(items[3].block);
  EXPECT_EQ(items[4].text, " block ");  // the first line keeps its spaces
  EXPECT_TRUE(items[4].block);
  EXPECT_TRUE(items[5].boolean);
  EXPECT_EQ(items[6].kind, value_kind::boolean);
  EXPECT_FALSE(items[6].boolean);
  EXPECT_EQ(items[7].kind, value_kind::null);
  EXPECT_EQ(items[8].kind, value_kind::enum_);
  EXPECT_EQ(items[8].text, "RED");
  EXPECT_EQ(items[9].kind, value_kind::list);
  EXPECT_TRUE(items[9].items.empty());
  const auto& obj = items[10];
  ASSERT_EQ(obj.kind, value_kind::object);
  ASSERT_EQ(obj.fields.size(), 2u);
  EXPECT_EQ(obj.fields[0].name.value, "a");
  EXPECT_EQ(obj.fields[0].value.fields[0].value.items[0].text, "1");
  EXPECT_EQ(obj.fields[1].value.text, "2");
}

TEST(ParserTest, OffsetsGiveLineAndColumn) {
  auto doc = parse_ok("query Q {\r\n  a\r\n  b: c(x: \"\xF0\x9F\x98\x80\", y: 1)\n}");
  const auto& op = doc->definitions()[0]->as<operation_definition_node>();
  EXPECT_EQ(doc->location(op.offset), (source_location{1, 1}));
  const auto& b = field_at(op.selection_set, 1);
  EXPECT_EQ(doc->location(b.offset), (source_location{3, 3}));
  EXPECT_EQ(doc->location(b.name.offset), (source_location{3, 6}));
  // The emoji is two UTF-16 code units, as graphql-js counts columns.
  EXPECT_EQ(doc->location(b.arguments[1].offset), (source_location{3, 17}));
}

TEST(ParserTest, NamesViewTheOwnedSource) {
  std::string text = "{ alpha }";
  auto doc = parse_ok(text);
  text.assign("{ omega }");  // the document keeps its own copy
  const auto& op = doc->definitions()[0]->as<operation_definition_node>();
  EXPECT_EQ(field_at(op.selection_set, 0).name.value, "alpha");
  const auto src = doc->source();
  const auto name = field_at(op.selection_set, 0).name.value;
  EXPECT_GE(name.data(), src.data());
  EXPECT_LE(name.data() + name.size(), src.data() + src.size());
}

TEST(ParserTest, TypeSystemDefinitions) {
  auto doc = parse_sdl_ok(R"(
    "The root" schema @a { query: Q mutation: M subscription: S }
    """Time""" scalar Date @specifiedBy(url: "https://example.com")
    type Human implements & Node & Being @key { id: ID! "age" age(unit: Unit = YEARS @d): Int @deprecated }
    interface Being implements Node { id: ID! }
    union Result @u = | Human | Droid
    enum Unit { "y" YEARS @x MONTHS }
    input Filter { "n" name: String = "x" @d, tags: [String!] }
    "skip" directive @skip(if: Boolean!) repeatable on FIELD | FRAGMENT_SPREAD
    directive @key on | OBJECT
    extend schema @b
    extend scalar Date @c
    extend type Human implements Being { name: String }
    extend interface Being @x
    extend union Result = Robot
    extend enum Unit { DAYS }
    extend input Filter { limit: Int }
  )");
  const auto defs = doc->definitions();
  ASSERT_EQ(defs.size(), 16u);

  const auto& schema = defs[0]->as<schema_definition_node>();
  ASSERT_NE(schema.description, nullptr);
  EXPECT_EQ(schema.description->text, "The root");
  EXPECT_EQ(schema.directives[0].name.value, "a");
  ASSERT_EQ(schema.operation_types.size(), 3u);
  EXPECT_EQ(schema.operation_types[1].operation, operation_type::mutation);
  EXPECT_EQ(schema.operation_types[1].type.value, "M");

  const auto& date = defs[1]->as<scalar_type_definition_node>();
  EXPECT_EQ(date.description->text, "Time");
  EXPECT_TRUE(date.description->block);
  EXPECT_EQ(date.directives[0].arguments[0].value.text, "https://example.com");

  const auto& human = defs[2]->as<object_type_definition_node>();
  EXPECT_EQ(human.name.value, "Human");
  ASSERT_EQ(human.interfaces.size(), 2u);
  EXPECT_EQ(human.interfaces[1].value, "Being");
  ASSERT_EQ(human.fields.size(), 2u);
  const auto& age = human.fields[1];
  EXPECT_EQ(age.description->text, "age");
  EXPECT_EQ(age.arguments[0].name.value, "unit");
  EXPECT_EQ(age.arguments[0].default_value->text, "YEARS");
  EXPECT_EQ(age.arguments[0].directives[0].name.value, "d");
  EXPECT_EQ(age.type->name.value, "Int");
  EXPECT_EQ(age.directives[0].name.value, "deprecated");
  EXPECT_EQ(doc->location(human.offset).line, 4u);

  const auto& being = defs[3]->as<object_or_interface_definition_node>();
  EXPECT_EQ(being.kind, definition_kind::interface);
  EXPECT_EQ(being.interfaces[0].value, "Node");

  const auto& result = defs[4]->as<union_type_definition_node>();
  ASSERT_EQ(result.types.size(), 2u);
  EXPECT_EQ(result.types[0].value, "Human");

  const auto& unit = defs[5]->as<enum_type_definition_node>();
  ASSERT_EQ(unit.values.size(), 2u);
  EXPECT_EQ(unit.values[0].description->text, "y");
  EXPECT_EQ(unit.values[0].directives[0].name.value, "x");

  const auto& filter = defs[6]->as<input_object_type_definition_node>();
  ASSERT_EQ(filter.fields.size(), 2u);
  EXPECT_EQ(filter.fields[0].default_value->text, "x");
  EXPECT_EQ(filter.fields[1].type->of_type->kind, type_node_kind::non_null);

  const auto& skip = defs[7]->as<directive_definition_node>();
  EXPECT_EQ(skip.name.value, "skip");
  EXPECT_TRUE(skip.repeatable);
  ASSERT_EQ(skip.locations.size(), 2u);
  EXPECT_EQ(skip.locations[1].value, "FRAGMENT_SPREAD");
  EXPECT_FALSE(defs[8]->as<directive_definition_node>().repeatable);

  for (std::size_t i = 9; i < defs.size(); ++i) EXPECT_TRUE(defs[i]->extension) << i;
  EXPECT_EQ(defs[9]->kind, definition_kind::schema);
  EXPECT_EQ(defs[10]->kind, definition_kind::scalar);
  EXPECT_EQ(defs[11]->as<object_type_definition_node>().fields[0].name.value, "name");
  EXPECT_EQ(defs[12]->kind, definition_kind::interface);
  EXPECT_EQ(defs[13]->as<union_type_definition_node>().types[0].value, "Robot");
  EXPECT_EQ(defs[14]->as<enum_type_definition_node>().values[0].name.value, "DAYS");
  EXPECT_EQ(defs[15]->as<input_object_type_definition_node>().fields[0].name.value, "limit");
  EXPECT_FALSE(defs[15]->is_executable());
}

TEST(ParserTest, ExecutableParseKeepsTypeDefinitionsForValidation) {
  auto doc = parse_ok("{ a } type T { b: Int }");
  ASSERT_EQ(doc->definitions().size(), 2u);
  EXPECT_EQ(doc->definitions()[1]->kind, definition_kind::object);
}

TEST(ParserTest, DefinitionOffsetStartsAtDescription) {
  auto doc = parse_sdl_ok("\n  \"d\" type T { a: Int }");
  EXPECT_EQ(doc->location(doc->definitions()[0]->offset), (source_location{2, 3}));
}

TEST(ParserTest, ParseTypeAndValueEntryPoints) {
  auto type = parse_type("[[String!]]!");
  ASSERT_TRUE(type.has_value());
  EXPECT_EQ(type->node->kind, type_node_kind::non_null);
  EXPECT_EQ(type->node->named_type(), "String");
  auto value = parse_value("{a: $b}");
  ASSERT_TRUE(value.has_value());
  EXPECT_EQ(value->node->fields[0].value.kind, value_kind::variable);
}

// ----------------------------------------------------------------- limits

std::string repeat(std::string_view s, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

TEST(ParseLimitsTest, SelectionSetDepth) {
  parse_limits limits;
  limits.max_depth = 3;
  EXPECT_TRUE(parse_executable("{ a { b { c } } }", limits).has_value());
  auto deep = parse_executable("{ a { b { c { d } } } }", limits);
  ASSERT_FALSE(deep.has_value());
  EXPECT_EQ(deep.errors().front().message,
            "Syntax Error: Document exceeds the maximum nesting depth of 3.");
  EXPECT_EQ(deep.errors().front().locations[0], (source_location{1, 13}));
}

TEST(ParseLimitsTest, ValueAndTypeDepth) {
  parse_limits limits;
  limits.max_depth = 4;
  EXPECT_TRUE(parse_executable("{ a(x: [[{b: 1}]]) }", limits).has_value());  // 4 levels
  EXPECT_FALSE(parse_executable("{ a(x: [[[[1]]]]) }", limits).has_value());
  EXPECT_TRUE(parse_executable("query ($a: [[[Int]]]) { a }", limits).has_value());
  EXPECT_FALSE(parse_executable("query ($a: [[[[[Int]]]]]) { a }", limits).has_value());
  EXPECT_FALSE(parse_type("[[[[[Int]]]]]", limits).has_value());
}

TEST(ParseLimitsTest, HostileNestingFailsWithoutRecursingDeeply) {
  const std::size_t n = 1'000'000;
  parse_limits limits;
  limits.max_bytes = 4 * n;
  limits.max_tokens = 4 * n;
  for (const std::string& source :
       {repeat("{a", n), "{ a(x: " + repeat("[", n) + ") }", "{ a(x: " + repeat("{b:", n) + ") }",
        "query ($a: " + repeat("[", n) + ") { a }"}) {
    auto doc = parse_executable(source, limits);
    ASSERT_FALSE(doc.has_value());
    EXPECT_EQ(doc.errors().front().message,
              "Syntax Error: Document exceeds the maximum nesting depth of 128.");
  }
}

TEST(ParseLimitsTest, TokenCount) {
  parse_limits limits;
  limits.max_tokens = 5;
  EXPECT_TRUE(parse_executable("{ a b c } # comments are not tokens", limits).has_value());
  auto doc = parse_executable("{ a b c d }", limits);
  ASSERT_FALSE(doc.has_value());
  EXPECT_EQ(doc.errors().front().message,
            "Syntax Error: Document contains more than 5 tokens. Parsing aborted.");
  EXPECT_EQ(doc.errors().front().locations[0], (source_location{1, 11}));
}

TEST(ParseLimitsTest, DocumentSize) {
  parse_limits limits;
  limits.max_bytes = 8;
  EXPECT_TRUE(parse_executable("{ abcd }", limits).has_value());
  auto doc = parse_executable("{ abcde }", limits);
  ASSERT_FALSE(doc.has_value());
  EXPECT_EQ(doc.errors().front().message,
            "Syntax Error: Document is larger than the limit of 8 bytes.");
  EXPECT_FALSE(parse_sdl("scalar Abcdef", limits).has_value());
  EXPECT_FALSE(parse_value("\"123456789\"", false, limits).has_value());
}

}  // namespace
}  // namespace streamhub::graphql
