#include "asl/intrinsics/format_template.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace stepwise::asl::detail {
namespace {

using Pieces = std::vector<std::string>;

TEST(FormatTemplateTest, SplitsAtPlaceholders) {
  const FormatTemplate format = FormatTemplateFromValue("Hello {}, you are {}.");
  EXPECT_FALSE(format.error);
  EXPECT_EQ(format.pieces, (Pieces{"Hello ", ", you are ", "."}));
  EXPECT_EQ(format.placeholders(), 2u);
}

TEST(FormatTemplateTest, NoPlaceholders) {
  EXPECT_EQ(FormatTemplateFromValue("plain").pieces, (Pieces{"plain"}));
  EXPECT_EQ(FormatTemplateFromValue("").pieces, (Pieces{""}));
}

TEST(FormatTemplateTest, AdjacentPlaceholders) {
  EXPECT_EQ(FormatTemplateFromValue("{}{}").pieces, (Pieces{"", "", ""}));
}

TEST(FormatTemplateTest, EscapedBracesAreText) {
  EXPECT_EQ(FormatTemplateFromValue(R"(\{\} \\{})").pieces, (Pieces{R"({} \)", ""}));
}

TEST(FormatTemplateTest, OtherBackslashesInAValueAreText) {
  EXPECT_EQ(FormatTemplateFromValue(R"(C:\temp\{\})").pieces, (Pieces{R"(C:\temp{})"}));
}

TEST(FormatTemplateTest, LoneBracesAreErrors) {
  EXPECT_EQ(FormatTemplateFromValue("Hello {").error, "matching '}' not found for '{'.");
  EXPECT_EQ(FormatTemplateFromValue("Hello {x}").error, "matching '}' not found for '{'.");
  EXPECT_EQ(FormatTemplateFromValue("Hello {{}}").error, "matching '}' not found for '{'.");
  EXPECT_EQ(FormatTemplateFromValue("}").error, "matching '{' not found for '}'.");
}

TEST(FormatTemplateTest, LiteralKnowsWhichBracesWereEscaped) {
  // 'a\{}{}' decodes to "a{}{}" with only the last two braces unescaped.
  const std::vector<size_t> unescaped = {3, 4};
  const FormatTemplate format = FormatTemplateFromLiteral("a{}{}", unescaped);
  EXPECT_FALSE(format.error);
  EXPECT_EQ(format.pieces, (Pieces{"a{}", ""}));
}

TEST(FormatTemplateTest, LiteralWithAnEscapedClosingBrace) {
  // '{\}' is an opening brace without its match.
  const std::vector<size_t> unescaped = {0};
  EXPECT_EQ(FormatTemplateFromLiteral("{}", unescaped).error, "matching '}' not found for '{'.");
}

}  // namespace
}  // namespace stepwise::asl::detail
