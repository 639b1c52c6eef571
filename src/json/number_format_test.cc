#include "json/number_format.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

namespace stepwise::json {
namespace {

std::string D(double d) {
  char buffer[kMaxNumberChars];
  return std::string(buffer, FormatDouble(d, buffer));
}

TEST(NumberFormatTest, IntSizeMatchesFormatInt) {
  char buffer[kMaxNumberChars];
  for (int64_t v : {INT64_MIN, INT64_MIN + 1, int64_t{-10}, int64_t{-9}, int64_t{0}, int64_t{9},
                    int64_t{10}, int64_t{99}, int64_t{100}, INT64_MAX}) {
    EXPECT_EQ(IntSize(v), FormatInt(v, buffer)) << v;
  }
}

TEST(NumberFormatTest, Integers) {
  char buffer[kMaxNumberChars];
  EXPECT_EQ(std::string(buffer, FormatInt(INT64_MIN, buffer)), "-9223372036854775808");
  EXPECT_EQ(std::string(buffer, FormatInt(0, buffer)), "0");
}

// Java's Double.toString layout, which AWS's engine prints doubles with.
TEST(NumberFormatTest, PlainDecimalsBetweenOneThousandthAndTenMillion) {
  EXPECT_EQ(D(1.0), "1.0");
  EXPECT_EQ(D(1.1), "1.1");
  EXPECT_EQ(D(-2.5), "-2.5");
  EXPECT_EQ(D(100.0), "100.0");
  EXPECT_EQ(D(0.001), "0.001");
  EXPECT_EQ(D(0.0123), "0.0123");
  EXPECT_EQ(D(1234567.5), "1234567.5");
  EXPECT_EQ(D(9999999.0), "9999999.0");
  EXPECT_EQ(D(0.0), "0.0");
  EXPECT_EQ(D(-0.0), "-0.0");
}

TEST(NumberFormatTest, ScientificOutsideThatRange) {
  EXPECT_EQ(D(1e7), "1.0E7");
  EXPECT_EQ(D(1.5e10), "1.5E10");
  EXPECT_EQ(D(-3e40), "-3.0E40");
  EXPECT_EQ(D(1e-4), "1.0E-4");
  EXPECT_EQ(D(1.2345e-7), "1.2345E-7");
  EXPECT_EQ(D(9.223372036854776e18), "9.223372036854776E18");
}

TEST(NumberFormatTest, NonFiniteIsNull) {
  EXPECT_EQ(D(std::numeric_limits<double>::infinity()), "null");
  EXPECT_EQ(D(std::nan("")), "null");
}

}  // namespace
}  // namespace stepwise::json
