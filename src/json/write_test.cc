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

TEST(WriteTest, ForMessageCutsLongPayloads) {
  EXPECT_EQ(WriteForMessage(Parse(R"({"a":[1,2]})").value()), R"({"a":[1,2]})");
  EXPECT_EQ(WriteForMessage(Parse(R"({"a":"0123456789"})").value(), 8), R"({"a":"01...)");
  // A value sharing itself 100 levels deep would serialize to 2^100 elements.
  Value v = Value::Array({Value::Int(1)});
  for (int i = 0; i < 100; ++i) v = Value::Array({v, v});
  std::string text = WriteForMessage(v, 1000);
  EXPECT_EQ(text.size(), 1003u);
  EXPECT_TRUE(text.ends_with("..."));
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
