#include "jsonata/format/format_base.h"

#include <string>

#include "gtest/gtest.h"

namespace stepwise::jsonata::format {
namespace {

// Cases from the official JSONata suite, group function-formatBase (case numbers in comments).

std::string Formatted(double value, std::optional<double> radix) {
  Result<std::string> result = FormatBase(value, radix);
  EXPECT_TRUE(result.ok()) << result.error().message();
  return result.ok() ? result.value() : "";
}

TEST(FormatBaseTest, DefaultsToDecimal) {
  EXPECT_EQ(Formatted(100, std::nullopt), "100");                            // 000
  EXPECT_EQ(Formatted(5890840712243076, std::nullopt), "5890840712243076");  // 008
  EXPECT_EQ(Formatted(1e21, std::nullopt), "1e+21");
}

TEST(FormatBaseTest, OtherRadixes) {
  EXPECT_EQ(Formatted(100, 2), "1100100");    // 002
  EXPECT_EQ(Formatted(-100, 2), "-1100100");  // 003
  EXPECT_EQ(Formatted(100, 36), "2s");        // 004
  EXPECT_EQ(Formatted(255, 16), "ff");
  EXPECT_EQ(Formatted(0, 7), "0");
}

TEST(FormatBaseTest, RoundsValueAndRadixHalfToEven) {
  EXPECT_EQ(Formatted(99.5, 2.5), "1100100");  // 005
}

TEST(FormatBaseTest, BeyondDoublePrecisionTheLowDigitsAreZero) {
  EXPECT_EQ(Formatted(1e20, 16), "56bc75e2d63100000");
}

TEST(FormatBaseTest, RadixOutOfRange) {
  for (double radix : {1.0, 37.0}) {  // 006, 007
    Result<std::string> result = FormatBase(100, radix);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().name(), "D3100");
  }
  EXPECT_EQ(FormatBase(100, 1).error().message(),
            "The radix of the formatBase function must be between 2 and 36.  It was given 1");
}

}  // namespace
}  // namespace stepwise::jsonata::format
