// Filters `[?(...)]`. Semantics follow Jayway's FilterCompiler and EvaluatorFactory
// (https://github.com/json-path/JsonPath#filter-operators), except that comparing values of
// different types is simply false.

#include <gtest/gtest.h>

#include <string>

#include "jsonpath/path.h"
#include "jsonpath/test_util.h"

namespace stepwise::jsonpath {
namespace {

using testing::CompileError;
using testing::Eval;
using testing::Json;
using testing::MapVariables;
using testing::Store;

// ---- Comparisons
// ---------------------------------------------------------------------------------

TEST(FilterTest, NumericComparisons) {
  json::Value input = Json("[1,2,3,4]");
  EXPECT_EQ(Eval("$[?(@ < 3)]", input), "[1,2]");
  EXPECT_EQ(Eval("$[?(@ <= 3)]", input), "[1,2,3]");
  EXPECT_EQ(Eval("$[?(@ > 3)]", input), "[4]");
  EXPECT_EQ(Eval("$[?(@ >= 3)]", input), "[3,4]");
  EXPECT_EQ(Eval("$[?(@ == 3)]", input), "[3]");
  EXPECT_EQ(Eval("$[?(@ != 3)]", input), "[1,2,4]");
}

TEST(FilterTest, ComparisonsOnMembers) {
  EXPECT_EQ(Eval("$.store.book[?(@.price < 10)].title", Store()),
            R"(["Sayings of the Century","Moby Dick"])");
  EXPECT_EQ(Eval("$.store.book[?(@.category == 'reference')].author", Store()),
            R"(["Nigel Rees"])");
}

TEST(FilterTest, SpacesAroundOperatorsAreOptional) {
  json::Value input = Json(R"([{"a":1},{"a":2}])");
  EXPECT_EQ(Eval("$[?(@.a>1)]", input), R"([{"a":2}])");
  EXPECT_EQ(Eval("$[ ?( @.a == 1 ) ]", input), R"([{"a":1}])");
}

TEST(FilterTest, IntegersEqualDoublesOfTheSameValue) {
  json::Value input = Json(R"([{"n":1.0},{"n":2}])");
  EXPECT_EQ(Eval("$[?(@.n == 1)]", input), R"([{"n":1.0}])");
  EXPECT_EQ(Eval("$[?(@.n < 1.5)]", input), R"([{"n":1.0}])");
}

TEST(FilterTest, StringsCompareByCodePoint) {
  json::Value input = Json(R"(["apple","banana","cherry","Zebra","é"])");
  EXPECT_EQ(Eval("$[?(@ == 'banana')]", input), R"(["banana"])");
  EXPECT_EQ(Eval(R"($[?(@ == "banana")])", input), R"(["banana"])");
  EXPECT_EQ(Eval("$[?(@ < 'b')]", input), R"(["apple","Zebra"])");
  EXPECT_EQ(Eval("$[?(@ > 'z')]", input), R"(["é"])");
}

TEST(FilterTest, TypeMismatchesAreFalseNotErrors) {
  json::Value input = Json(R"([{"v":1},{"v":"1"},{"v":true},{"v":null},{"v":[1]}])");
  EXPECT_EQ(Eval("$[?(@.v == 1)]", input), R"([{"v":1}])");
  EXPECT_EQ(Eval("$[?(@.v == '1')]", input), R"([{"v":"1"}])");
  EXPECT_EQ(Eval("$[?(@.v < 'a')]", input), R"([{"v":"1"}])");
  EXPECT_EQ(Eval("$[?(@.v > 0)]", input), R"([{"v":1}])");
}

TEST(FilterTest, NotEqualIncludesMissingMembers) {
  // != is the negation of ==, so, as in Jayway, an element without the member is != anything.
  EXPECT_EQ(Eval("$[?(@.a != 1)]", Json(R"([{"a":1},{"a":2},{}])")), R"([{"a":2},{}])");
}

TEST(FilterTest, OrderingAgainstAMissingMemberIsFalse) {
  EXPECT_EQ(Eval("$[?(@.a < 5)]", Json(R"([{"a":1},{}])")), R"([{"a":1}])");
}

TEST(FilterTest, LiteralsOfEveryKind) {
  json::Value input = Json(R"([{"v":true},{"v":false},{"v":null},{"v":-5.5},{"v":100},{"v":"x"}])");
  EXPECT_EQ(Eval("$[?(@.v == true)]", input), R"([{"v":true}])");
  EXPECT_EQ(Eval("$[?(@.v == false)]", input), R"([{"v":false}])");
  EXPECT_EQ(Eval("$[?(@.v == null)]", input), R"([{"v":null}])");
  EXPECT_EQ(Eval("$[?(@.v == -5.5)]", input), R"([{"v":-5.5}])");
  EXPECT_EQ(Eval("$[?(@.v == 1e2)]", input), R"([{"v":100}])");
  EXPECT_EQ(Eval("$[?(@.v < -1)]", input), R"([{"v":-5.5}])");
}

TEST(FilterTest, DeepEqualityOfArraysAndObjects) {
  json::Value input =
      Json(R"({"wanted":{"k":[1,2]},"items":[{"t":{"k":[1,2]}},{"t":{"k":[2,1]}}]})");
  EXPECT_EQ(Eval("$.items[?(@.t == $.wanted)]", input), R"([{"t":{"k":[1,2]}}])");
}

// ---- Existence
// -----------------------------------------------------------------------------------

TEST(FilterTest, ExistenceOfAMember) {
  EXPECT_EQ(Eval("$..book[?(@.isbn)].title", Store()), R"(["Moby Dick","The Lord of the Rings"])");
}

TEST(FilterTest, ExistenceCountsANullMember) {
  EXPECT_EQ(Eval("$[?(@.a)]", Json(R"([{"a":null},{"b":1}])")), R"([{"a":null}])");
}

TEST(FilterTest, NegatedExistence) {
  EXPECT_EQ(Eval("$..book[?(!@.isbn)].title", Store()),
            R"(["Sayings of the Century","Sword of Honour"])");
}

TEST(FilterTest, ExistenceOfAnIndefinitePathNeedsAMatch) {
  json::Value input = Json(R"([{"tags":["a"]},{"tags":[]},{}])");
  EXPECT_EQ(Eval("$[?(@.tags[*])]", input), R"([{"tags":["a"]}])");
}

// ---- Logic
// ---------------------------------------------------------------------------------------

TEST(FilterTest, AndBindsTighterThanOr) {
  json::Value input = Json(R"([{"a":1,"b":0,"c":0},{"a":0,"b":2,"c":3},{"a":0,"b":2,"c":0}])");
  EXPECT_EQ(Eval("$[?(@.a == 1 || @.b == 2 && @.c == 3)]", input),
            R"([{"a":1,"b":0,"c":0},{"a":0,"b":2,"c":3}])");
}

TEST(FilterTest, ParenthesesGroup) {
  json::Value input = Json(R"([{"a":1,"b":0,"c":0},{"a":0,"b":2,"c":3},{"a":1,"b":0,"c":3}])");
  EXPECT_EQ(Eval("$[?((@.a == 1 || @.b == 2) && @.c == 3)]", input),
            R"([{"a":0,"b":2,"c":3},{"a":1,"b":0,"c":3}])");
}

TEST(FilterTest, NotOfAGroup) {
  json::Value input = Json(R"([{"a":1,"b":1},{"a":1,"b":2},{"a":2,"b":2}])");
  EXPECT_EQ(Eval("$[?(!(@.a == 1 && @.b == 2))]", input), R"([{"a":1,"b":1},{"a":2,"b":2}])");
}

TEST(FilterTest, LongConjunctionsStayFlat) {
  std::string text = "$[?(@.a == 1";
  for (int i = 0; i < 5000; ++i) text += " && @.a == 1";
  text += ")]";
  EXPECT_EQ(Eval(text, Json(R"([{"a":1},{"a":2}])")), R"([{"a":1}])");
}

// ---- Operands from other roots
// -------------------------------------------------------------------

TEST(FilterTest, InputRootOperand) {
  EXPECT_EQ(Eval("$..book[?(@.price <= $['expensive'])].title", Store()),
            R"(["Sayings of the Century","Moby Dick"])");
  EXPECT_EQ(Eval("$..book[?(@.price > $.expensive)].title", Store()),
            R"(["Sword of Honour","The Lord of the Rings"])");
}

TEST(FilterTest, ContextOperand) {
  json::Value input = Json(R"({"items":[{"owner":"run-1"},{"owner":"run-2"}]})");
  json::Value context = Json(R"({"Execution":{"Name":"run-2"}})");
  EXPECT_EQ(
      Eval("$.items[?(@.owner == $$.Execution.Name)]", Roots{.input = &input, .context = &context}),
      R"([{"owner":"run-2"}])");
}

TEST(FilterTest, VariableOperand) {
  json::Value input = Json(R"({"items":[{"price":5},{"price":50}]})");
  MapVariables variables;
  variables.Set("limit", Json("10"));
  EXPECT_EQ(Eval("$.items[?(@.price < $limit)]", Roots{.input = &input, .variables = &variables}),
            R"([{"price":5}])");
}

TEST(FilterTest, OperandPathsMayFilterAndCount) {
  json::Value input = Json(R"({"groups":[
    {"name":"a","members":[{"admin":true},{"admin":false}]},
    {"name":"b","members":[{"admin":false}]}]})");
  EXPECT_EQ(Eval("$.groups[?(@.members[?(@.admin == true)])].name", input), R"(["a"])");
  EXPECT_EQ(Eval("$.groups[?(@.members.length() > 1)].name", input), R"(["a"])");
}

// ---- Where filters apply
// -------------------------------------------------------------------------

TEST(FilterTest, AFilterOnAnObjectTestsTheObjectItself) {
  // Jayway's PredicatePathToken: a map is tested as a whole, an array element by element.
  json::Value input = Json(R"({"o":{"a":1},"s":"text"})");
  EXPECT_EQ(Eval("$.o[?(@.a == 1)]", input), R"([{"a":1}])");
  EXPECT_EQ(Eval("$.o[?(@.a == 2)]", input), "[]");
  EXPECT_EQ(Eval("$.s[?(@ == 'text')]", input), "[]");
}

TEST(FilterTest, AfterADescendantTheFilterTestsEveryContainer) {
  EXPECT_EQ(Eval("$..[?(@.price > 20)].title", Store()), R"(["The Lord of the Rings"])");
  EXPECT_EQ(Eval("$..[?(@.color)].price", Store()), "[19.95]");
}

// ---- Regular expressions
// -------------------------------------------------------------------------

TEST(FilterTest, RegexMatchesTheWholeString) {
  // Jayway uses Matcher.matches(): the pattern must match all of the value.
  EXPECT_EQ(Eval("$..book[?(@.author =~ /.*REES/i)].title", Store()),
            R"(["Sayings of the Century"])");
  EXPECT_EQ(Eval("$..book[?(@.author =~ /Rees/)].title", Store()), "[]");
  EXPECT_EQ(Eval("$..book[?(@.author =~ /.*Rees/)].title", Store()),
            R"(["Sayings of the Century"])");
}

TEST(FilterTest, RegexWithEscapedSlash) {
  EXPECT_EQ(Eval(R"($[?(@ =~ /a\/b/)])", Json(R"(["a/b","ab"])")), R"(["a/b"])");
}

TEST(FilterTest, RegexOnlyMatchesStrings) {
  EXPECT_EQ(Eval("$[?(@.v =~ /.*/)]", Json(R"([{"v":"x"},{"v":1},{"v":null},{}])")),
            R"([{"v":"x"}])");
}

// ---- Compile errors
// ------------------------------------------------------------------------------

TEST(FilterCompileTest, SingleEquals) {
  EXPECT_EQ(CompileError("$[?(@.a = 1)]"), "Use '==' to compare at position 9 in '$[?(@.a = 1)]'");
}

TEST(FilterCompileTest, LiteralWithoutComparison) {
  EXPECT_EQ(CompileError("$[?(1)]"),
            "Expected a comparison operator but found character ')' at position 6 in '$[?(1)]'");
}

TEST(FilterCompileTest, MissingRightOperand) {
  EXPECT_EQ(CompileError("$[?(@.a == )]"),
            "Expected a value or a path but found character ')' at position 12 in "
            "'$[?(@.a == )]'");
}

TEST(FilterCompileTest, MissingParentheses) {
  EXPECT_EQ(CompileError("$[?@.a]"),
            "Expected '(' but found character '@' at position 4 in '$[?@.a]'");
  EXPECT_EQ(CompileError("$[?(@.a]"),
            "Expected ')' but found character ']' at position 8 in '$[?(@.a]'");
  EXPECT_EQ(CompileError("$[?(@.a)"),
            "Expected ']' but found end of path at position 9 in '$[?(@.a)'");
}

TEST(FilterCompileTest, RegexNeedsTheMatchOperator) {
  EXPECT_EQ(CompileError("$[?(@.a =~ 'x')]"),
            "'=~' compares a value with one /regular expression/ at position 9 in "
            "'$[?(@.a =~ 'x')]'");
  EXPECT_EQ(CompileError("$[?(@.a == /x/)]"),
            "A /regular expression/ can only be used with '=~' at position 9 in "
            "'$[?(@.a == /x/)]'");
}

TEST(FilterCompileTest, BadRegex) {
  EXPECT_EQ(CompileError("$[?(@.a =~ /x/q)]"),
            "Unsupported regular expression flag 'q' at position 15 in '$[?(@.a =~ /x/q)]'");
  EXPECT_EQ(CompileError("$[?(@.a =~ /(/)]"),
            "Invalid regular expression /(/ (Unclosed group at position 1) at position 12 in "
            "'$[?(@.a =~ /(/)]'");
  EXPECT_EQ(CompileError("$[?(@.a =~ /x)]"),
            "Unterminated regular expression at position 12 in '$[?(@.a =~ /x)]'");
}

TEST(FilterCompileTest, NumberOutOfRange) {
  EXPECT_EQ(CompileError("$[?(@.a > 1e999)]"),
            "Number out of range at position 11 in '$[?(@.a > 1e999)]'");
}

TEST(FilterCompileTest, NestingUpToTheLimitCompiles) {
  // The filter itself is one level; 63 parentheses make 64.
  std::string text = "$[?(" + std::string(63, '(') + "@ == 1" + std::string(63, ')') + ")]";
  EXPECT_EQ(Eval(text, Json("[1,2]")), "[1]");
}

TEST(FilterCompileTest, DeeperNestingIsRefused) {
  std::string parentheses = "$[?(" + std::string(64, '(') + "@" + std::string(64, ')') + ")]";
  EXPECT_NE(CompileError(parentheses).find("Filter expression nested more than 64 levels deep"),
            std::string::npos);
  std::string negations = "$[?(" + std::string(100, '!') + "@.a)]";
  EXPECT_NE(CompileError(negations).find("nested more than 64 levels deep"), std::string::npos);
  std::string filters = "$";
  for (int i = 0; i < 70; ++i) filters += "[?(@";
  for (int i = 0; i < 70; ++i) filters += ")]";
  EXPECT_NE(CompileError(filters).find("nested more than 64 levels deep"), std::string::npos);
  std::string unbalanced = "$[?(" + std::string(100000, '(');
  EXPECT_NE(CompileError(unbalanced).find("nested more than 64 levels deep"), std::string::npos);
}

}  // namespace
}  // namespace stepwise::jsonpath

namespace stepwise::jsonpath::testing {
namespace {

// ASL validators accept an unquoted word as a string operand: `@.OutputKey == FooBar`.
TEST(FilterTest, BareWordsAreStrings) {
  json::Value input = Json(R"([{"k":"FooBar","v":1},{"k":"Other","v":2}])");
  EXPECT_EQ(Eval("$[?(@.k == FooBar)].v", input), "[1]");
  EXPECT_EQ(Eval("$[?(@.k != FooBar)].v", input), "[2]");
}

}  // namespace
}  // namespace stepwise::jsonpath::testing
