#include "protocol/graphql/execution/execute.hpp"

#include <gtest/gtest.h>

#include "tests/protocol/graphql/execution/execution_fixture.hpp"

namespace streamhub::graphql::testing {
namespace {

using execute_test = star_wars;

TEST_F(execute_test, DefaultResolverReadsPropertiesInSelectionOrder) {
  EXPECT_EQ(run("{ hero { name id appearsIn } }"),
            R"({"data":{"hero":{"name":"R2-D2","id":"2001","appearsIn":["NEWHOPE","EMPIRE","JEDI"]}}})");
}

TEST_F(execute_test, AliasesAndTypename) {
  EXPECT_EQ(run("{ r2: hero { n: name __typename } luke: hero(episode: EMPIRE) { name } __typename }"),
            R"({"data":{"r2":{"n":"R2-D2","__typename":"Droid"},"luke":{"name":"Luke Skywalker"},"__typename":"Root"}})");
}

TEST_F(execute_test, FragmentsOnInterfacesAndUnions) {
  EXPECT_EQ(run(R"(
    { search(text: "x") {
        __typename
        ... on Character { name }
        ... on Human { height }
        ... on Vehicle { model }
        ...PlanetName
      } }
    fragment PlanetName on Planet { name climates })"),
            R"({"data":{"search":[)"
            R"({"__typename":"Human","name":"Luke Skywalker","height":1.72},)"
            R"({"__typename":"Droid","name":"R2-D2"},)"
            R"({"__typename":"Starship","model":"T-65"},)"
            R"({"__typename":"Planet","name":"Tatooine","climates":["arid"]}]}})");
}

TEST_F(execute_test, FieldsMergeAcrossFragmentsInFirstOccurrenceOrder) {
  EXPECT_EQ(run(R"(
    { hero { ...A name ... on Droid { id primaryFunction } } }
    fragment A on Character { id friends { name } ...A2 }
    fragment A2 on Character { friends { id } })"),
            R"({"data":{"hero":{"id":"2001","friends":[{"name":"Luke Skywalker","id":"1000"},)"
            R"({"name":"Han Solo","id":"1002"}],"name":"R2-D2","primaryFunction":"Astromech"}}})");
}

TEST_F(execute_test, SkipAndIncludeWithLiteralsAndVariables) {
  const std::string query = R"(
    query ($yes: Boolean!, $no: Boolean!) {
      hero {
        a: name @include(if: $yes)
        b: name @include(if: $no)
        c: name @skip(if: $yes)
        d: name @skip(if: false) @include(if: true)
        e: name @skip(if: true) @include(if: true)
        ... @include(if: $no) { id }
        ...F @skip(if: $no)
      }
    }
    fragment F on Character { appearsIn })";
  EXPECT_EQ(run(query, R"({"yes":true,"no":false})"),
            R"({"data":{"hero":{"a":"R2-D2","d":"R2-D2","appearsIn":["NEWHOPE","EMPIRE","JEDI"]}}})");
  // The same prepared document, other values: the plans differ per values.
  EXPECT_EQ(run(query, R"({"yes":false,"no":true})"),
            R"({"data":{"hero":{"b":"R2-D2","c":"R2-D2","d":"R2-D2","id":"2001"}}})");
}

TEST_F(execute_test, PreparedOperationRunsWithFreshVariables) {
  auto op = must_prepare(resolvers_, "query ($e: Episode) { hero(episode: $e) { name } }");
  EXPECT_EQ(run_sync(op, R"({"e":"EMPIRE"})"), R"({"data":{"hero":{"name":"Luke Skywalker"}}})");
  EXPECT_EQ(run_sync(op, R"({"e":"JEDI"})"), R"({"data":{"hero":{"name":"R2-D2"}}})");
  EXPECT_EQ(run_sync(op, ""), R"({"data":{"hero":{"name":"R2-D2"}}})");
}

TEST_F(execute_test, ArgumentsArriveCoercedWithDefaults) {
  std::string seen;
  ASSERT_TRUE(resolvers_->bind("Root", "characters", [&](const field_call& call) -> field_result {
    const auto& args = call.args();
    const property_object* filter = args.get_object("filter");
    seen = "first=" + std::to_string(args.get_int("first").value_or(-1)) +
           " after=" + (args.has("after") ? "given" : "absent") +
           " faction=" + std::string(filter->find("faction")->as_string()) +
           " episodes=" + std::to_string(filter->find("episodes")->as_list().size()) +
           " minHeight=" + std::to_string(filter->find("minHeight")->as_float());
    return props({{"totalCount", 0}, {"edges", list({})}, {"pageInfo", props({{"hasNextPage", false}})}});
  }));
  EXPECT_EQ(run("{ characters { totalCount } }"), R"({"data":{"characters":{"totalCount":0}}})");
  EXPECT_EQ(seen, "first=20 after=absent faction=REBELLION episodes=1 minHeight=1.500000");

  run(R"(query ($f: Faction) { characters(filter: {faction: $f, episodes: JEDI}, first: 3, after: null) { totalCount } })",
      R"({"f":"EMPIRE"})");
  EXPECT_EQ(seen, "first=3 after=given faction=EMPIRE episodes=1 minHeight=1.500000");
}

TEST_F(execute_test, ResolverErrorsCarryPathLocationsAndExtensions) {
  ASSERT_TRUE(resolvers_->bind("Droid", "primaryFunction", [](const field_call&) -> field_result {
    return field_error("Not allowed.", "FORBIDDEN");
  }));
  EXPECT_EQ(run("{\n  hero {\n    name\n    primaryFunction\n  }\n}"),
            R"({"data":{"hero":{"name":"R2-D2","primaryFunction":null}},"errors":[)"
            R"({"message":"Not allowed.","locations":[{"line":4,"column":5}],)"
            R"("path":["hero","primaryFunction"],"extensions":{"code":"FORBIDDEN"}}]})");
}

TEST_F(execute_test, ProjectErrorsMapToCodes) {
  ASSERT_TRUE(resolvers_->bind("Root", "starship", [](const field_call&) -> field_result {
    return field_error::from(error{error_code::not_found, "No such ship."});
  }));
  EXPECT_EQ(run("{ starship(id: 1) { name } }"),
            R"({"data":{"starship":null},"errors":[{"message":"No such ship.","locations":[{"line":1,"column":3}],)"
            R"("path":["starship"],"extensions":{"code":"NOT_FOUND"}}]})");
}

TEST_F(execute_test, ThrowingResolverIsAFieldError) {
  ASSERT_TRUE(resolvers_->bind("Root", "starship", [](const field_call&) -> field_result {
    throw std::runtime_error("boom");
  }));
  EXPECT_EQ(run("{ starship(id: 1) { name } }"),
            R"({"data":{"starship":null},"errors":[{"message":"boom","locations":[{"line":1,"column":3}],"path":["starship"]}]})");
}

TEST_F(execute_test, ErrorLocationsListEveryMergedNode) {
  ASSERT_TRUE(resolvers_->bind("Droid", "primaryFunction", [](const field_call&) -> field_result {
    return field_error("no");
  }));
  EXPECT_EQ(run("{ hero { primaryFunction ... on Droid { primaryFunction } } }"),
            R"({"data":{"hero":{"primaryFunction":null}},"errors":[{"message":"no",)"
            R"("locations":[{"line":1,"column":10},{"line":1,"column":41}],"path":["hero","primaryFunction"]}]})");
}

TEST_F(execute_test, ResolverSeesFieldInfoPathAndContext) {
  int context = 42;
  std::string seen;
  ASSERT_TRUE(resolvers_->bind("Human", "mass", [&](const field_call& call) -> field_result {
    const auto path = call.path();
    seen = std::string(call.info().parent_type->name) + "." + std::string(call.info().field_name) +
           " as " + std::string(call.info().response_name) + " : " +
           call.info().return_type().to_string() + " ctx=" + std::to_string(*call.context_as<int>()) +
           " path=" + std::get<std::string>(path[0]) + "/" +
           std::to_string(std::get<std::size_t>(path[2])) + "/" + std::get<std::string>(path[3]);
    return 77.5;
  }));
  auto op = must_prepare(resolvers_, "{ hero { friends { ... on Human { weight: mass } } } }");
  execution_options options;
  options.context = &context;
  EXPECT_EQ(run_sync(op, "", std::move(options)),
            R"({"data":{"hero":{"friends":[{"weight":77.5},{"weight":77.5}]}}})");
  EXPECT_EQ(seen, "Human.mass as weight : Float ctx=42 path=hero/1/weight");
}

TEST_F(execute_test, ApplicationObjectsAndBorrowedValues) {
  struct ship {
    std::string name;
    std::vector<double> row;
  };
  static const ship falcon{"Millennium Falcon", {1.5, 2}};
  ASSERT_TRUE(resolvers_->bind("Root", "starship", [](const field_call&) -> field_result {
    return value::object_view(&falcon, "Starship");
  }));
  ASSERT_TRUE(resolvers_->bind("Starship", "name", [](const field_call& call) -> field_result {
    const ship* s = call.parent().as<ship>();
    return s != nullptr ? value::view(s->name) : value();
  }));
  ASSERT_TRUE(resolvers_->bind("Starship", "coordinates", [](const field_call& call) -> field_result {
    const ship* s = call.parent().as<ship>();
    std::vector<value> row(s->row.begin(), s->row.end());
    return list({value::list(row), value::list(row)});
  }));
  EXPECT_EQ(run("{ starship(id: 1) { name coordinates model } }"),
            R"({"data":{"starship":{"name":"Millennium Falcon","coordinates":[[1.5,2],[1.5,2]],"model":null}}})");
}

TEST_F(execute_test, AbstractTypesResolveThroughTypeResolver) {
  resolvers_ = std::make_shared<resolver_map>(schema_);
  ASSERT_TRUE(resolvers_->bind_type_resolver("SearchResult", [](const value& v, void*) {
    return v.as_properties()->find("name") != nullptr ? std::string_view("Planet") : std::string_view();
  }));
  ASSERT_TRUE(resolvers_->bind("Root", "search", [](const field_call&) -> field_result {
    return list({props({{"name", "Hoth"}})});
  }));
  EXPECT_EQ(run("{ search(text: \"h\") { __typename ... on Planet { name } } }"),
            R"({"data":{"search":[{"__typename":"Planet","name":"Hoth"}]}})");
}

TEST_F(execute_test, AbstractTypeResolutionErrors) {
  ASSERT_TRUE(resolvers_->bind("Root", "villain", [](const field_call& call) -> field_result {
    const auto kind = call.info().response_name;
    if (kind == "unnamed") return props({{"name", "x"}});
    if (kind == "unknown") return props({{"name", "x"}}, "Wookiee");
    if (kind == "notObject") return props({{"name", "x"}}, "Node");
    return props({{"name", "x"}}, "Planet");
  }));
  const std::string response =
      run("{ unnamed: villain { name } unknown: villain { name } notObject: villain { name } "
          "impossible: villain { name } }");
  EXPECT_NE(response.find(R"("Abstract type \"Character\" must resolve to an Object type at runtime for field \"Root.villain\". )"
                          R"(Either the \"Character\" type should provide a \"resolveType\" function or each possible type should provide an \"isTypeOf\" function.")"),
            std::string::npos)
      << response;
  EXPECT_NE(response.find(R"(Abstract type \"Character\" was resolved to a type \"Wookiee\" that does not exist inside the schema.)"),
            std::string::npos);
  EXPECT_NE(response.find(R"(Abstract type \"Character\" was resolved to a non-object type \"Node\".)"),
            std::string::npos);
  EXPECT_NE(response.find(R"(Runtime Object type \"Planet\" is not a possible type for \"Character\".)"),
            std::string::npos);
  EXPECT_EQ(response.rfind(R"({"data":{"unnamed":null,"unknown":null,"notObject":null,"impossible":null},)", 0), 0u);
}

TEST_F(execute_test, MutationRootFieldsRunInOrder) {
  std::string order;
  ASSERT_TRUE(resolvers_->bind("Mutation", "renameCharacter", [&](const field_call& call) -> field_result {
    order += std::string(*call.args().get_string("name")) + ";";
    return props({{"name", value(std::string(*call.args().get_string("name")))}}, "Human");
  }));
  EXPECT_EQ(run(R"(mutation { a: renameCharacter(id: 1, name: "A") { name }
                              b: renameCharacter(id: 1, name: "B") { name } })"),
            R"({"data":{"a":{"name":"A"},"b":{"name":"B"}}})");
  EXPECT_EQ(order, "A;B;");
}

TEST_F(execute_test, OperationSelection) {
  const std::string doc = "query A { hero { name } } query B { hero(episode: EMPIRE) { name } }";
  EXPECT_EQ(run(doc, "", "B"), R"({"data":{"hero":{"name":"Luke Skywalker"}}})");
  auto doc_parsed = parse_executable(doc).value();
  auto missing = prepared_operation::prepare(resolvers_, doc_parsed);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.errors()[0].message, "Must provide operation name if query contains multiple operations.");
  auto unknown = prepared_operation::prepare(resolvers_, doc_parsed, "C");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.errors()[0].message, "Unknown operation named \"C\".");
  auto none = prepared_operation::prepare(resolvers_, parse_executable("fragment F on Root { __typename }").value());
  ASSERT_FALSE(none);
  EXPECT_EQ(none.errors()[0].message, "Must provide an operation.");
}

TEST(execute_schema_test, MissingRootTypeIsAnExecutionError) {
  auto schema = must_build("type Query { a: Int }");
  auto resolvers = std::make_shared<resolver_map>(schema);
  EXPECT_EQ(run_sync(must_prepare(resolvers, "mutation M { a }")),
            R"({"data":null,"errors":[{"message":"Schema is not configured to execute mutation operation.",)"
            R"("locations":[{"line":1,"column":1}]}]})");
}

TEST_F(execute_test, VariableErrorsAreRequestErrors) {
  auto op = must_prepare(resolvers_, "query ($id: ID!) { human(id: $id) { name } }");
  std::optional<execution_response> response;
  execute(op, "{}", {}, [&](execution_response r) { response = std::move(r); });
  ASSERT_TRUE(response);
  EXPECT_FALSE(response->has_data);
  EXPECT_EQ(response->json,
            R"({"errors":[{"message":"Variable \"$id\" of required type \"ID!\" was not provided.","locations":[{"line":1,"column":8}]}]})");
}

TEST_F(execute_test, LimitsStopTheExecution) {
  auto op = must_prepare(resolvers_, "{ a: hero { name } b: hero { name } c: hero { name } }");
  execution_options options;
  options.limits.max_resolver_calls = 2;
  EXPECT_EQ(run_sync(op, "", std::move(options)),
            R"({"data":null,"errors":[{"message":"More than 2 resolver calls."}]})");
  execution_options small;
  small.limits.max_response_bytes = 30;
  EXPECT_EQ(run_sync(op, "", std::move(small)),
            R"({"data":null,"errors":[{"message":"The response is larger than the limit of 30 bytes."}]})");
}

TEST_F(execute_test, ManyResponseKeysKeepTheirOrderAndMerge) {
  std::string query = "{ hero {";
  std::string expected = R"({"data":{"hero":{)";
  for (int i = 0; i < 40; ++i) {
    query += " a" + std::to_string(i) + ": id";
    expected += (i == 0 ? "" : ",") + std::string("\"a") + std::to_string(i) + R"(":"2001")";
  }
  query += " a39: id a0: id } }";  // repeats merge into the first occurrence
  expected += "}}}";
  EXPECT_EQ(run(query), expected);
}

TEST_F(execute_test, UnknownFieldsOfInvalidDocumentsAreSkipped) {
  EXPECT_EQ(run("{ hero { name nope } nothing }"), R"({"data":{"hero":{"name":"R2-D2"}}})");
}

}  // namespace
}  // namespace streamhub::graphql::testing
