#include <gtest/gtest.h>

#include <cstdint>
#include <set>
#include <string>

#include "asl/intrinsics/test_util.h"

namespace stepwise::asl {
namespace {

using testing::Eval;

TEST(MathRandomTest, DrawsFromTheRandomSource) {
  testing::ScriptedRandom random({7});
  EXPECT_EQ(Eval("States.MathRandom(10, 20)", "{}", &random), "17");
}

TEST(MathRandomTest, EndIsExclusive) {
  testing::ScriptedRandom random({9, 10, 19});
  EXPECT_EQ(Eval("States.MathRandom(0, 10)", "{}", &random), "9");
  EXPECT_EQ(Eval("States.MathRandom(0, 10)", "{}", &random), "0");
  EXPECT_EQ(Eval("States.MathRandom(0, 10)", "{}", &random), "9");
}

TEST(MathRandomTest, NoModuloBias) {
  // The top values of the 64-bit range would favour small results; they are drawn again.
  testing::ScriptedRandom random({UINT64_MAX, 3});
  EXPECT_EQ(Eval("States.MathRandom(0, 10)", "{}", &random), "3");
}

TEST(MathRandomTest, StaysInRange) {
  testing::SeededRandom random;
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const std::string value = Eval("States.MathRandom(-99999, -99990)", "{}", &random);
    const int n = std::stoi(value);
    EXPECT_GE(n, -99999);
    EXPECT_LT(n, -99990);
    seen.insert(value);
  }
  EXPECT_EQ(seen.size(), 9u);
}

TEST(MathRandomTest, WholeInt32Range) {
  testing::ScriptedRandom random({UINT64_C(4294967294)});
  EXPECT_EQ(Eval("States.MathRandom(-2147483648, 2147483647)", "{}", &random), "2147483646");
}

TEST(MathRandomTest, WorksWithoutARandomSource) {
  const std::string value = Eval("States.MathRandom(1, 3)");
  EXPECT_TRUE(value == "1" || value == "2") << value;
}

TEST(MathRandomTest, SeedGivesTheSameNumberEveryTime) {
  // The guide: "if you use this function with the same seed value, it will return identical
  // numbers." The numbers are java.util.Random's: new Random(3).nextInt(999) is 239.
  testing::SeededRandom random;
  EXPECT_EQ(Eval("States.MathRandom($.a, $.b, $.c)", R"({"a":0,"b":999,"c":3})", &random), "239");
  EXPECT_EQ(Eval("States.MathRandom(0, 999, 3)", "{}", &random), "239");
  EXPECT_EQ(Eval("States.MathRandom(1, 100, 42)"), "63");
  EXPECT_EQ(Eval("States.MathRandom(1, 10, -10)"), "1");
}

TEST(MathRandomTest, SeedWithTheWholeInt32Range) {
  const std::string first = Eval("States.MathRandom(-2147483648, 2147483647, 7)");
  EXPECT_EQ(first, "-561624143");
  EXPECT_EQ(Eval("States.MathRandom(-2147483648, 2147483647, 7)"), first);
}

TEST(MathRandomTest, NonIntegerBoundsAreRounded) {
  testing::ScriptedRandom random({0, 2});
  EXPECT_EQ(Eval("States.MathRandom(1.5, 5.4)", "{}", &random), "2");
  EXPECT_EQ(Eval("States.MathRandom(1.5, 5.4)", "{}", &random), "4");
}

TEST(MathRandomTest, StartMustBeBelowEnd) {
  EXPECT_EQ(Eval("States.MathRandom(1, 1)"),
            testing::InvalidArguments("States.MathRandom(1, 1)", "States.MathRandom"));
  EXPECT_EQ(Eval("States.MathRandom(10, 5)"),
            testing::InvalidArguments("States.MathRandom(10, 5)", "States.MathRandom"));
  EXPECT_EQ(Eval("States.MathRandom(1.4, 1.49)"),
            testing::InvalidArguments("States.MathRandom(1.4, 1.49)", "States.MathRandom"));
  EXPECT_EQ(Eval("States.MathRandom(0, 2147483648)"),
            testing::InvalidArguments("States.MathRandom(0, 2147483648)", "States.MathRandom"));
}

TEST(MathRandomTest, ArgumentsMustBeNumbers) {
  EXPECT_EQ(Eval("States.MathRandom(1, 10, $.s)", R"({"s":null})"),
            testing::InvalidArguments("States.MathRandom(1, 10, $.s)", "States.MathRandom"));
  EXPECT_EQ(Eval("States.MathRandom(1, 10, 1e300)"),
            testing::InvalidArguments("States.MathRandom(1, 10, 1e300)", "States.MathRandom"));
  EXPECT_EQ(testing::CompileError("States.MathRandom(1, 10, 'seed')"),
            "Argument 3 of States.MathRandom must be a number, not a string at position 26 in "
            "'States.MathRandom(1, 10, 'seed')'");
}

}  // namespace
}  // namespace stepwise::asl
