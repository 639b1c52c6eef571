#include <gtest/gtest.h>

#include <string>

#include "asl/intrinsics/test_util.h"

namespace stepwise::asl {
namespace {

using testing::Eval;

std::string Contains(std::string_view array, std::string_view value) {
  return Eval("States.ArrayContains($.a, $.v)",
              "{\"a\":" + std::string(array) + ",\"v\":" + std::string(value) + "}");
}

TEST(ArrayContainsTest, RecordedCases) {
  // Recorded against AWS.
  EXPECT_EQ(Contains("[]", "null"), "false");
  EXPECT_EQ(Contains("[]", "[]"), "false");
  EXPECT_EQ(Contains("[]", "1"), "false");
  EXPECT_EQ(Contains("[[1,2,3],2]", "null"), "false");
  EXPECT_EQ(Contains("[[1,2,3],2]", "[1,2,3]"), "true");
  EXPECT_EQ(Contains(R"([{"1":2,"2":[]}])", R"({"1":2,"2":[]})"), "true");
  EXPECT_EQ(Contains("[true,false]", "false"), "true");
}

TEST(ArrayContainsTest, GuideExample) {
  EXPECT_EQ(Eval("States.ArrayContains($.inputArray, $.lookingFor)",
                 R"({"inputArray":[1,2,3,4,5,6,7,8,9],"lookingFor":5})"),
            "true");
}

TEST(ArrayContainsTest, ComparesAsJson) {
  EXPECT_EQ(Contains(R"([{"a":1,"b":2}])", R"({"b":2,"a":1})"), "true");
  EXPECT_EQ(Contains(R"([{"a":1}])", R"({"a":1,"extra":null})"), "false");
  EXPECT_EQ(Contains("[1]", "1.0"), "true");
  EXPECT_EQ(Contains(R"(["true","1"])", "true"), "false");
  EXPECT_EQ(Contains(R"(["1"])", "1"), "false");
}

TEST(ArrayContainsTest, LiteralValues) {
  EXPECT_EQ(Eval("States.ArrayContains($.a, 'C')", R"({"a":["A","B","C"]})"), "true");
  EXPECT_EQ(Eval("States.ArrayContains($.a, null)", R"({"a":[1,null]})"), "true");
  EXPECT_EQ(Eval("States.ArrayContains(States.Array(1, 2, 3), 2)"), "true");
}

TEST(ArrayContainsTest, FirstArgumentMustBeAnArray) {
  EXPECT_EQ(Contains(R"({"a":1})", "1"),
            testing::InvalidArguments("States.ArrayContains($.a, $.v)", "States.ArrayContains"));
}

}  // namespace
}  // namespace stepwise::asl
