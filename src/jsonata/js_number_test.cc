#include "jsonata/js_number.h"

#include <cmath>
#include <limits>

#include "gtest/gtest.h"

namespace stepwise::jsonata {
namespace {

TEST(JsNumberTest, IntegersAndFractionsInPlainNotation) {
  EXPECT_EQ(FormatJsNumber(0), "0");
  EXPECT_EQ(FormatJsNumber(-0.0), "0");
  EXPECT_EQ(FormatJsNumber(7), "7");
  EXPECT_EQ(FormatJsNumber(-12.5), "-12.5");
  EXPECT_EQ(FormatJsNumber(0.1), "0.1");
  EXPECT_EQ(FormatJsNumber(0.000001), "0.000001");
  EXPECT_EQ(FormatJsNumber(123456789012345680000.0), "123456789012345680000");
}

TEST(JsNumberTest, ExponentialOutsideThePlainRange) {
  EXPECT_EQ(FormatJsNumber(1e21), "1e+21");
  EXPECT_EQ(FormatJsNumber(1.5e300), "1.5e+300");
  EXPECT_EQ(FormatJsNumber(1e-7), "1e-7");
  EXPECT_EQ(FormatJsNumber(-2.5e-10), "-2.5e-10");
}

TEST(JsNumberTest, NonFiniteValues) {
  EXPECT_EQ(FormatJsNumber(std::numeric_limits<double>::infinity()), "Infinity");
  EXPECT_EQ(FormatJsNumber(-std::numeric_limits<double>::infinity()), "-Infinity");
  EXPECT_EQ(FormatJsNumber(std::nan("")), "NaN");
}

}  // namespace
}  // namespace stepwise::jsonata
