#include <gtest/gtest.h>

#include "asl/intrinsics/test_util.h"

namespace stepwise::asl {
namespace {

using testing::Eval;

std::string Parse(std::string_view text_as_json_string) {
  return Eval("States.StringToJson($.s)",
              std::string(R"({"s":)") + std::string(text_as_json_string) + "}");
}

TEST(StringToJsonTest, ParsesEveryKindOfValue) {
  // Recorded against AWS.
  EXPECT_EQ(Parse(R"("null")"), "null");
  EXPECT_EQ(Parse(R"("-0")"), "0");
  EXPECT_EQ(Parse(R"("1")"), "1");
  EXPECT_EQ(Parse(R"("1.1")"), "1.1");
  EXPECT_EQ(Parse(R"("true")"), "true");
  EXPECT_EQ(Parse(R"("\"HelloWorld\"")"), R"("HelloWorld")");
  EXPECT_EQ(Parse(R"("[1, 2, \"HelloWorld\"]")"), R"([1,2,"HelloWorld"])");
  EXPECT_EQ(Parse(R"("{\"Arg1\": 1, \"Arg2\": []}")"), R"({"Arg1":1,"Arg2":[]})");
}

TEST(StringToJsonTest, EmptyTextIsNull) {
  // Recorded against AWS: "" gives null rather than an error.
  EXPECT_EQ(Parse(R"("")"), "null");
  EXPECT_EQ(Parse(R"(" \n ")"), "null");
}

TEST(StringToJsonTest, SurroundingWhitespace) {
  EXPECT_EQ(Parse(R"(" {\"a\":1} ")"), R"({"a":1})");
}

TEST(StringToJsonTest, LiteralArgument) {
  EXPECT_EQ(Eval(R"(States.StringToJson('{"foo": "bar"}'))"), R"({"foo":"bar"})");
}

TEST(StringToJsonTest, RoundTripsJsonToString) {
  EXPECT_EQ(Eval("States.StringToJson(States.JsonToString($.o))", R"({"o":{"a":[1,{"b":null}]}})"),
            R"({"a":[1,{"b":null}]})");
}

TEST(StringToJsonTest, InvalidJsonFails) {
  EXPECT_EQ(Parse(R"("{bad json}")"),
            testing::InvalidArguments("States.StringToJson($.s)", "States.StringToJson"));
  EXPECT_EQ(Parse(R"("{\"a\":1")"),
            testing::InvalidArguments("States.StringToJson($.s)", "States.StringToJson"));
  EXPECT_EQ(Parse(R"("undefined")"),
            testing::InvalidArguments("States.StringToJson($.s)", "States.StringToJson"));
}

TEST(StringToJsonTest, NonStringFails) {
  EXPECT_EQ(Parse(R"({"a":1})"),
            testing::InvalidArguments("States.StringToJson($.s)", "States.StringToJson"));
  EXPECT_EQ(testing::CompileError("States.StringToJson(1)"),
            "Argument 1 of States.StringToJson must be a string, not a number at position 21 in "
            "'States.StringToJson(1)'");
}

}  // namespace
}  // namespace stepwise::asl
