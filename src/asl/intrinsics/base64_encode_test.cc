#include <gtest/gtest.h>

#include <string>

#include "asl/intrinsics/test_util.h"

namespace stepwise::asl {
namespace {

using testing::Eval;

std::string Encode(std::string_view text_as_json_string) {
  return Eval("States.Base64Encode($.s)",
              std::string(R"({"s":)") + std::string(text_as_json_string) + "}");
}

TEST(Base64EncodeTest, Encodes) {
  // Recorded against AWS.
  EXPECT_EQ(Encode(R"("Data to encode")"), R"("RGF0YSB0byBlbmNvZGU=")");
  EXPECT_EQ(Encode(R"("")"), R"("")");
  EXPECT_EQ(Encode(R"("Hello World")"), R"("SGVsbG8gV29ybGQ=")");
}

TEST(Base64EncodeTest, Padding) {
  EXPECT_EQ(Eval("States.Base64Encode('a')"), R"("YQ==")");
  EXPECT_EQ(Eval("States.Base64Encode('ab')"), R"("YWI=")");
  EXPECT_EQ(Eval("States.Base64Encode('abc')"), R"("YWJj")");
}

TEST(Base64EncodeTest, EncodesUtf8Bytes) {
  EXPECT_EQ(Encode(R"("✓")"), R"("4pyT")");
  EXPECT_EQ(Encode(R"("\ud83d\ude80")"), R"("8J+agA==")");
  EXPECT_EQ(Encode(R"("abc\u0000def")"), R"("YWJjAGRlZg==")");
}

TEST(Base64EncodeTest, LongOutputStaysOnOneLine) {
  const std::string result = Encode("\"" + std::string(100, 'a') + "\"");
  EXPECT_EQ(result.find("\\n"), std::string::npos);
  EXPECT_EQ(result.size(), 2 + 136u);
}

TEST(Base64EncodeTest, AtMostTenThousandCharacters) {
  EXPECT_NE(Encode("\"" + std::string(10000, 'a') + "\"").substr(0, 5), "State");
  EXPECT_EQ(Encode("\"" + std::string(10001, 'a') + "\""),
            testing::InvalidArguments("States.Base64Encode($.s)", "States.Base64Encode"));
}

TEST(Base64EncodeTest, CharactersCountAsJavaCountsThem) {
  // U+1F680 is two UTF-16 code units: 5,000 of them make 10,000 characters.
  std::string rockets;
  for (int i = 0; i < 5000; ++i) rockets += "\xF0\x9F\x9A\x80";
  EXPECT_NE(Encode("\"" + rockets + "\"").substr(0, 5), "State");
  EXPECT_EQ(Encode("\"" + rockets + "a\""),
            testing::InvalidArguments("States.Base64Encode($.s)", "States.Base64Encode"));
}

TEST(Base64EncodeTest, ArgumentMustBeAString) {
  EXPECT_EQ(Encode("123"),
            testing::InvalidArguments("States.Base64Encode($.s)", "States.Base64Encode"));
  EXPECT_EQ(testing::CompileError("States.Base64Encode(123)"),
            "Argument 1 of States.Base64Encode must be a string, not a number at position 21 in "
            "'States.Base64Encode(123)'");
}

}  // namespace
}  // namespace stepwise::asl
