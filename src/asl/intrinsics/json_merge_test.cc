#include <gtest/gtest.h>

#include <string>

#include "asl/intrinsics/test_util.h"

namespace stepwise::asl {
namespace {

using testing::Eval;

std::string Merge(std::string_view left, std::string_view right) {
  return Eval("States.JsonMerge($.l, $.r, false)",
              "{\"l\":" + std::string(left) + ",\"r\":" + std::string(right) + "}");
}

TEST(JsonMergeTest, RightReplacesLeftShallowly) {
  // Recorded against AWS, and the guide's example: the nested objects under "a" are not merged.
  EXPECT_EQ(Merge(R"({"a":{"a1":1,"a2":2},"b":2,"d":3})", R"({"a":{"a3":1,"a4":2},"c":3,"d":4})"),
            R"({"a":{"a3":1,"a4":2},"b":2,"d":4,"c":3})");
  EXPECT_EQ(Merge(R"({"a":1,"b":2})", R"({"c":3,"d":4})"), R"({"a":1,"b":2,"c":3,"d":4})");
}

TEST(JsonMergeTest, EmptyObjects) {
  EXPECT_EQ(Merge("{}", R"({"x":1})"), R"({"x":1})");
  EXPECT_EQ(Merge(R"({"x":1})", "{}"), R"({"x":1})");
  EXPECT_EQ(Merge("{}", "{}"), "{}");
}

TEST(JsonMergeTest, NullAndOtherValuesReplaceToo) {
  EXPECT_EQ(Merge(R"({"n":{"x":true},"keep":1})", R"({"n":null})"), R"({"n":null,"keep":1})");
  EXPECT_EQ(Merge(R"({"p":[1,2,3]})", R"({"p":-123.456})"), R"({"p":-123.456})");
}

TEST(JsonMergeTest, DeepMergeIsNotSupported) {
  EXPECT_EQ(Eval("States.JsonMerge($.l, $.r, true)", R"({"l":{},"r":{}})"),
            testing::InvalidArguments("States.JsonMerge($.l, $.r, true)", "States.JsonMerge"));
  EXPECT_EQ(Eval("States.JsonMerge($.l, $.r, $.deep)", R"({"l":{},"r":{},"deep":"false"})"),
            testing::InvalidArguments("States.JsonMerge($.l, $.r, $.deep)", "States.JsonMerge"));
}

TEST(JsonMergeTest, ArgumentsMustBeObjects) {
  const std::string invalid =
      testing::InvalidArguments("States.JsonMerge($.l, $.r, false)", "States.JsonMerge");
  EXPECT_EQ(Merge("null", "{}"), invalid);
  EXPECT_EQ(Merge("{}", "[]"), invalid);
  EXPECT_EQ(Merge("{}", R"("x")"), invalid);
}

}  // namespace
}  // namespace stepwise::asl
