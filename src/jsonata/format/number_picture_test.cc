#include "jsonata/format/number_picture.h"

#include <string>

#include "gtest/gtest.h"

namespace stepwise::jsonata::format {
namespace {

// Cases from the official JSONata suite, group function-formatNumber (case numbers in comments).

struct Case {
  double value;
  const char* picture;
  const char* expected;
};

void ExpectFormats(const Case& c, const DecimalFormat& format = {}) {
  SCOPED_TRACE(c.picture);
  Result<std::string> result = FormatNumber(c.value, c.picture, format);
  ASSERT_TRUE(result.ok()) << result.error().name() << ": " << result.error().message();
  EXPECT_EQ(result.value(), c.expected);
}

void ExpectError(double value, const char* picture, const char* code) {
  SCOPED_TRACE(picture);
  Result<std::string> result = FormatNumber(value, picture, DecimalFormat{});
  ASSERT_FALSE(result.ok()) << result.value();
  EXPECT_EQ(result.error().name(), code);
}

TEST(FormatNumberTest, GroupingAndFractionDigits) {
  for (const Case& c : {
           Case{12345.6, "#,###.00", "12,345.60"},                  // 000
           Case{12345678.9, "9,999.99", "12,345,678.90"},           // 001
           Case{123412345678.9, "9,9,99.99", "123412345,6,78.90"},  // 002
           Case{1234.56789, "9,999.999,999", "1,234.567,890"},      // 003
           Case{123.9, "9999", "0124"},                             // 004
           Case{-6, "000", "-006"},                                 // 008
           Case{2, "000.000", "002.000"},                           // 033
           Case{1e20, "#,######", "100,000000,000000,000000"},      // 018
       }) {
    ExpectFormats(c);
  }
}

TEST(FormatNumberTest, PercentAndPerMille) {
  ExpectFormats({0.14, "01%", "14%"});            // 005
  ExpectFormats({0.4857, "###.###‰", "485.7‰"});  // 006
  DecimalFormat format;
  format.per_mille = "pm";
  ExpectFormats({0.14, "###pm", "140pm"}, format);  // 007
}

TEST(FormatNumberTest, ExponentNotation) {
  for (const Case& c : {
           Case{1234.5678, "00.000e0", "12.346e2"},      // 009
           Case{1234.5678, "00.000e000", "12.346e002"},  // 010
           Case{0.234, "0.0e0", "2.3e-1"},               // 012
           Case{0.234, "#.00e0", "0.23e0"},              // 013
           Case{0.123, "#.e9", "0.1e0"},                 // 014
           Case{0.234, ".00e0", ".23e0"},                // 015
           Case{0, "0e0", "0e0"},                        // 037
           Case{-42, "0e0", "-4e1"},                     // 038
           Case{42, "0e0", "4e1"},                       // 039
           Case{0, "0.00e0", "0.00e0"},                  // 040
       }) {
    ExpectFormats(c);
  }
}

TEST(FormatNumberTest, NegativeSubPictureAndPassiveText) {
  ExpectFormats({2392.14 * (-36.58), "000,000.000###;###,###.000###", "87,504.4812"});  // 016
  ExpectFormats({2.14 * 86.58, "PREFIX##00.000###SUFFIX", "PREFIX185.2812SUFFIX"});     // 017
}

TEST(FormatNumberTest, OtherDigitFamilies) {
  DecimalFormat circled;
  circled.zero_digit = "⑟";
  ExpectFormats({1234.5678, "①①.①①①e①", "①②.③④⑥e②"}, circled);  // 011
  DecimalFormat letters;
  letters.zero_digit = "A";
  ExpectFormats({2, "AAA.AAA", "AAC.AAA"}, letters);  // 034
  ExpectFormats({0.1, "AeAAA", "Be-AAB"}, letters);   // 035
}

TEST(FormatNumberTest, InvalidPictures) {
  ExpectError(20, "#;#;#", "D3080");     // 019
  ExpectError(20, "#.0.0", "D3081");     // 020
  ExpectError(20, "#0%%", "D3082");      // 021
  ExpectError(20, "#0‰‰", "D3083");      // 022
  ExpectError(20, "#0%‰", "D3084");      // 023
  ExpectError(20, ".e0", "D3085");       // 024
  ExpectError(20, "0+.e0", "D3086");     // 025
  ExpectError(20, "0,.e0", "D3087");     // 026
  ExpectError(20, "0,", "D3088");        // 027
  ExpectError(20, "0,,0", "D3089");      // 028
  ExpectError(20, "0#.e0", "D3090");     // 029
  ExpectError(20, "#0.#0e0", "D3091");   // 030
  ExpectError(20, "#0.0e0%", "D3092");   // 031
  ExpectError(20, "#0.0e0,0", "D3093");  // 032
}

TEST(FormatNumberTest, PicturesWithoutActiveCharactersReportTheLastRuleBroken) {
  ExpectError(42, "%%", "D3086");   // 041
  ExpectError(42, "‰‰", "D3086");   // 042
  ExpectError(42, "%‰", "D3086");   // 043
  ExpectError(42, "---", "D3086");  // 044
}

TEST(FormatNumberTest, ErrorMessagesAreTheReferences) {
  Result<std::string> result = FormatNumber(20, "#;#;#", DecimalFormat{});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message(),
            "The picture string must only contain a maximum of two sub-pictures");
}

TEST(FormatNumberTest, RoundsHalfToEvenOnTheDecimalText) {
  ExpectFormats({2.5, "0", "2"});
  ExpectFormats({3.5, "0", "4"});
  ExpectFormats({2.675, "0.00", "2.68"});
  ExpectFormats({-0.0001, "0.00", "-0.00"});
}

}  // namespace
}  // namespace stepwise::jsonata::format
