#include <gtest/gtest.h>

#include <string>

#include "asl/intrinsics/test_util.h"

namespace stepwise::asl {
namespace {

using testing::Eval;

std::string Decode(std::string_view base64) {
  return Eval("States.Base64Decode($.s)", "{\"s\":\"" + std::string(base64) + "\"}");
}

TEST(Base64DecodeTest, Decodes) {
  // Recorded against AWS, and the guide's example.
  EXPECT_EQ(Decode(""), R"("")");
  EXPECT_EQ(Decode("RGF0YSB0byBlbmNvZGU="), R"("Data to encode")");
  EXPECT_EQ(Decode("SGVsbG8gV29ybGQ="), R"("Hello World")");
  EXPECT_EQ(Eval("States.Base64Decode('aGVsbG8=')"), R"("hello")");
}

TEST(Base64DecodeTest, DecodesUtf8) {
  EXPECT_EQ(Decode("4pyT"), R"("✓")");
  EXPECT_EQ(Decode("44GT44KT44Gr44Gh44Gv"), R"("こんにちは")");
  EXPECT_EQ(Decode("YWJjAGRlZg=="), R"("abc\u0000def")");
}

TEST(Base64DecodeTest, RoundTripsEncode) {
  EXPECT_EQ(Eval("States.Base64Decode(States.Base64Encode($.s))", R"({"s":"any text ✓"})"),
            R"("any text ✓")");
}

TEST(Base64DecodeTest, DecodesLenientlyAsMimeDecodersDo) {
  // Observed on AWS: none of these fail.
  EXPECT_EQ(Decode(" YWJjZA== "), R"("abcd")");
  EXPECT_EQ(Decode("YWJj\\r\\nZA=="), R"("abcd")");
  EXPECT_EQ(Decode("YWJjZA"), R"("abcd")");
  EXPECT_EQ(Decode("YWI=trailing"), R"("ab")");
  EXPECT_EQ(Decode("Y"), R"("")");
  EXPECT_EQ(Decode("!!!"), R"("")");
}

TEST(Base64DecodeTest, UrlSafeAlphabet) {
  // "-_8=" decodes like "+/8=": 0xFB 0xFF, two bytes that are not UTF-8.
  EXPECT_EQ(Decode("-_8="), Decode("+/8="));
  EXPECT_EQ(Decode("-_8="), "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");
}

TEST(Base64DecodeTest, BytesThatAreNotUtf8BecomeReplacementCharacters) {
  // "abc" decodes to 0x69 0xB7: 'i' and a stray continuation byte.
  EXPECT_EQ(Decode("abc"), "\"i\xEF\xBF\xBD\"");
  EXPECT_EQ(Decode("/w=="), "\"\xEF\xBF\xBD\"");
}

TEST(Base64DecodeTest, AtMostTenThousandCharacters) {
  EXPECT_NE(Decode(std::string(10000, 'A')).substr(0, 5), "State");
  EXPECT_EQ(Decode(std::string(10001, 'A')),
            testing::InvalidArguments("States.Base64Decode($.s)", "States.Base64Decode"));
}

TEST(Base64DecodeTest, ArgumentMustBeAString) {
  EXPECT_EQ(Eval("States.Base64Decode($.s)", R"({"s":{}})"),
            testing::InvalidArguments("States.Base64Decode($.s)", "States.Base64Decode"));
}

}  // namespace
}  // namespace stepwise::asl
