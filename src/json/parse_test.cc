#include "json/parse.h"

#include <gtest/gtest.h>

#include <string>

#include "json/write.h"

namespace stepwise::json {
namespace {

TEST(ParseTest, AllKinds) {
  Value v = Parse(R"( {"n":null,"t":true,"f":false,"i":-12,"d":1.5,"s":"x","a":[],"o":{}} )").value();
  EXPECT_TRUE(v.Find("n")->is_null());
  EXPECT_TRUE(v.Find("t")->as_bool());
  EXPECT_FALSE(v.Find("f")->as_bool());
  EXPECT_EQ(v.Find("i")->as_int(), -12);
  EXPECT_EQ(v.Find("d")->as_double(), 1.5);
  EXPECT_EQ(v.Find("s")->as_string(), "x");
  EXPECT_TRUE(v.Find("a")->is_array());
  EXPECT_TRUE(v.Find("o")->is_object());
}

TEST(ParseTest, ScalarDocuments) {
  EXPECT_EQ(Parse("42").value().as_int(), 42);
  EXPECT_EQ(Parse(" \"hi\" ").value().as_string(), "hi");
  EXPECT_TRUE(Parse("null").value().is_null());
  EXPECT_TRUE(Parse("true").value().as_bool());
  EXPECT_EQ(Parse("2.25").value().as_double(), 2.25);
}

TEST(ParseTest, IntegersStayExactDecimalsBecomeDoubles) {
  EXPECT_EQ(Parse("9223372036854775807").value().as_int(), INT64_MAX);
  EXPECT_EQ(Parse("-9223372036854775808").value().as_int(), INT64_MIN);
  EXPECT_TRUE(Parse("9223372036854775808").value().is_double());
  EXPECT_TRUE(Parse("123456789012345678901234567890").value().is_double());
  EXPECT_TRUE(Parse("1.0").value().is_double());
  EXPECT_TRUE(Parse("1e2").value().is_double());
}

TEST(ParseTest, StringEscapes) {
  Value v = Parse(R"("a\"b\\c\/d\n\u00e9\ud83d\ude00")").value();
  EXPECT_EQ(v.as_string(), "a\"b\\c/d\n\xc3\xa9\xf0\x9f\x98\x80");
}

TEST(ParseTest, ErrorsCarryLineAndColumn) {
  ParseErrorDetail detail;
  Result<Value> r = Parse("{\n  \"a\": 1,\n  \"b\": tru\n}", {}, &detail);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().name(), "JsonParseError");
  // Jackson reports an unrecognized token after its last character.
  EXPECT_EQ(detail.line, 3u);
  EXPECT_EQ(detail.column, 11u);
  EXPECT_EQ(r.error().message(),
            "Unrecognized token 'tru': was expecting (JSON String, Number, Array, Object or token "
            "'null', 'true' or 'false') at line 3, column 11");
}

TEST(ParseTest, ErrorsSayWhatWasExpected) {
  ParseErrorDetail detail;
  EXPECT_FALSE(Parse("[1,2", {}, &detail).ok());
  EXPECT_EQ(detail.what, "Unexpected end-of-input: expected close marker for ARRAY");
  EXPECT_FALSE(Parse("{\"a\" 1}", {}, &detail).ok());
  EXPECT_EQ(detail.what,
            "Unexpected character ('1' (code 49)): was expecting a colon to separate field name "
            "and value");
  EXPECT_EQ(detail.column, 6u);
  EXPECT_FALSE(Parse("1 2", {}, &detail).ok());
  EXPECT_EQ(detail.column, 3u);
}

TEST(ParseTest, RejectsMalformedDocuments) {
  for (std::string_view bad :
       {"", " ", "not a definition", "{", "[1,2", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "01",
        "1.", ".5", "+1", "[1] [2]", "\"unterminated", "\"tab\there\"", "{'a':1}", "nul",
        "[1,2]]", "\"\\x\"", "NaN", "\xff"}) {
    EXPECT_FALSE(Parse(bad).ok()) << "accepted: " << bad;
  }
}

TEST(ParseTest, RepeatedKeys) {
  EXPECT_EQ(Write(Parse(R"({"a":1,"a":2})").value()), R"({"a":2})");
  ParseErrorDetail detail;
  Result<Value> r = Parse("{\"a\":1,\n \"a\":2}", {.repeated_keys = RepeatedKeys::kError}, &detail);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(detail.what, "Duplicate field 'a'");
  // Jackson reports a duplicate key just after its closing quote.
  EXPECT_EQ(detail.line, 2u);
  EXPECT_EQ(detail.column, 5u);
  // Nested objects are checked too.
  EXPECT_FALSE(Parse(R"({"x":{"b":1,"b":1}})", {.repeated_keys = RepeatedKeys::kError}).ok());
}

TEST(ParseTest, NestingLimit) {
  std::string deep(50, '[');
  deep += std::string(50, ']');
  EXPECT_TRUE(Parse(deep, {.max_depth = 50}).ok());
  Result<Value> r = Parse(deep, {.max_depth = 49});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("Nesting deeper than 49"), std::string::npos);
  std::string very_deep(100000, '[');
  EXPECT_FALSE(Parse(very_deep).ok());
}

}  // namespace
}  // namespace stepwise::json
