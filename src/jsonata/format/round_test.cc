#include "jsonata/format/round.h"

#include <cmath>
#include <limits>

#include "gtest/gtest.h"

namespace stepwise::jsonata::format {
namespace {

TEST(RoundHalfEvenTest, HalvesGoToEven) {
  EXPECT_EQ(RoundHalfEven(0.5, 0), 0);
  EXPECT_EQ(RoundHalfEven(1.5, 0), 2);
  EXPECT_EQ(RoundHalfEven(2.5, 0), 2);
  EXPECT_EQ(RoundHalfEven(-2.5, 0), -2);
  EXPECT_EQ(RoundHalfEven(-3.5, 0), -4);
  EXPECT_EQ(RoundHalfEven(2.4, 0), 2);
}

TEST(RoundHalfEvenTest, PrecisionShiftsTheDecimalText) {
  EXPECT_EQ(RoundHalfEven(2.675, 2), 2.68);  // the text "2.675", not its binary value
  EXPECT_EQ(RoundHalfEven(1.005, 2), 1);
  EXPECT_EQ(RoundHalfEven(4.525, 2), 4.52);
  EXPECT_EQ(RoundHalfEven(1234.5678, 3), 1234.568);
  EXPECT_EQ(RoundHalfEven(1250, -2), 1200);
  EXPECT_EQ(RoundHalfEven(1.5e-10, 10), 2e-10);
}

TEST(RoundHalfEvenTest, NeverNegativeZero) {
  EXPECT_FALSE(std::signbit(RoundHalfEven(-0.4, 0)));
  EXPECT_FALSE(std::signbit(RoundHalfEven(-0.0, 2)));
}

TEST(RoundHalfEvenTest, NonFinite) {
  EXPECT_TRUE(std::isnan(RoundHalfEven(std::numeric_limits<double>::infinity(), 2)));
  EXPECT_TRUE(std::isinf(RoundHalfEven(std::numeric_limits<double>::infinity(), 0)));
}

}  // namespace
}  // namespace stepwise::jsonata::format
