#include <gtest/gtest.h>

#include "asl/intrinsics/test_util.h"

namespace stepwise::asl {
namespace {

using testing::Eval;

TEST(ArrayLengthTest, CountsTopLevelItems) {
  // Recorded against AWS.
  EXPECT_EQ(Eval("States.ArrayLength($.a)", R"({"a":[1,2,3,4,5,6,7,8,9]})"), "9");
  EXPECT_EQ(Eval("States.ArrayLength($.a)", R"({"a":[]})"), "0");
  EXPECT_EQ(Eval("States.ArrayLength($.a)", R"({"a":[[1,2],{"b":[3]}]})"), "2");
  EXPECT_EQ(Eval("States.ArrayLength(States.Array(1, 2, 3))"), "3");
}

TEST(ArrayLengthTest, ArgumentMustBeAnArray) {
  EXPECT_EQ(Eval("States.ArrayLength($.a)", R"({"a":{"k":1}})"),
            testing::InvalidArguments("States.ArrayLength($.a)", "States.ArrayLength"));
}

}  // namespace
}  // namespace stepwise::asl
