// Introspection answers for introspection_kitchen_sink.graphql. Expected
// responses are graphql-js 16.8.1's for the same schema and documents.

#include "protocol/graphql/execution/introspection.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "tests/protocol/graphql/execution/execution_fixture.hpp"

namespace streamhub::graphql::testing {
namespace {

class introspection : public ::testing::Test {
 protected:
  introspection() {
    const std::string sdl = read_file(STREAMHUB_EXECUTION_FIXTURES "/introspection_kitchen_sink.graphql");
    resolvers_ = std::make_shared<resolver_map>(must_build(sdl));
  }

public:
  static std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }

 protected:
  std::string run(std::string_view query) { return run_sync(must_prepare(resolvers_, query)); }

  std::shared_ptr<resolver_map> resolvers_;
};

TEST_F(introspection, SchemaRootsDescriptionAndTypenames) {
  EXPECT_EQ(run("{ __typename __schema { queryType { name } mutationType { name kind } subscriptionType { name } } }"),
            R"({"data":{"__typename":"QueryRoot","__schema":{"queryType":{"name":"QueryRoot"},)"
            R"("mutationType":{"name":"MutationRoot","kind":"OBJECT"},"subscriptionType":{"name":"SubscriptionRoot"}}}})");
}

TEST_F(introspection, DirectivesWithRepeatableLocationsAndDeprecatedArguments) {
  EXPECT_EQ(run("{ __schema { directives { name isRepeatable locations args(includeDeprecated: true) { name defaultValue isDeprecated deprecationReason } } } }"),
            R"({"data":{"__schema":{"directives":[{"name":"tag","isRepeatable":true,"locations":["SCHEMA","SCALAR","OBJECT","FIELD_DEFINITION","ARGUMENT_DEFINITION","INTERFACE","UNION","ENUM","ENUM_VALUE","INPUT_OBJECT","INPUT_FIELD_DEFINITION"],"args":[{"name":"name","defaultValue":null,"isDeprecated":false,"deprecationReason":null},{"name":"weight","defaultValue":"1","isDeprecated":false,"deprecationReason":null}]},{"name":"cached","isRepeatable":false,"locations":["FIELD","QUERY","FRAGMENT_SPREAD","INLINE_FRAGMENT","VARIABLE_DEFINITION"],"args":[{"name":"ttl","defaultValue":"60","isDeprecated":false,"deprecationReason":null},{"name":"scope","defaultValue":"PUBLIC","isDeprecated":false,"deprecationReason":null},{"name":"legacy","defaultValue":null,"isDeprecated":true,"deprecationReason":"Use `scope`."}]},{"name":"internal","isRepeatable":false,"locations":["FIELD_DEFINITION"],"args":[]},{"name":"include","isRepeatable":false,"locations":["FIELD","FRAGMENT_SPREAD","INLINE_FRAGMENT"],"args":[{"name":"if","defaultValue":null,"isDeprecated":false,"deprecationReason":null}]},{"name":"skip","isRepeatable":false,"locations":["FIELD","FRAGMENT_SPREAD","INLINE_FRAGMENT"],"args":[{"name":"if","defaultValue":null,"isDeprecated":false,"deprecationReason":null}]},{"name":"deprecated","isRepeatable":false,"locations":["FIELD_DEFINITION","ARGUMENT_DEFINITION","INPUT_FIELD_DEFINITION","ENUM_VALUE"],"args":[{"name":"reason","defaultValue":"\"No longer supported\"","isDeprecated":false,"deprecationReason":null}]},{"name":"specifiedBy","isRepeatable":false,"locations":["SCALAR"],"args":[{"name":"url","defaultValue":null,"isDeprecated":false,"deprecationReason":null}]}]}}})");
}

TEST_F(introspection, FieldsArgumentsAndDeprecation) {
  EXPECT_EQ(run(R"({ __type(name: "User") { kind name description interfaces { name }
      fields { name } all: fields(includeDeprecated: true) { name isDeprecated deprecationReason }
      followers: fields(includeDeprecated: true) { args { name defaultValue } } } })"),
            R"({"data":{"__type":{"kind":"OBJECT","name":"User","description":null,"interfaces":[{"name":"Node"},{"name":"Entity"},{"name":"Named"}],"fields":[{"name":"id"},{"name":"createdAt"},{"name":"name"},{"name":"followers"},{"name":"roles"},{"name":"score"},{"name":"matrix"},{"name":"secret"}],"all":[{"name":"id","isDeprecated":false,"deprecationReason":null},{"name":"createdAt","isDeprecated":false,"deprecationReason":null},{"name":"name","isDeprecated":false,"deprecationReason":null},{"name":"login","isDeprecated":true,"deprecationReason":"Use `name`."},{"name":"followers","isDeprecated":false,"deprecationReason":null},{"name":"roles","isDeprecated":false,"deprecationReason":null},{"name":"score","isDeprecated":false,"deprecationReason":null},{"name":"matrix","isDeprecated":false,"deprecationReason":null},{"name":"secret","isDeprecated":false,"deprecationReason":null}],"followers":[{"args":[]},{"args":[]},{"args":[{"name":"locale","defaultValue":"\"en\""},{"name":"fallback","defaultValue":"true"}]},{"args":[]},{"args":[{"name":"first","defaultValue":"10"},{"name":"after","defaultValue":null},{"name":"filter","defaultValue":"{roles: [VIEWER], minAge: 18, name: \"a \\\"quoted\\\" name\\n\", nested: {depth: 2, tags: [\"single\"], pattern: null, extra: 1.5e-7}, since: \"2020-01-01\", id: 123}"}]},{"args":[]},{"args":[{"name":"weights","defaultValue":"[1, 2.5, 1000]"},{"name":"scale","defaultValue":"-0.5"}]},{"args":[]},{"args":[]}]}}})");
}

TEST_F(introspection, WrappedTypesUnwrapThroughOfType) {
  EXPECT_EQ(run(R"({ __type(name: "User") { fields { name type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { name } } } } } } } })"),
            R"({"data":{"__type":{"fields":[{"name":"id","type":{"kind":"NON_NULL","name":null,"ofType":{"kind":"SCALAR","name":"ID","ofType":null}}},{"name":"createdAt","type":{"kind":"SCALAR","name":"Time","ofType":null}},{"name":"name","type":{"kind":"SCALAR","name":"String","ofType":null}},{"name":"followers","type":{"kind":"NON_NULL","name":null,"ofType":{"kind":"OBJECT","name":"UserConnection","ofType":null}}},{"name":"roles","type":{"kind":"NON_NULL","name":null,"ofType":{"kind":"LIST","name":null,"ofType":{"kind":"NON_NULL","name":null,"ofType":{"kind":"ENUM","name":"Role","ofType":null}}}}},{"name":"score","type":{"kind":"SCALAR","name":"Float","ofType":null}},{"name":"matrix","type":{"kind":"LIST","name":null,"ofType":{"kind":"LIST","name":null,"ofType":{"kind":"SCALAR","name":"Int","ofType":null}}}},{"name":"secret","type":{"kind":"SCALAR","name":"String","ofType":null}}]}}})");
}

TEST_F(introspection, EnumsInputsScalarsAndPossibleTypes) {
  EXPECT_EQ(run(R"({
      role: __type(name: "Role") { enumValues { name } all: enumValues(includeDeprecated: true) { name isDeprecated deprecationReason } fields { name } }
      filter: __type(name: "UserFilter") { inputFields { name defaultValue } all: inputFields(includeDeprecated: true) { name isDeprecated } }
      time: __type(name: "Time") { kind specifiedByURL description }
      search: __type(name: "SearchResult") { possibleTypes { name } }
      named: __type(name: "Named") { possibleTypes { name } interfaces { name } description }
      missing: __type(name: "Nope") { name }
    })"),
            R"({"data":{"role":{"enumValues":[{"name":"VIEWER"},{"name":"BROADCASTER"},{"name":"MODERATOR"},{"name":"GUEST"}],"all":[{"name":"VIEWER","isDeprecated":false,"deprecationReason":null},{"name":"BROADCASTER","isDeprecated":false,"deprecationReason":null},{"name":"MODERATOR","isDeprecated":false,"deprecationReason":null},{"name":"ADMIN","isDeprecated":true,"deprecationReason":"Ask an operator."},{"name":"GUEST","isDeprecated":false,"deprecationReason":null}],"fields":null},"filter":{"inputFields":[{"name":"roles","defaultValue":"[VIEWER, BROADCASTER]"},{"name":"minAge","defaultValue":"0"},{"name":"name","defaultValue":"\"a \\\"quoted\\\" name\\n\""},{"name":"nested","defaultValue":null},{"name":"since","defaultValue":"\"2020-01-01\""},{"name":"id","defaultValue":"123"}],"all":[{"name":"roles","isDeprecated":false},{"name":"minAge","isDeprecated":false},{"name":"name","isDeprecated":false},{"name":"nested","isDeprecated":false},{"name":"legacyRole","isDeprecated":true},{"name":"since","isDeprecated":false},{"name":"id","isDeprecated":false}]},"time":{"kind":"SCALAR","specifiedByURL":"https://datatracker.ietf.org/doc/html/rfc3339","description":"An instant, e.g. \"2024-01-01T00:00:00Z\" — RFC 3339 ✓"},"search":{"possibleTypes":[{"name":"User"},{"name":"Channel"},{"name":"UserEdge"}]},"named":{"possibleTypes":[{"name":"User"},{"name":"Channel"}],"interfaces":[],"description":"Something that has a name.\n\n    Indented code in a description."},"missing":null}})");
}

TEST(introspection_query, AnswersGraphqlJsIntrospectionQueryAsGraphqlJsDoes) {
  // introspection_query.graphql is graphql-js's getIntrospectionQuery()
  // with every option on; star_wars.introspection.json is graphql-js's
  // answer for star_wars.graphql.
  auto resolvers = std::make_shared<resolver_map>(must_build(read_fixture("star_wars.graphql")));
  const std::string query = introspection::read_file(STREAMHUB_EXECUTION_FIXTURES "/introspection_query.graphql");
  std::string expected = introspection::read_file(STREAMHUB_EXECUTION_FIXTURES "/star_wars.introspection.json");
  expected.pop_back();  // the file's final newline
  EXPECT_EQ(run_sync(must_prepare(resolvers, query)), expected);
}

TEST_F(introspection, ResolversAreBuiltIn) {
  // No application binding exists for the meta-fields or __ types.
  EXPECT_NE(detail::introspection_resolver(*resolvers_->schema().find_type("__Type"), "ofType"), nullptr);
  EXPECT_EQ(detail::introspection_resolver(*resolvers_->schema().find_type("__Type"), "nope"), nullptr);
  EXPECT_FALSE(resolvers_->bind("__Type", "name", [](const field_call&) -> field_result { return value(); }));
}

}  // namespace
}  // namespace streamhub::graphql::testing
