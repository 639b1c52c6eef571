#include <gtest/gtest.h>

#include <string>

#include "asl/intrinsics/test_util.h"

namespace stepwise::asl {
namespace {

using testing::Eval;

std::string Range(std::string_view first, std::string_view last, std::string_view step) {
  return Eval("States.ArrayRange(" + std::string(first) + ", " + std::string(last) + ", " +
              std::string(step) + ")");
}

std::string Invalid(std::string_view first, std::string_view last, std::string_view step) {
  return testing::InvalidArguments("States.ArrayRange(" + std::string(first) + ", " +
                                       std::string(last) + ", " + std::string(step) + ")",
                                   "States.ArrayRange");
}

TEST(ArrayRangeTest, RecordedCases) {
  // Recorded against AWS (the arguments came from paths there).
  EXPECT_EQ(Eval("States.ArrayRange($.a, $.b, $.c)", R"({"a":0,"b":9,"c":3})"), "[0,3,6,9]");
  EXPECT_EQ(Range("0", "10", "3"), "[0,3,6,9]");
  EXPECT_EQ(Range("1", "9", "9"), "[1]");
  EXPECT_EQ(Range("1", "9", "2"), "[1,3,5,7,9]");
}

TEST(ArrayRangeTest, CountsDown) {
  EXPECT_EQ(Range("5", "1", "-2"), "[5,3,1]");
  EXPECT_EQ(Range("3", "3", "-1"), "[3]");
}

TEST(ArrayRangeTest, StepAwayFromTheEndGivesNothing) {
  EXPECT_EQ(Range("5", "1", "1"), "[]");
  EXPECT_EQ(Range("1", "5", "-1"), "[]");
}

TEST(ArrayRangeTest, NonIntegersAreRounded) {
  EXPECT_EQ(Range("1.4", "5.6", "2.2"), "[1,3,5]");
  EXPECT_EQ(Range("0.5", "2.5", "1"), "[1,2,3]");
}

TEST(ArrayRangeTest, StepMustNotBeZero) {
  EXPECT_EQ(Range("1", "10", "0"), Invalid("1", "10", "0"));
  EXPECT_EQ(Range("1", "10", "0.49"), Invalid("1", "10", "0.49"));
}

TEST(ArrayRangeTest, AtMostAThousandItems) {
  const std::string up = Range("1", "1000", "1");
  EXPECT_EQ(up.substr(0, 7), "[1,2,3,");
  EXPECT_EQ(up.substr(up.size() - 10), ",999,1000]");
  EXPECT_EQ(Range("1", "1001", "1"), Invalid("1", "1001", "1"));
  EXPECT_EQ(Range("1001", "1", "-1"), Invalid("1001", "1", "-1"));
  EXPECT_EQ(Range("-2147483648", "2147483647", "1"), Invalid("-2147483648", "2147483647", "1"));
}

TEST(ArrayRangeTest, Int32Extremes) {
  EXPECT_EQ(Range("-2147483648", "2147483647", "2147483647"), "[-2147483648,-1,2147483646]");
  EXPECT_EQ(Range("2147483647", "-2147483648", "-2147483648"), "[2147483647,-1]");
  EXPECT_EQ(Range("2147483648", "1", "1"), Invalid("2147483648", "1", "1"));
}

TEST(ArrayRangeTest, ArgumentsMustBeNumbers) {
  EXPECT_EQ(Eval("States.ArrayRange($.a, 5, 1)", R"({"a":"1"})"),
            testing::InvalidArguments("States.ArrayRange($.a, 5, 1)", "States.ArrayRange"));
  EXPECT_EQ(testing::CompileError("States.ArrayRange(1, 5, 'c')"),
            "Argument 3 of States.ArrayRange must be a number, not a string at position 25 in "
            "'States.ArrayRange(1, 5, 'c')'");
}

}  // namespace
}  // namespace stepwise::asl
