#include "jsonpath/regex.h"

#include <gtest/gtest.h>

#include <string>

namespace stepwise::jsonpath {
namespace {

bool Matches(std::string_view pattern, std::string_view text, uint32_t flags = 0) {
  Result<Regex> regex = Regex::Compile(pattern, flags);
  if (!regex.ok()) {
    ADD_FAILURE() << "did not compile: " << regex.error().message();
    return false;
  }
  return regex.value().FullMatch(text);
}

std::string CompileError(std::string_view pattern) {
  Result<Regex> regex = Regex::Compile(pattern);
  if (regex.ok()) return "compiled";
  EXPECT_EQ(regex.error().name(), "InvalidRegex");
  return regex.error().message();
}

TEST(RegexTest, MatchesTheWholeTextOnly) {
  // Java's Matcher.matches(), which Jayway's =~ uses.
  EXPECT_TRUE(Matches("abc", "abc"));
  EXPECT_FALSE(Matches("b", "abc"));
  EXPECT_FALSE(Matches("ab", "abc"));
  EXPECT_TRUE(Matches(".*b.*", "abc"));
  EXPECT_TRUE(Matches("", ""));
  EXPECT_FALSE(Matches("", "a"));
}

TEST(RegexTest, EscapedCharacters) {
  EXPECT_TRUE(Matches(R"(a\.b)", "a.b"));
  EXPECT_FALSE(Matches(R"(a\.b)", "axb"));
  EXPECT_TRUE(Matches(R"(\t\n\x41\u00e9\\)", "\t\nAé\\"));
  EXPECT_TRUE(Matches(R"(\ud83d\ude00)", "😀"));
  EXPECT_TRUE(Matches(R"(\0101)", "A"));
}

TEST(RegexTest, ShorthandClasses) {
  EXPECT_TRUE(Matches(R"(\d+)", "2024"));
  EXPECT_FALSE(Matches(R"(\d+)", "20a4"));
  EXPECT_TRUE(Matches(R"(\w+)", "snake_Case9"));
  EXPECT_TRUE(Matches(R"(a\sb)", "a\tb"));
  EXPECT_TRUE(Matches(R"(\D\W\S)", "a-b"));
}

TEST(RegexTest, CharacterClasses) {
  EXPECT_TRUE(Matches("[a-c]+", "abcba"));
  EXPECT_FALSE(Matches("[a-c]+", "abd"));
  EXPECT_TRUE(Matches("[^0-9]+", "abc"));
  EXPECT_FALSE(Matches("[^0-9]+", "a1"));
  EXPECT_TRUE(Matches("[]a]+", "]a]"));
  EXPECT_TRUE(Matches("[a-]+", "-a-"));
  EXPECT_TRUE(Matches(R"([\d_]+)", "1_2"));
  EXPECT_TRUE(Matches("[é-ë]", "ê"));
}

TEST(RegexTest, GroupsAndAlternation) {
  EXPECT_TRUE(Matches("(ab|cd)+", "abcdab"));
  EXPECT_FALSE(Matches("(ab|cd)+", "abc"));
  EXPECT_TRUE(Matches("(?:x|y)z", "yz"));
  EXPECT_TRUE(Matches("a|", ""));
  EXPECT_TRUE(Matches("red|green|blue", "green"));
}

TEST(RegexTest, Quantifiers) {
  EXPECT_TRUE(Matches("a{3}", "aaa"));
  EXPECT_FALSE(Matches("a{3}", "aa"));
  EXPECT_TRUE(Matches("a{2,}", "aaaaa"));
  EXPECT_FALSE(Matches("a{2,}", "a"));
  EXPECT_TRUE(Matches("a{1,2}b", "aab"));
  EXPECT_FALSE(Matches("a{1,2}b", "aaab"));
  EXPECT_TRUE(Matches("colou?r", "color"));
  EXPECT_TRUE(Matches("a+?b*?", "aab"));
}

TEST(RegexTest, Anchors) {
  EXPECT_TRUE(Matches("^abc$", "abc"));
  EXPECT_TRUE(Matches(R"(.*\bfoo\b.*)", "a foo b"));
  EXPECT_FALSE(Matches(R"(.*\bfoo\b.*)", "afoob"));
  EXPECT_TRUE(Matches(R"(\Aab\z)", "ab"));
  EXPECT_TRUE(Matches("a$\n", "a\n"));  // Java's $ also matches before a final line break
}

TEST(RegexTest, DotStopsAtLineBreaksUnlessMultilineAnchorsAllowThem) {
  EXPECT_FALSE(Matches(".*", "a\nb"));
  EXPECT_FALSE(Matches("a\n^b", "a\nb"));
  EXPECT_TRUE(Matches("a$\n^b", "a\nb", Regex::kMultiline));
}

TEST(RegexTest, IgnoreCaseFoldsAsciiOnly) {
  EXPECT_TRUE(Matches("rees", "REES", Regex::kIgnoreCase));
  EXPECT_TRUE(Matches("[a-z]+", "ABC", Regex::kIgnoreCase));
  EXPECT_FALSE(Matches("[^a]", "A", Regex::kIgnoreCase));
  EXPECT_FALSE(Matches("é", "É", Regex::kIgnoreCase));
}

TEST(RegexTest, MatchesByCodePoint) {
  EXPECT_TRUE(Matches("^.$", "é"));
  EXPECT_TRUE(Matches("..", "名前"));
}

TEST(RegexTest, CompileErrors) {
  EXPECT_EQ(CompileError("("), "Unclosed group at position 1");
  EXPECT_EQ(CompileError(")"), "Unmatched ')' at position 1");
  EXPECT_EQ(CompileError("*a"), "Dangling quantifier '*' at position 1");
  EXPECT_EQ(CompileError("a**"), "Dangling quantifier '*' at position 3");
  EXPECT_EQ(CompileError("a{2,1}"), "Invalid repetition range at position 2");
  EXPECT_EQ(CompileError("a{x}"), "Invalid repetition at position 2");
  EXPECT_EQ(CompileError("a++"), "Possessive quantifiers are not supported at position 3");
  EXPECT_EQ(CompileError(R"((a)\1)"), "Backreferences are not supported at position 4");
  EXPECT_EQ(CompileError("(?=a)"), "Only (?:...) groups are supported at position 2");
  EXPECT_EQ(CompileError("[a"), "Unclosed character class at position 1");
  EXPECT_EQ(CompileError("[b-a]"), "Invalid class range at position 2");
  EXPECT_EQ(CompileError("[a[b]]"), "Nested character classes are not supported at position 3");
  EXPECT_EQ(CompileError(R"(\p{L})"), R"(Unicode classes \p{...} are not supported at position 1)");
  EXPECT_EQ(CompileError(R"(\q)"), R"(Unsupported escape '\q' at position 1)");
  EXPECT_EQ(CompileError("a\\"), "Trailing backslash at position 2");
  EXPECT_EQ(CompileError("a{1001}"), "Repetition count above 1000 at position 2");
}

TEST(RegexTest, ProgramSizeAndNestingAreBounded) {
  EXPECT_EQ(CompileError("(a{1000}){1000}"),
            "Regular expression too large (more than 2000 instructions) at position 1");
  EXPECT_EQ(CompileError("((){1000}){1000}"),
            "Regular expression too large (more than 2000 instructions) at position 1");
  EXPECT_EQ(CompileError(std::string(65, '(') + std::string(65, ')')),
            "Groups nested more than 64 deep at position 65");
  EXPECT_EQ(CompileError(std::string(64, '(') + std::string(64, ')')), "compiled");
}

TEST(RegexTest, PathologicalPatternsRunInLinearTime) {
  // A backtracking engine takes exponential time here; the NFA simulation does not.
  std::string text(100000, 'a');
  EXPECT_FALSE(Matches("(a*)*b", text));
  EXPECT_FALSE(Matches("(a|aa)*c", text));
  EXPECT_TRUE(Matches("(a|aa)*", text));
}

TEST(RegexTest, LongTextsDoNotUseTheCallStack) {
  EXPECT_TRUE(Matches(".*", std::string(300 * 1024, 'x')));
  EXPECT_TRUE(Matches("(x|y)*", std::string(300 * 1024, 'x')));
}

TEST(RegexTest, InvalidUtf8IsOneCharacterPerByte) {
  EXPECT_TRUE(Matches("a.b",
                      "a\xFF"
                      "b"));
  EXPECT_TRUE(Matches("a..b",
                      "a\xC3\x28"
                      "b"));
}

}  // namespace
}  // namespace stepwise::jsonpath
