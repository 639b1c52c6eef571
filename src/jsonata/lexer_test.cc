#include "jsonata/lexer.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace stepwise::jsonata {
namespace {

// Every token of text, lexed with the given meaning of '/', up to and excluding the end.
std::vector<Token> LexAll(std::string_view text, SlashMeaning slash = SlashMeaning::kDivide) {
  Lexer lexer(text);
  std::vector<Token> tokens;
  for (;;) {
    Result<Token> token = lexer.Next(slash);
    EXPECT_TRUE(token.ok()) << token.error().message();
    if (!token.ok() || token.value().kind == TokenKind::kEnd) return tokens;
    tokens.push_back(token.release_value());
  }
}

// The error the first failing Next reports.
ParseError LexError(std::string_view text, SlashMeaning slash = SlashMeaning::kRegex) {
  Lexer lexer(text);
  for (int i = 0; i < 100; ++i) {
    Result<Token> token = lexer.Next(slash);
    if (!token.ok()) {
      EXPECT_EQ(token.error().name(), lexer.last_error().code);
      return lexer.last_error();
    }
    if (token.value().kind == TokenKind::kEnd) break;
  }
  ADD_FAILURE() << "no error lexing " << text;
  return ParseError();
}

TEST(LexerTest, NumbersFollowJsonGrammar) {
  std::vector<Token> tokens = LexAll("0 12 3.25 1e3 2.5E-2 7e+1");
  ASSERT_EQ(tokens.size(), 6u);
  EXPECT_EQ(tokens[0].number, 0);
  EXPECT_EQ(tokens[1].number, 12);
  EXPECT_EQ(tokens[2].number, 3.25);
  EXPECT_EQ(tokens[3].number, 1000);
  EXPECT_EQ(tokens[4].number, 0.025);
  EXPECT_EQ(tokens[5].number, 70);
  for (const Token& token : tokens) EXPECT_EQ(token.kind, TokenKind::kNumber);
}

TEST(LexerTest, MinusIsAnOperatorBeforeANumber) {
  std::vector<Token> tokens = LexAll("-1");
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_TRUE(tokens[0].IsOperator("-"));
  EXPECT_EQ(tokens[1].number, 1);
}

TEST(LexerTest, NumberStopsWhereTheGrammarStops) {
  // A leading zero ends the number, "1." leaves the dot, and "1e" leaves a name "e".
  std::vector<Token> tokens = LexAll("01 1.x 1e");
  ASSERT_EQ(tokens.size(), 7u);
  EXPECT_EQ(tokens[0].number, 0);
  EXPECT_EQ(tokens[1].number, 1);
  EXPECT_EQ(tokens[2].number, 1);
  EXPECT_TRUE(tokens[3].IsOperator("."));
  EXPECT_EQ(tokens[4].text, "x");
  EXPECT_EQ(tokens[5].number, 1);
  EXPECT_EQ(tokens[6].kind, TokenKind::kName);
  EXPECT_EQ(tokens[6].text, "e");
}

TEST(LexerTest, NumberOutOfRangeIsS0102AtItsStart) {
  ParseError error = LexError("1 + 10e1000");
  EXPECT_EQ(error.code, "S0102");
  EXPECT_EQ(error.position, 4u);
  EXPECT_EQ(error.message, "Number out of range: \"10e1000\"");
}

TEST(LexerTest, TinyNumbersUnderflowWithoutError) {
  std::vector<Token> tokens = LexAll("1e-400 5e-324");
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].number, 0);
  EXPECT_GT(tokens[1].number, 0);
}

TEST(LexerTest, StringsTakeEitherQuoteAndJsonEscapes) {
  std::vector<Token> ok = LexAll(R"("a\"b" 'it''s' "\\\/\b\f\n\r\t")");
  ASSERT_EQ(ok.size(), 4u);
  EXPECT_EQ(ok[0].kind, TokenKind::kString);
  EXPECT_EQ(ok[0].text, "a\"b");
  EXPECT_EQ(ok[1].text, "it");
  EXPECT_EQ(ok[2].text, "s");
  EXPECT_EQ(ok[3].text, "\\/\b\f\n\r\t");
}

TEST(LexerTest, SingleQuoteEscapeIsUnsupported) {
  ParseError error = LexError(R"('it\'s')");
  EXPECT_EQ(error.code, "S0103");
  EXPECT_EQ(error.position, 4u);
  EXPECT_EQ(error.message, "Unsupported escape sequence: \\\"'\"");
}

TEST(LexerTest, UnicodeEscapesDecodeToUtf8) {
  std::vector<Token> tokens = LexAll(R"("\u0041\u00e9\u20AC")");
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].text, "A\xC3\xA9\xE2\x82\xAC");
}

TEST(LexerTest, SurrogatePairEscapesFormOneCodePoint) {
  std::vector<Token> tokens = LexAll(R"("\uD834\uDD1E")");
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].text, "\xF0\x9D\x84\x9E");  // U+1D11E
}

TEST(LexerTest, LoneSurrogateEscapeBecomesReplacementCharacter) {
  std::vector<Token> tokens = LexAll(R"("\uD800x" "\uDC00")");
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].text, "\xEF\xBF\xBDx");
  EXPECT_EQ(tokens[1].text, "\xEF\xBF\xBD");
}

TEST(LexerTest, UnterminatedStringIsS0101AtTheEnd) {
  ParseError error = LexError("\"no closing quote");
  EXPECT_EQ(error.code, "S0101");
  EXPECT_EQ(error.position, 17u);
  EXPECT_EQ(error.message, "String literal must be terminated by a matching quote");
}

TEST(LexerTest, BadUnicodeEscapeIsS0104AtTheU) {
  ParseError error = LexError(R"("\u123t")");
  EXPECT_EQ(error.code, "S0104");
  EXPECT_EQ(error.position, 2u);
}

TEST(LexerTest, TruncatedUnicodeEscapeAtTheEndIsS0101PastTheEnd) {
  // As in the reference: up to four hex digits at the end pass, and the position jumps past the
  // end of the input.
  ParseError error = LexError(R"("\u12)");
  EXPECT_EQ(error.code, "S0101");
  EXPECT_EQ(error.position, 7u);
}

TEST(LexerTest, BackslashAtTheEndIsS0103WithAnEmptyToken) {
  ParseError error = LexError("\"abc\\");
  EXPECT_EQ(error.code, "S0103");
  EXPECT_EQ(error.token, "\"\"");
}

TEST(LexerTest, BackquotedNamesKeepEverything) {
  std::vector<Token> tokens = LexAll("`a b.c`");
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].kind, TokenKind::kName);
  EXPECT_EQ(tokens[0].text, "a b.c");
}

TEST(LexerTest, UnterminatedBackquoteIsS0105AtTheEnd) {
  ParseError error = LexError("`no closing backtick");
  EXPECT_EQ(error.code, "S0105");
  EXPECT_EQ(error.position, 20u);
}

TEST(LexerTest, VariablesDropTheDollar) {
  std::vector<Token> tokens = LexAll("$ $$ $name $$$");
  ASSERT_EQ(tokens.size(), 4u);
  for (const Token& token : tokens) EXPECT_EQ(token.kind, TokenKind::kVariable);
  EXPECT_EQ(tokens[0].text, "");
  EXPECT_EQ(tokens[1].text, "$");
  EXPECT_EQ(tokens[2].text, "name");
  EXPECT_EQ(tokens[3].text, "$$");
}

TEST(LexerTest, NamesRunToWhitespaceOrAnOperatorCharacter) {
  std::vector<Token> tokens = LexAll("a$b x'y\" \xCE\xBB.z");
  ASSERT_EQ(tokens.size(), 5u);
  EXPECT_EQ(tokens[0].text, "a$b");
  EXPECT_EQ(tokens[1].text, "x'y\"");
  EXPECT_EQ(tokens[2].text, "\xCE\xBB");
  EXPECT_TRUE(tokens[3].IsOperator("."));
  EXPECT_EQ(tokens[4].text, "z");
}

TEST(LexerTest, WordOperatorsAndValues) {
  std::vector<Token> tokens = LexAll("and or in true false null andy");
  ASSERT_EQ(tokens.size(), 7u);
  EXPECT_TRUE(tokens[0].IsOperator("and"));
  EXPECT_TRUE(tokens[1].IsOperator("or"));
  EXPECT_TRUE(tokens[2].IsOperator("in"));
  EXPECT_EQ(tokens[3].kind, TokenKind::kValue);
  EXPECT_EQ(tokens[3].text, "true");
  EXPECT_EQ(tokens[4].text, "false");
  EXPECT_EQ(tokens[5].text, "null");
  EXPECT_EQ(tokens[6].kind, TokenKind::kName);
}

TEST(LexerTest, TwoCharacterOperatorsWin) {
  std::vector<Token> tokens = LexAll(".. := != >= <= ** ~> ?: ?? ? :");
  std::vector<std::string> expected = {"..", ":=", "!=", ">=", "<=", "**",
                                       "~>", "?:", "??", "?",  ":"};
  ASSERT_EQ(tokens.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) EXPECT_TRUE(tokens[i].IsOperator(expected[i]));
}

TEST(LexerTest, SingleCharacterOperators) {
  std::string_view ops = ".[]{}(),@#;:?+-*/%|=<>^&!~";
  std::vector<Token> tokens = LexAll("  . [ ] { } ( ) , @ # ; : ? + - * / % | = < > ^ & ! ~ ");
  ASSERT_EQ(tokens.size(), ops.size());
  for (size_t i = 0; i < ops.size(); ++i) {
    EXPECT_TRUE(tokens[i].IsOperator(std::string(1, ops[i]))) << i;
  }
}

TEST(LexerTest, SlashStartsARegexWhereAnOperandIsExpected) {
  std::vector<Token> tokens = LexAll("/a(b|c)[/]\\/d/im", SlashMeaning::kRegex);
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].kind, TokenKind::kRegex);
  EXPECT_EQ(tokens[0].text, "a(b|c)[/]\\/d");
  EXPECT_EQ(tokens[0].flags, "im");
  EXPECT_EQ(tokens[0].position, 16u);
}

TEST(LexerTest, SlashDividesAfterAnOperand) {
  std::vector<Token> tokens = LexAll("/a/", SlashMeaning::kDivide);
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_TRUE(tokens[0].IsOperator("/"));
}

TEST(LexerTest, EmptyRegexIsS0301) {
  ParseError error = LexError("//");
  EXPECT_EQ(error.code, "S0301");
  EXPECT_EQ(error.position, 1u);
}

TEST(LexerTest, UnterminatedRegexIsS0302) {
  ParseError error = LexError("/abc");
  EXPECT_EQ(error.code, "S0302");
  EXPECT_EQ(error.position, 4u);
}

TEST(LexerTest, CommentsAreSkipped) {
  std::vector<Token> tokens = LexAll("/* one */ a /**/ /* two * / */ b /* end */");
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].text, "a");
  EXPECT_EQ(tokens[1].text, "b");
}

TEST(LexerTest, UnterminatedCommentIsS0106AtItsStart) {
  ParseError error = LexError("a /* b */ c /*/");
  EXPECT_EQ(error.code, "S0106");
  EXPECT_EQ(error.position, 12u);
  EXPECT_EQ(error.message, "Comment has no closing tag");
}

TEST(LexerTest, PositionIsJustPastTheToken) {
  std::vector<Token> tokens = LexAll("ab  +\t\"cd\"");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].position, 2u);
  EXPECT_EQ(tokens[1].position, 5u);
  EXPECT_EQ(tokens[2].position, 10u);
}

TEST(LexerTest, PositionsCountUtf16Units) {
  // \xC3\xA9 (e acute) is one UTF-16 unit; the emoji U+1F642 is two.
  std::vector<Token> tokens = LexAll("\xC3\xA9 \xF0\x9F\x99\x82 x");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].position, 1u);
  EXPECT_EQ(tokens[1].position, 4u);
  EXPECT_EQ(tokens[2].position, 6u);
}

TEST(LexerTest, EndTokenIsAtTheUtf16Length) {
  Lexer lexer("a \xF0\x9F\x99\x82  ");
  ASSERT_TRUE(lexer.Next(SlashMeaning::kRegex).ok());
  ASSERT_TRUE(lexer.Next(SlashMeaning::kDivide).ok());
  Result<Token> end = lexer.Next(SlashMeaning::kDivide);
  ASSERT_TRUE(end.ok());
  EXPECT_EQ(end.value().kind, TokenKind::kEnd);
  EXPECT_EQ(end.value().position, 6u);
}

TEST(LexerTest, OnlyJavascriptWhitespaceSeparates) {
  // A form feed is no whitespace to the reference, so it is part of a name.
  std::vector<Token> tokens = LexAll("a\fb \v\r\nc");
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].text, "a\fb");
  EXPECT_EQ(tokens[1].text, "c");
}

}  // namespace
}  // namespace stepwise::jsonata
