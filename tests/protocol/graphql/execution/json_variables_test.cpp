// The one-pass variables decoder: what it accepts it coerces exactly as
// decoding and then coercing do (checked value by value, types included),
// and it declines what they would refuse or read in a way of their own.

#include "protocol/graphql/execution/json_variables.hpp"

#include <gtest/gtest.h>

#include <string>

#include "protocol/graphql/execution/json_input.hpp"
#include "protocol/graphql/execution/plan.hpp"
#include "protocol/graphql/execution/variables.hpp"
#include "tests/protocol/graphql/execution/execution_fixture.hpp"

namespace streamhub::graphql::testing {
namespace {

// Values with their types: 2 is an integer, 2f a floating value.
std::string show(const value& v) {
  switch (v.type()) {
    case value_type::null: return "null";
    case value_type::boolean: return v.as_bool() ? "true" : "false";
    case value_type::integer: return std::to_string(v.as_int());
    case value_type::floating: {
      std::string s = std::to_string(v.as_float());
      while (s.back() == '0') s.pop_back();
      if (s.back() == '.') s.pop_back();
      return s + "f";
    }
    case value_type::string: return "\"" + std::string(v.as_string()) + "\"";
    case value_type::json: return "json " + std::string(v.as_string());
    case value_type::list: {
      std::string s = "[";
      for (const value& item : v.as_list()) s += (s.size() > 1 ? "," : "") + show(item);
      return s + "]";
    }
    case value_type::object: {
      const property_object* props = v.as_properties();
      if (props == nullptr) return "object";
      std::string s = "{";
      for (const auto& [key, item] : props->entries()) s += (s.size() > 1 ? "," : "") + key + ":" + show(item);
      return s + "}";
    }
  }
  return "?";
}

class json_variables : public star_wars {
 protected:
  /// "declined", or the variables the one-pass path gives ("name=value",
  /// "-" for absent), after checking that the two steps give the same.
  std::string one_pass(std::string_view query, std::string_view json) {
    auto op = must_prepare(resolvers_, query);
    detail::variable_entries out;
    for (const auto& var : op->plan().variables) out.emplace_back(var.name, std::nullopt);
    if (!detail::decode_variables(op->plan(), json, out)) return "declined";
    std::string shown;
    for (const auto& [name, v] : out) {
      shown += (shown.empty() ? "" : " ") + std::string(name) + "=" + (v ? show(*v) : "-");
    }
    auto decoded = detail::decode_json(json);
    EXPECT_TRUE(decoded.decoded && decoded.decoded->as_properties()) << json;
    if (!decoded.decoded || !decoded.decoded->as_properties()) return shown;
    auto two_steps = coerce_variables(*op, *decoded.decoded->as_properties());
    EXPECT_TRUE(two_steps) << json << ": " << to_json(two_steps.errors());
    if (!two_steps) return shown;
    std::string expected;
    for (std::size_t i = 0; i < out.size(); ++i) {
      const auto& v = two_steps.value()->at(i);
      expected += (expected.empty() ? "" : " ") + std::string(out[i].first) + "=" + (v ? show(*v) : "-");
    }
    EXPECT_EQ(shown, expected) << json;
    return shown;
  }
};

TEST_F(json_variables, the_benchmark_request) {
  EXPECT_EQ(one_pass("query ($episode: Episode = JEDI, $first: Int = 10, $withFriends: Boolean!, "
                     "$filter: CharacterFilter) { hero { name } }",
                     R"({"episode":"EMPIRE","withFriends":true,"filter":{"faction":"REBELLION"}})"),
            R"(episode="EMPIRE" first=10 withFriends=true filter={faction:"REBELLION",episodes:["NEWHOPE"],minHeight:1.5f})");
}

TEST_F(json_variables, defaults_null_and_absence) {
  const std::string_view query = "query ($e: Episode = JEDI, $n: Int, $s: String) { hero { name } }";
  EXPECT_EQ(one_pass(query, "{}"), R"(e="JEDI" n=- s=-)");
  EXPECT_EQ(one_pass(query, R"({"e":null,"n":null})"), "e=null n=null s=-");
  EXPECT_EQ(one_pass(query, R"( { "s" : "x" , "n" : -3 } )"), R"(e="JEDI" n=-3 s="x")");
}

TEST_F(json_variables, numbers_strings_and_ids) {
  const std::string_view query = "query ($i: Int, $f: Float, $id: ID, $s: String, $b: Boolean) { hero { name } }";
  EXPECT_EQ(one_pass(query, R"({"i":5.0,"f":2,"id":42,"s":"a\"b\u00e9\\","b":false})"),
            "i=5 f=2f id=\"42\" s=\"a\"b\xc3\xa9\\\" b=false");
  EXPECT_EQ(one_pass(query, R"({"f":0.1,"id":"x","i":-2147483648})"), "i=-2147483648 f=0.1f id=\"x\" s=- b=-");
  EXPECT_EQ(one_pass(query, R"({"f":1e400})"), "i=- f=inff id=- s=- b=-");
}

TEST_F(json_variables, lists_and_single_items) {
  const std::string_view query = "query ($l: [Episode!], $c: [[Float!]!], $n: [Int]) { hero { name } }";
  EXPECT_EQ(one_pass(query, R"({"l":["JEDI","EMPIRE"],"c":[[1,2.5],[3]],"n":[1,null]})"),
            R"(l=["JEDI","EMPIRE"] c=[[1f,2.5f],[3f]] n=[1,null])");
  EXPECT_EQ(one_pass(query, R"({"l":"JEDI","c":1,"n":[]})"), R"(l=["JEDI"] c=[[1f]] n=[])");
  EXPECT_EQ(one_pass(query, R"({"c":[1,2]})"), R"(l=- c=[[1f],[2f]] n=-)");
}

TEST_F(json_variables, input_objects_in_field_order_with_defaults) {
  const std::string_view query = "query ($f: CharacterFilter, $fs: [CharacterFilter!], $r: ReviewInput!) { hero { name } }";
  EXPECT_EQ(one_pass(query, R"({"r":{"stars":5},"f":{"nameContains":"x","homeworld":{},"faction":"NEUTRAL","episodes":null},"fs":{"minHeight":2}})"),
            R"(f={faction:"NEUTRAL",episodes:null,nameContains:"x",minHeight:1.5f,homeworld:{climate:"temperate"}} )"
            R"(fs=[{episodes:["NEWHOPE"],minHeight:2f}] r={stars:5,source:"web"})");
  EXPECT_EQ(one_pass(query, R"({"r":{"stars":1,"metadata":"m","source":null},"fs":[{},{"episodes":"JEDI"}]})"),
            R"(f=- fs=[{episodes:["NEWHOPE"],minHeight:1.5f},{episodes:["JEDI"],minHeight:1.5f}] r={stars:1,metadata:"m",source:null})");
}

TEST_F(json_variables, keys_of_no_variable_are_skipped_with_their_values) {
  EXPECT_EQ(one_pass("query ($e: Episode) { hero { name } }",
                     R"({"x":{"a":[1,{"b":null}],"c":"\"d"},"e":"JEDI","y":[[],{}],"z":2.5,"w":null})"),
            R"(e="JEDI")");
}

TEST_F(json_variables, custom_scalars_parse_as_in_two_steps) {
  ASSERT_TRUE(resolvers_->bind_scalar("DateTime", {.parse = [](const value& v) -> result<value> {
    if (!v.get_string()) return error{error_code::invalid, "DateTime must be a string."};
    return value("parsed:" + std::string(v.as_string()));
  }}));
  const std::string_view query = "query ($at: DateTime, $all: [DateTime], $j: JSON) { hero { name } }";
  EXPECT_EQ(one_pass(query, R"({"at":"2024","all":["a","b"],"j":3})"), R"(at="parsed:2024" all=["parsed:a","parsed:b"] j=3)");
  EXPECT_EQ(one_pass(query, R"({"at":5})"), "declined");
  // JSON scalars may be objects or arrays: left to the two steps.
  EXPECT_EQ(one_pass(query, R"({"j":{"a":1}})"), "declined");
  EXPECT_EQ(one_pass(query, R"({"j":[1]})"), "declined");
}

TEST_F(json_variables, declines_what_coercion_refuses_or_reads_its_own_way) {
  const std::string_view query =
      "query ($e: Episode, $id: ID!, $r: ReviewInput, $l: [Int!]) { hero { name } }";
  for (const char* json : {
           R"({"id":"1","e":"JEDY"})",                       // no such enum value
           R"({"id":"1","e":1})",                            // not a string
           R"({})",                                          // $id required
           R"({"id":null})",                                 // $id not null
           R"({"id":"1","l":[1,null]})",                     // item not null
           R"({"id":"1","l":["1"]})",                        // not an Int
           R"({"id":"1","l":3000000000})",                   // beyond 32 bits
           R"({"id":"1","r":{}})",                           // stars required
           R"({"id":"1","r":{"stars":1,"bogus":2}})",        // unknown field
           R"({"id":"1","r":{"stars":1,"stars":2}})",        // field given twice
           R"({"id":"1","e":"JEDI","e":"EMPIRE"})",          // variable given twice
           R"({"id":"1","r":[]})",                           // array read as an object
           R"({"id":"1","r":"x"})",                          // not an object
           R"({"id":"1","e":["JEDI"]})",                     // a list for an enum
           R"({"id":"1","e":{}})",                           // an object for an enum
           R"({"id":1.5})",                                  // not an ID
           R"([])", "null", "1", R"("x")", "{", R"({"id":"1"} x)", R"({"id":"1",})",
       }) {
    EXPECT_EQ(one_pass(query, json), "declined") << json;
  }
}

TEST_F(json_variables, declined_requests_still_coerce_in_two_steps) {
  auto op = must_prepare(resolvers_, "query ($e: Episode) { hero(episode: $e) { name } }");
  auto repeated = coerce_variables(*op, R"({"e":"JEDI","e":"EMPIRE"})");
  ASSERT_TRUE(repeated);
  EXPECT_EQ(repeated.value()->find("e")->as_string(), "EMPIRE");  // the last, as JSON.parse
}

}  // namespace
}  // namespace streamhub::graphql::testing
