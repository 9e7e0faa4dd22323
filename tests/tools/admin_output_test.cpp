#include "tools/streamhub/admin_output.hpp"

#include <gtest/gtest.h>

namespace streamhub::tools {
namespace {

TEST(AdminOutputTest, PlainIsOneCompactLineInTheNodesOrder) {
  EXPECT_EQ(format_answer(R"({ "b": 1, "a": [true, null, "x"] })", admin_style::plain),
            "{\"b\":1,\"a\":[true,null,\"x\"]}\n");
}

TEST(AdminOutputTest, PrettyIndentsAndColoursEachKindOfValue) {
  EXPECT_EQ(format_answer(R"({"id":"user:alice","version":2,"ok":true,"tags":[],"state":{"n":null}})",
                          admin_style::pretty),
            "{\n"
            "  \x1b[34m\"id\"\x1b[0m: \x1b[32m\"user:alice\"\x1b[0m,\n"
            "  \x1b[34m\"version\"\x1b[0m: \x1b[36m2\x1b[0m,\n"
            "  \x1b[34m\"ok\"\x1b[0m: \x1b[35mtrue\x1b[0m,\n"
            "  \x1b[34m\"tags\"\x1b[0m: [],\n"
            "  \x1b[34m\"state\"\x1b[0m: {\n"
            "    \x1b[34m\"n\"\x1b[0m: \x1b[35mnull\x1b[0m\n"
            "  }\n"
            "}\n");
}

TEST(AdminOutputTest, TextThatIsNotJsonIsShownAsItIs) {
  EXPECT_EQ(format_answer("not json", admin_style::pretty), "not json\n");
}

}  // namespace
}  // namespace streamhub::tools
