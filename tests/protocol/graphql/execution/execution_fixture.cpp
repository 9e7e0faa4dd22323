#include "tests/protocol/graphql/execution/execution_fixture.hpp"

namespace streamhub::graphql::testing {

star_wars::star_wars() {
  schema_ = must_build(read_fixture("star_wars.graphql"));
  resolvers_ = std::make_shared<resolver_map>(schema_);

  tatooine_ = props({{"id", "planet-1"}, {"name", "Tatooine"}, {"climates", list({"arid"})},
                     {"population", 200000}},
                    "Planet");
  xwing_ = props({{"id", "ship-1"}, {"name", "X-wing"}, {"model", "T-65"}, {"length", 12.5}},
                 "Starship");
  han_ = props({{"id", "1002"}, {"name", "Han Solo"}, {"appearsIn", list({"NEWHOPE", "EMPIRE"})},
                {"friends", list({})}, {"mass", 80}},
               "Human");
  luke_ = props({{"id", "1000"},
                 {"name", "Luke Skywalker"},
                 {"appearsIn", list({"NEWHOPE", "EMPIRE", "JEDI"})},
                 {"homeworld", tatooine_},
                 {"friends", list({han_})},
                 {"starships", list({xwing_})},
                 {"height", 1.72},
                 {"faction", "REBELLION"}},
                "Human");
  r2d2_ = props({{"id", "2001"},
                 {"name", "R2-D2"},
                 {"appearsIn", list({"NEWHOPE", "EMPIRE", "JEDI"})},
                 {"friends", list({luke_, han_})},
                 {"primaryFunction", "Astromech"}},
                "Droid");

  const auto by_id = [this](std::string_view id) -> value {
    for (const value* v : {&luke_, &han_, &r2d2_, &tatooine_, &xwing_}) {
      if (v->as_properties()->find("id")->as_string() == id) return *v;
    }
    return value();
  };
  EXPECT_TRUE(resolvers_->bind("Root", "hero", [this](const field_call& call) -> field_result {
    return call.args().get_enum("episode") == "EMPIRE" ? luke_ : r2d2_;
  }));
  EXPECT_TRUE(resolvers_->bind("Root", "human", [by_id](const field_call& call) -> field_result {
    value v = by_id(*call.args().get_string("id"));
    return v.object_type_name() == "Human" ? v : value();
  }));
  EXPECT_TRUE(resolvers_->bind("Root", "droid", [by_id](const field_call& call) -> field_result {
    value v = by_id(*call.args().get_string("id"));
    return v.object_type_name() == "Droid" ? v : value();
  }));
  EXPECT_TRUE(resolvers_->bind("Root", "node", [by_id](const field_call& call) -> field_result {
    return by_id(*call.args().get_string("id"));
  }));
  EXPECT_TRUE(resolvers_->bind("Root", "search", [this](const field_call&) -> field_result {
    return list({luke_, r2d2_, xwing_, tatooine_});
  }));
}

std::string star_wars::run(std::string_view query, std::string_view variables,
                           std::string_view operation_name) {
  auto op = must_prepare(resolvers_, query, operation_name);
  if (op == nullptr) return {};
  return run_sync(std::move(op), variables);
}

}  // namespace streamhub::graphql::testing
