#include <gtest/gtest.h>

#include <string>

#include "asl/intrinsics/test_util.h"

namespace stepwise::asl {
namespace {

using testing::Eval;

std::string Add(std::string_view a, std::string_view b) {
  return Eval("States.MathAdd($.a, $.b)",
              "{\"a\":" + std::string(a) + ",\"b\":" + std::string(b) + "}");
}

const std::string kInvalid =
    testing::InvalidArguments("States.MathAdd($.a, $.b)", "States.MathAdd");

TEST(MathAddTest, AddsIntegers) {
  // Recorded against AWS, and the guide's example.
  EXPECT_EQ(Add("-9", "3"), "-6");
  EXPECT_EQ(Add("111", "-1"), "110");
  EXPECT_EQ(Eval("States.MathAdd(5, 3)"), "8");
}

TEST(MathAddTest, RoundsEachOperandAsJavaDoes) {
  // Recorded against AWS: each operand is rounded half up (towards positive infinity) first.
  EXPECT_EQ(Add("1.5", "1.51"), "4");
  EXPECT_EQ(Add("-1.49", "-1.5"), "-2");
  EXPECT_EQ(Add("1.49", "0"), "1");
  EXPECT_EQ(Add("1.51", "0"), "2");
  EXPECT_EQ(Add("-1.49", "0"), "-1");
  EXPECT_EQ(Add("-1.5", "0"), "-1");
  EXPECT_EQ(Add("-1.51", "0"), "-2");
  EXPECT_EQ(Add("0.5", "0"), "1");
  EXPECT_EQ(Add("1.5", "0"), "2");
  EXPECT_EQ(Add("2.5", "0"), "3");
  EXPECT_EQ(Add("3.5", "0"), "4");
  EXPECT_EQ(Add("-0.5", "0.5"), "1");
  EXPECT_EQ(Add("-2.5", "0"), "-2");
  EXPECT_EQ(Add("-3.5", "0"), "-3");
  EXPECT_EQ(Add("0.49999999999999994", "0"), "0");
}

TEST(MathAddTest, Int32Range) {
  // The guide: "You must specify integer values in the range of -2147483648 and 2147483647."
  EXPECT_EQ(Add("2147483647", "0"), "2147483647");
  EXPECT_EQ(Add("-2147483648", "0"), "-2147483648");
  EXPECT_EQ(Add("2147483646", "1"), "2147483647");
  EXPECT_EQ(Add("2147483647", "1"), kInvalid);
  EXPECT_EQ(Add("-2147483648", "-1"), kInvalid);
  EXPECT_EQ(Add("3000000000", "1"), kInvalid);
  EXPECT_EQ(Add("1e300", "1"), kInvalid);
}

TEST(MathAddTest, OperandsMustBeNumbers) {
  EXPECT_EQ(Add(R"("1")", "1"), kInvalid);
  EXPECT_EQ(Add("true", "1"), kInvalid);
  EXPECT_EQ(Add("null", "1"), kInvalid);
  EXPECT_EQ(Add("[1]", "1"), kInvalid);
}

TEST(MathAddTest, Nested) {
  // Recorded against AWS: the last piece of a name split on '-'.
  EXPECT_EQ(Eval("States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), "
                 "States.MathAdd(States.ArrayLength(States.StringSplit($$.StateMachine.Name, "
                 "'-')), -1))",
                 "{}", nullptr, R"({"StateMachine":{"Name":"my-state-machine"}})"),
            R"("machine")");
}

}  // namespace
}  // namespace stepwise::asl
