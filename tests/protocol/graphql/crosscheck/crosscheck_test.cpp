// The engine against graphql-js 16.8.1 (npm package `graphql`, driven by
// crosscheck.mjs) on one schema (fixtures/star_wars.graphql):
//  - every corpus document gets the same verdict (parses and validates, or
//    not) and, when invalid, the same error messages;
//  - every valid document executes to the same data and errors over the
//    fixture data (fixture_data.json) with the default resolvers on both
//    sides: a field reads its parent's property, abstract types resolve by
//    "__typename";
//  - graphql-js's getIntrospectionQuery() answered by our executor, fed to
//    buildClientSchema and printed, equals printSchema(buildSchema(SDL)), as
//    does our own print_schema.
// Needs node and `npm ci` in this directory (tools/setup --tests).

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "protocol/graphql/execution/execute.hpp"
#include "protocol/graphql/execution/subscription.hpp"
#include "protocol/graphql/parser.hpp"
#include "protocol/graphql/schema_builder.hpp"
#include "protocol/graphql/schema_printer.hpp"
#include "protocol/graphql/validation/validate.hpp"

namespace streamhub::graphql {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

const fs::path crosscheck_dir = STREAMHUB_CROSSCHECK_DIR;
const fs::path sdl_path = fs::path(STREAMHUB_GRAPHQL_FIXTURES) / "star_wars.graphql";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Runs crosscheck.mjs with `args`; its stdout, or nullopt when it failed.
std::optional<std::string> run_node(const std::string& args) {
  const std::string command = std::string(STREAMHUB_NODE_PATH) + " " +
                              (crosscheck_dir / "crosscheck.mjs").string() + " " + args;
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(command.c_str(), "r"), ::pclose);
  if (!pipe) return std::nullopt;
  std::string out;
  char buffer[65536];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe.get())) out.append(buffer, n);
  if (::pclose(pipe.release()) != 0) return std::nullopt;
  return out;
}

// The fixture data as resolvers see it: objects become property objects,
// typed by their "__typename" when they have one (values borrow type names,
// so the names are kept here).
value to_value(const json& j) {
  static std::set<std::string, std::less<>> type_names;
  switch (j.type()) {
    case json::value_t::null: return {};
    case json::value_t::boolean: return value(j.get<bool>());
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return value(j.get<std::int64_t>());
    case json::value_t::number_float: return value(j.get<double>());
    case json::value_t::string: return value(j.get<std::string>());
    case json::value_t::array: {
      std::vector<value> items;
      for (const json& item : j) items.push_back(to_value(item));
      return value::list(std::move(items));
    }
    default: {
      property_object obj;
      for (const auto& [key, item] : j.items()) obj.add(key, to_value(item));
      const auto type = j.find("__typename");
      if (type == j.end() || !type->is_string()) return value::properties(std::move(obj));
      return value::properties(std::move(obj), *type_names.insert(type->get<std::string>()).first);
    }
  }
}

struct crosscheck : ::testing::Test {
  static inline json expected;
  static inline std::shared_ptr<const resolver_map> resolvers;
  static inline value root;

  static void SetUpTestSuite() {
    std::string corpus;
    for (const auto& entry : fs::directory_iterator(crosscheck_dir / "corpus")) {
      if (entry.path().extension() == ".graphql") corpus += " " + entry.path().string();
    }
    const auto out = run_node("expect " + sdl_path.string() + " " +
                              (crosscheck_dir / "fixture_data.json").string() + corpus);
    if (out) expected = json::parse(*out);
    if (auto schema = build_schema(read_file(sdl_path)); schema.has_value()) {
      resolvers = std::make_shared<resolver_map>(schema.value());
    }
    root = to_value(json::parse(read_file(crosscheck_dir / "fixture_data.json")));
  }

  void SetUp() override {
    ASSERT_TRUE(expected.is_object()) << "crosscheck.mjs failed: run npm ci in " << crosscheck_dir;
    ASSERT_NE(resolvers, nullptr);
  }

  // Our response to a valid document, as JSON.
  static json execute_document(const std::shared_ptr<const document>& doc, const json& request) {
    const std::string operation_name = request["operationName"].is_string()
                                           ? request["operationName"].get<std::string>()
                                           : std::string();
    const std::string variables = request["variables"].is_string()
                                      ? request["variables"].get<std::string>()
                                      : std::string("{}");
    auto op = prepared_operation::prepare(resolvers, doc, operation_name);
    if (!op.has_value()) return json::parse(request_error_response(op.errors()));
    std::string response;
    execution_options options;
    options.root = root;
    // graphql-js's subscribe() executes each event e as the root value, its
    // default resolver reading e.reviewAdded; ours takes the event as the
    // root field's value (subscription.hpp). The fixture holds the event
    // under "reviewAdded", so graphql-js's execute() reads the same one.
    if (op.value()->type() == operation_type::subscription) {
      options.root = *root.as_properties()->find("reviewAdded");
    }
    execute(op.value(), variables, std::move(options),
            [&](execution_response r) { response = std::move(r.json); });
    return json::parse(response);
  }
};

TEST_F(crosscheck, corpus_has_at_least_200_documents_valid_and_invalid) {
  const auto& docs = expected["documents"];
  const auto valid = std::count_if(docs.begin(), docs.end(), [](const json& d) { return d["valid"].get<bool>(); });
  EXPECT_GE(docs.size(), 200u);
  EXPECT_GE(valid, 50);
  EXPECT_GE(static_cast<long>(docs.size()) - valid, 50);
}

TEST_F(crosscheck, verdicts_errors_and_results_equal_graphql_js) {
  const schema& schema = resolvers->schema();
  for (const json& request : expected["documents"]) {
    const std::string source = request["source"].get<std::string>();
    SCOPED_TRACE(request["name"].get<std::string>() + ":\n" + source);

    std::vector<std::string> messages;
    auto doc = parse_executable(source);
    if (!doc.has_value()) {
      for (const auto& e : doc.errors()) messages.push_back(e.message);
    } else {
      for (const auto& e : validate(schema, *doc.value())) messages.push_back(e.message);
    }
    const bool valid = messages.empty();
    EXPECT_EQ(valid, request["valid"].get<bool>());
    EXPECT_EQ(json(messages), request["errors"]);
    if (!valid || !request["valid"].get<bool>()) continue;

    // Both sides write "data" then "errors", each error's members in
    // graphql-js's order; ordered_json compares members in order, so data
    // must also come in selection order.
    const json ours = execute_document(doc.value(), request);
    const json& theirs = request["result"];
    EXPECT_EQ(ours, theirs) << "ours:   " << ours.dump() << "\ntheirs: " << theirs.dump();
  }
}

TEST_F(crosscheck, build_client_schema_of_our_introspection_prints_the_sdl) {
  auto doc = parse_executable(expected["introspectionQuery"].get<std::string>());
  ASSERT_TRUE(doc.has_value());
  ASSERT_TRUE(validate(resolvers->schema(), *doc.value()).empty());
  const json response = execute_document(doc.value(), json{{"variables", nullptr}, {"operationName", nullptr}});
  ASSERT_FALSE(response.contains("errors")) << response.dump(2);

  const fs::path result_file = fs::temp_directory_path() /
                               ("crosscheck_introspection_" + std::to_string(::getpid()) + ".json");
  std::ofstream(result_file) << response.dump();
  const auto printed = run_node("print-client " + result_file.string());
  fs::remove(result_file);
  ASSERT_TRUE(printed.has_value()) << "buildClientSchema refused our introspection answer";
  EXPECT_EQ(*printed, expected["printedSchema"].get<std::string>());
}

TEST_F(crosscheck, our_print_schema_equals_graphql_js) {
  EXPECT_EQ(print_schema(resolvers->schema()), expected["printedSchema"].get<std::string>());
}

}  // namespace
}  // namespace streamhub::graphql
