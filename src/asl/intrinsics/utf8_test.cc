#include "asl/intrinsics/utf8.h"

#include <gtest/gtest.h>

namespace stepwise::asl::detail {
namespace {

TEST(Utf16LengthTest, CountsAsJavaDoes) {
  EXPECT_EQ(Utf16Length(""), 0u);
  EXPECT_EQ(Utf16Length("abc"), 3u);
  EXPECT_EQ(Utf16Length("é✓"), 2u);
  EXPECT_EQ(Utf16Length("\xF0\x9F\x9A\x80"), 2u);  // U+1F680, a surrogate pair in Java
  EXPECT_EQ(Utf16Length("\xFF\xC3"), 2u);          // invalid bytes count one each
}

TEST(NextCodePointTest, Decodes) {
  const std::string_view text = "a\xC3\xA9\xE2\x9C\x93\xF0\x9F\x9A\x80";
  size_t offset = 0;
  EXPECT_EQ(NextCodePoint(text, &offset), 0x61u);
  EXPECT_EQ(NextCodePoint(text, &offset), 0xE9u);
  EXPECT_EQ(NextCodePoint(text, &offset), 0x2713u);
  EXPECT_EQ(NextCodePoint(text, &offset), 0x1F680u);
  EXPECT_EQ(offset, text.size());
}

TEST(NextCodePointTest, InvalidBytesStandAlone) {
  const std::string_view text = "\xC3(\xED\xA0\x80";  // truncated é, then an encoded surrogate
  size_t offset = 0;
  EXPECT_EQ(NextCodePoint(text, &offset), kInvalidByteBase + 0xC3);
  EXPECT_EQ(NextCodePoint(text, &offset), uint32_t{'('});
  EXPECT_EQ(NextCodePoint(text, &offset), kInvalidByteBase + 0xED);
  EXPECT_EQ(offset, 3u);
}

TEST(ToValidUtf8Test, KeepsValidText) {
  EXPECT_EQ(ToValidUtf8("plain é ✓ \xF0\x9F\x9A\x80"), "plain é ✓ \xF0\x9F\x9A\x80");
}

TEST(ToValidUtf8Test, ReplacesEachBrokenSequenceOnce) {
  EXPECT_EQ(ToValidUtf8("a\xFF"
                        "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(ToValidUtf8("\xE2\x9C"), "\xEF\xBF\xBD");  // truncated: one replacement
  EXPECT_EQ(ToValidUtf8("\xE2\x9C"
                        "a"),
            "\xEF\xBF\xBD"
            "a");
  EXPECT_EQ(ToValidUtf8("\xC0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong: byte by byte
  EXPECT_EQ(ToValidUtf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

}  // namespace
}  // namespace stepwise::asl::detail
