#include "jsonata/format/integer_picture.h"

#include <cmath>
#include <string>

#include "gtest/gtest.h"

namespace stepwise::jsonata::format {
namespace {

// Cases from the official JSONata suite, groups function-formatInteger and
// function-parseInteger.

struct Case {
  double value;
  const char* picture;
  const char* text;
};

std::string Formatted(double value, const char* picture) {
  Result<std::string> result = FormatInteger(value, picture);
  EXPECT_TRUE(result.ok()) << picture << ": " << result.error().message();
  return result.ok() ? result.value() : "<error>";
}

double Parsed(const char* text, const char* picture) {
  Result<std::optional<double>> result = ParseInteger(text, picture);
  EXPECT_TRUE(result.ok()) << picture << ": " << result.error().message();
  return result.ok() && result.value() ? *result.value() : -1;
}

constexpr Case kDecimal[] = {
    {123, "000", "123"},
    {123, "0000", "0123"},
    {1234, "0", "1234"},
    {1234, "###0", "1234"},
    {12, "###0", "12"},
    {12340, "###١", "١٢٣٤٠"},
    {12340, "###０", "１２３４０"},
    {12, "#,##0", "12"},
    {1200, "#,##0", "1,200"},
    {12345678, "#,##0", "12,345,678"},
    {1234567890, "#,##0", "1,234,567,890"},
    {1234567890, "#,###,##0", "1,234,567,890"},
    {1234567890, "#:###,##0", "1234:567,890"},
    {1234567890, "##,##,##0", "12345,67,890"},
};

constexpr Case kOrdinals[] = {
    {123, "000;o", "123rd"},    {1, "0;o", "1st"},      {28, "#0;o", "28th"},
    {1234, "###0;o", "1234th"}, {12, "###0;o", "12th"},
};

constexpr Case kRomanAndLetters[] = {
    {1984, "I", "MCMLXXXIV"}, {99, "i", "xcix"}, {1, "A", "A"},    {12, "a", "l"},
    {26, "a", "z"},           {27, "a", "aa"},   {300, "A", "KN"}, {123456, "A", "FZPH"},
};

constexpr Case kWords[] = {
    {12, "w", "twelve"},
    {20, "w", "twenty"},
    {34, "w", "thirty-four"},
    {99, "W", "NINETY-NINE"},
    {100, "w", "one hundred"},
    {555, "W", "FIVE HUNDRED AND FIFTY-FIVE"},
    {555, "Ww", "Five Hundred and Fifty-Five"},
    {919, "w", "nine hundred and nineteen"},
    {730, "w", "seven hundred and thirty"},
    {1000, "w", "one thousand"},
    {3730, "w", "three thousand, seven hundred and thirty"},
    {327730, "w", "three hundred and twenty-seven thousand, seven hundred and thirty"},
    {4327730, "w",
     "four million, three hundred and twenty-seven thousand, seven hundred and thirty"},
    {1000000000001, "w", "one trillion and one"},
    {1234567890123, "w",
     "one trillion, two hundred and thirty-four billion, five hundred and sixty-seven million, "
     "eight hundred and ninety thousand, one hundred and twenty-three"},
    {1000000000000000, "w", "one thousand trillion"},
    {1e46, "w", "ten billion trillion trillion trillion"},
};

constexpr Case kOrdinalWords[] = {
    {12, "w;o", "twelfth"},
    {20, "w;o", "twentieth"},
    {34, "w;o", "thirty-fourth"},
    {99, "W;o", "NINETY-NINTH"},
    {100, "w;o", "one hundredth"},
    {555, "W;o", "FIVE HUNDRED AND FIFTY-FIFTH"},
    {919, "w;o", "nine hundred and nineteenth"},
    {730, "w;o", "seven hundred and thirtieth"},
    {1000, "w;o", "one thousandth"},
    {3731, "w;o", "three thousand, seven hundred and thirty-first"},
    {327713, "w;o", "three hundred and twenty-seven thousand, seven hundred and thirteenth"},
    {4327732, "w;o",
     "four million, three hundred and twenty-seven thousand, seven hundred and thirty-second"},
    {1000000000001, "w;o", "one trillion and first"},
};

TEST(FormatIntegerTest, DecimalPatterns) {
  for (const Case& c : kDecimal) EXPECT_EQ(Formatted(c.value, c.picture), c.text) << c.picture;
  EXPECT_EQ(Formatted(-3, "0000"), "-0003");
  EXPECT_EQ(Formatted(1234, "0;c"), "1234");
  EXPECT_EQ(Formatted(12.6, "###0"), "12");  // rounded down
}

TEST(FormatIntegerTest, Ordinals) {
  for (const Case& c : kOrdinals) EXPECT_EQ(Formatted(c.value, c.picture), c.text) << c.picture;
}

TEST(FormatIntegerTest, RomanNumeralsAndLetters) {
  for (const Case& c : kRomanAndLetters) {
    EXPECT_EQ(Formatted(c.value, c.picture), c.text) << c.picture;
  }
  EXPECT_EQ(Formatted(0, "I"), "");
}

TEST(FormatIntegerTest, Words) {
  for (const Case& c : kWords) EXPECT_EQ(Formatted(c.value, c.picture), c.text) << c.value;
  EXPECT_EQ(Formatted(1234567890123456, "w"),
            "one thousand, two hundred and thirty-four trillion, five hundred and sixty-seven "
            "billion, eight hundred and ninety million, one hundred and twenty-three thousand, "
            "four hundred and fifty-six");
}

TEST(FormatIntegerTest, OrdinalWords) {
  for (const Case& c : kOrdinalWords) EXPECT_EQ(Formatted(c.value, c.picture), c.text) << c.value;
}

TEST(FormatIntegerTest, MixedDigitFamiliesAreAnError) {
  Result<std::string> result = FormatInteger(12340, "##0０");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().name(), "D3131");
  EXPECT_EQ(result.error().message(),
            "In a decimal digit pattern, all digits must be from the same decimal group");
}

TEST(FormatIntegerTest, NumberingSequencesAreUnsupported) {
  Result<std::string> result = FormatInteger(123456, "α");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().name(), "D3130");
  EXPECT_EQ(result.error().message(),
            "Formatting or parsing an integer as a sequence starting with \"α\" is not supported "
            "by this implementation");
}

TEST(ParseIntegerTest, DecimalPatterns) {
  for (const Case& c : kDecimal) EXPECT_EQ(Parsed(c.text, c.picture), c.value) << c.picture;
  EXPECT_EQ(Parsed("0123", "0000"), 123);
  EXPECT_EQ(Parsed("123", "000"), 123);
}

TEST(ParseIntegerTest, Ordinals) {
  for (const Case& c : kOrdinals) EXPECT_EQ(Parsed(c.text, c.picture), c.value) << c.picture;
}

TEST(ParseIntegerTest, RomanNumeralsAndLetters) {
  for (const Case& c : kRomanAndLetters) EXPECT_EQ(Parsed(c.text, c.picture), c.value) << c.text;
  EXPECT_EQ(Parsed("", "I"), 0);
}

TEST(ParseIntegerTest, Words) {
  for (const Case& c : kWords) EXPECT_EQ(Parsed(c.text, c.picture), c.value) << c.text;
  EXPECT_EQ(Parsed("Seven Hundred and Thirty-Third", "Ww;o"), 733);
}

TEST(ParseIntegerTest, OrdinalWords) {
  for (const Case& c : kOrdinalWords) EXPECT_EQ(Parsed(c.text, c.picture), c.value) << c.text;
}

TEST(ParseIntegerTest, UnreadableTextIsNaN) {
  EXPECT_TRUE(std::isnan(Parsed("twelve and a half", "w")));
  EXPECT_TRUE(std::isnan(Parsed("MCMZ", "I")));
  EXPECT_TRUE(std::isnan(Parsed("abc", "0")));
}

TEST(ParseIntegerTest, NumberingSequencesAreUnsupported) {
  Result<std::optional<double>> result = ParseInteger("50", "#");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().name(), "D3130");
}

}  // namespace
}  // namespace stepwise::jsonata::format
