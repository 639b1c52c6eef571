#include "json/write.h"

#include <gtest/gtest.h>

#include "json/parse.h"

namespace stepwise::json {
namespace {

TEST(WriteTest, CompactRoundTrip) {
  std::string_view text = R"({"a":[1,-2,"x",true,false,null,{}],"b":{"c":[]}})";
  EXPECT_EQ(Write(Parse(text).value()), text);
}

TEST(WriteTest, EscapesControlCharactersAndQuotes) {
  Value v = Value::String(std::string("q\"b\\n\n\t\x01\x1f/é", 12));
  EXPECT_EQ(Write(v), "\"q\\\"b\\\\n\\n\\t\\u0001\\u001f/é\"");
}

TEST(WriteTest, Pretty) {
  Value v = Parse(R"({"a":[1,{"b":2}],"e":[],"o":{}})").value();
  EXPECT_EQ(WritePretty(v),
            "{\n  \"a\": [\n    1,\n    {\n      \"b\": 2\n    }\n  ],\n  \"e\": [],\n"
            "  \"o\": {}\n}");
  EXPECT_EQ(WritePretty(Value::Int(1)), "1");
}

}  // namespace
}  // namespace stepwise::json
