#include "tasks/text_excerpt.h"

#include <gtest/gtest.h>

#include <string>

namespace stepwise::tasks {
namespace {

TEST(ExcerptTest, ShortTextIsKeptWhole) {
  EXPECT_EQ(Excerpt("hello", 10, ExcerptEnd::kHead), "hello");
  EXPECT_EQ(Excerpt("hello", 5, ExcerptEnd::kTail), "hello");
  EXPECT_EQ(Excerpt("", 5, ExcerptEnd::kHead), "");
}

TEST(ExcerptTest, HeadAndTailAreMarkedWhereCut) {
  EXPECT_EQ(Excerpt("abcdefgh", 3, ExcerptEnd::kHead), "abc\xE2\x80\xA6");
  EXPECT_EQ(Excerpt("abcdefgh", 3, ExcerptEnd::kTail),
            "\xE2\x80\xA6"
            "fgh");
}

TEST(ExcerptTest, CutsFallOnCharacterBoundaries) {
  const std::string text = "a\xC3\xA9\xC3\xA9";  // "aéé": 1 + 2 + 2 bytes
  // Two bytes would split the first é: it is dropped whole.
  EXPECT_EQ(Excerpt(text, 2, ExcerptEnd::kHead), "a\xE2\x80\xA6");
  EXPECT_EQ(Excerpt(text, 3, ExcerptEnd::kHead), "a\xC3\xA9\xE2\x80\xA6");
  EXPECT_EQ(Excerpt(text, 3, ExcerptEnd::kTail), "\xE2\x80\xA6\xC3\xA9");
  const std::string emoji = "\xF0\x9F\x98\x80\xF0\x9F\x98\x80";  // two 4-byte characters
  EXPECT_EQ(Excerpt(emoji, 6, ExcerptEnd::kHead), "\xF0\x9F\x98\x80\xE2\x80\xA6");
  EXPECT_EQ(Excerpt(emoji, 6, ExcerptEnd::kTail), "\xE2\x80\xA6\xF0\x9F\x98\x80");
}

TEST(ExcerptTest, InvalidBytesBecomeReplacementCharacters) {
  EXPECT_EQ(Excerpt("a\xFF"
                    "b",
                    10, ExcerptEnd::kHead),
            "a\xEF\xBF\xBD"
            "b");
  // A lone continuation byte, an overlong '/', a surrogate, a truncated sequence.
  EXPECT_EQ(Excerpt("\x80", 10, ExcerptEnd::kHead), "\xEF\xBF\xBD");
  EXPECT_EQ(Excerpt("\xC0\xAF", 10, ExcerptEnd::kHead), "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(Excerpt("\xED\xA0\x80", 10, ExcerptEnd::kHead), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(Excerpt("x\xE2\x82", 10, ExcerptEnd::kHead), "x\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(TrimWhitespaceTest, TrimsBothEnds) {
  EXPECT_EQ(TrimWhitespace("  a b \n"), "a b");
  EXPECT_EQ(TrimWhitespace("\n\t "), "");
  EXPECT_EQ(TrimWhitespace(""), "");
  EXPECT_EQ(TrimWhitespace("x"), "x");
}

}  // namespace
}  // namespace stepwise::tasks
