#include <gtest/gtest.h>

#include <string>

#include "asl/intrinsics/test_util.h"

namespace stepwise::asl {
namespace {

using testing::Eval;

std::string Split(std::string_view text, std::string_view delimiters) {
  return Eval("States.StringSplit($.s, $.d)",
              "{\"s\":" + std::string(text) + ",\"d\":" + std::string(delimiters) + "}");
}

TEST(StringSplitTest, SplitsOnACharacter) {
  // Recorded against AWS, and the guide's example.
  EXPECT_EQ(Split(R"("1,2,3,4,5")", R"(",")"), R"(["1","2","3","4","5"])");
  EXPECT_EQ(Eval("States.StringSplit($.csvString, ',')", R"({"csvString":"a,b,c,d,e"})"),
            R"(["a","b","c","d","e"])");
}

TEST(StringSplitTest, EveryDelimiterCharacterSplits) {
  // The guide's example, and one recorded against AWS.
  EXPECT_EQ(Split(R"("This.is+a,test=string")", R"(".+,=")"),
            R"(["This","is","a","test","string"])");
  EXPECT_EQ(Split(R"("split on T and \nnew line")", R"("T\n")"),
            R"(["split on "," and ","new line"])");
}

TEST(StringSplitTest, EmptyPiecesAreDropped) {
  // Recorded against AWS.
  EXPECT_EQ(Split(R"(",,,,")", R"(",")"), "[]");
  EXPECT_EQ(Split(R"(",a,,b,")", R"(",")"), R"(["a","b"])");
  EXPECT_EQ(Split(R"("")", R"(",")"), "[]");
}

TEST(StringSplitTest, NoDelimiters) {
  EXPECT_EQ(Split(R"("abc")", R"("")"), R"(["abc"])");
  EXPECT_EQ(Split(R"("")", R"("")"), "[]");
}

TEST(StringSplitTest, CharactersBeyondAscii) {
  EXPECT_EQ(Split(R"("aéb✓c🚀d")", R"("✓🚀")"), R"(["aéb","c","d"])");
  EXPECT_EQ(Split(R"("aéb")", R"("\u00e9")"), R"(["a","b"])");
}

TEST(StringSplitTest, ArgumentsMustBeStrings) {
  const std::string invalid =
      testing::InvalidArguments("States.StringSplit($.s, $.d)", "States.StringSplit");
  EXPECT_EQ(Split("123", R"(",")"), invalid);
  EXPECT_EQ(Split(R"("a,b")", "null"), invalid);
  EXPECT_EQ(Split(R"("a,b")", R"([","])"), invalid);
}

}  // namespace
}  // namespace stepwise::asl
