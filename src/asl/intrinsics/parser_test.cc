#include "asl/intrinsics/parser.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "asl/intrinsics/test_util.h"

namespace stepwise::asl {
namespace {

using testing::CompileError;
using testing::Eval;
using ::testing::HasSubstr;
using ::testing::StartsWith;

// ---- Accepted syntax
// -----------------------------------------------------------------------------

TEST(ParserTest, LiteralsOfEveryKind) {
  EXPECT_EQ(Eval("States.Array('text', 12, -3, 2.5, -0.25, 1e3, true, false, null)"),
            R"(["text",12,-3,2.5,-0.25,1000.0,true,false,null])");
}

TEST(ParserTest, NoArguments) { EXPECT_EQ(Eval("States.Array()"), "[]"); }

TEST(ParserTest, WhitespaceAroundArguments) {
  EXPECT_EQ(Eval("States.Array(  1 ,\n\t2\r\n, States.Array( ) )  "), "[1,2,[]]");
}

TEST(ParserTest, StringEscapes) {
  // As written in a definition's JSON these are doubly escaped: "\\'" is \' here.
  EXPECT_EQ(Eval(R"(States.Format('it\'s \{\} and \\ and \\{}', 'x'))"),
            R"("it's {} and \\ and \\x")");
}

TEST(ParserTest, StringMayHoldAnyOtherCharacter) {
  // Recorded against AWS: a real newline inside a literal is kept (the JSON "\n" escape).
  EXPECT_EQ(Eval("States.StringSplit('Hello\nWorld', '\n')"), R"(["Hello","World"])");
  EXPECT_EQ(Eval("States.Array('\"é,)({}$')"), R"(["\"é,)({}$"])");
}

TEST(ParserTest, BigIntegersBecomeDoubles) {
  EXPECT_EQ(Eval("States.Array(9223372036854775807, 9223372036854775808)"),
            "[9223372036854775807,9.223372036854776E18]");
}

TEST(ParserTest, PathArguments) {
  EXPECT_EQ(Eval("States.Array($, $.a, $.a.b[1], $$.Execution.Name)", R"({"a":{"b":[5,6]}})",
                 nullptr, R"({"Execution":{"Name":"run"}})"),
            R"([{"a":{"b":[5,6]}},{"b":[5,6]},6,"run"])");
}

TEST(ParserTest, VariablePathArguments) {
  testing::MapVariables variables;
  variables.Set("count", json::Value::Int(3));
  variables.Set("user", testing::Json(R"({"name":"Ada"})"));
  EXPECT_EQ(Eval("States.Array($count, $user.name)", "{}", nullptr, "{}", &variables),
            R"([3,"Ada"])");
}

TEST(ParserTest, PathsKeepCommasAndParenthesesInsideBrackets) {
  EXPECT_EQ(Eval("States.ArrayGetItem($.a[?(@.k == 'x, y)')].v, 0)",
                 R"json({"a":[{"k":"z","v":1},{"k":"x, y)","v":2}]})json"),
            "2");
  EXPECT_EQ(
      Eval("States.Array($['a b'], $['c,d'], $[\"e)\"])", R"json({"a b":1,"c,d":2,"e)":3})json"),
      "[1,2,3]");
}

TEST(ParserTest, IndefinitePathsGiveArrays) {
  EXPECT_EQ(Eval("States.ArrayLength($.a[*].b)", R"({"a":[{"b":1},{"b":2},{"c":3}]})"), "2");
  EXPECT_EQ(Eval("States.ArrayLength($..missing)", R"({"a":1})"), "0");
}

TEST(ParserTest, PathFunctionCall) {
  EXPECT_EQ(Eval("States.MathAdd($.a.length(), 1)", R"({"a":[1,2,3]})"), "4");
}

TEST(ParserTest, FilterPathCompiles) {
  EXPECT_EQ(CompileError("States.ArrayGetItem($.DescribeRecord.RecordOutputs[?(@.OutputKey == "
                         "'FooBar')].OutputValue, 0)"),
            "compiled");
}

TEST(ParserTest, NestedCalls) {
  // The guide's example of nine nested functions, with a template of two placeholders (the
  // guide's has three for two values, which fails when it runs).
  const std::string call =
      "States.Format('{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem("
      "States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0), States.ArrayGetItem("
      "States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), "
      "'.'), 1))";
  EXPECT_EQ(
      Eval(call, R"({"ImageRecipe":{"Arn":"arn:aws:imagebuilder:r:1:image/my-image/1.0.3/1"}})"),
      R"("1.0")");
}

std::string Nest(size_t depth) {
  std::string call;
  for (size_t i = 0; i < depth; ++i) call += "States.Array(";
  call += "1";
  call.append(depth, ')');
  return call;
}

TEST(ParserTest, TenNestedCallsAreAllowed) { EXPECT_EQ(Eval(Nest(10)), "[[[[[[[[[[1]]]]]]]]]]"); }

TEST(ParserTest, ElevenNestedCallsAreRejected) {
  // AWS: "You can nest up to 10 intrinsic functions within a field".
  EXPECT_EQ(CompileError(Nest(11)),
            "More than 10 intrinsic functions are nested in one another at position 131 in '" +
                Nest(11) + "'");
}

TEST(ParserTest, HostileNestingFailsWithoutDeepRecursion) {
  const std::string call = Nest(100000);
  EXPECT_THAT(CompileError(call), StartsWith("More than 10 intrinsic functions"));
}

TEST(ParserTest, IsIntrinsicCall) {
  EXPECT_TRUE(IsIntrinsicCall("States.Format('x')"));
  EXPECT_TRUE(IsIntrinsicCall("States.Anything"));
  EXPECT_FALSE(IsIntrinsicCall("$.States"));
  EXPECT_FALSE(IsIntrinsicCall(" States.Array()"));
  EXPECT_FALSE(IsIntrinsicCall("states.Array()"));
}

// ---- Syntax errors, with their positions
// ---------------------------------------------------------

TEST(ParserTest, NotACall) {
  EXPECT_EQ(
      CompileError("$.a"),
      "Expected an intrinsic function call such as States.Format(...) at position 1 in '$.a'");
}

TEST(ParserTest, UnknownFunction) {
  EXPECT_EQ(CompileError("States.Array(States.Concat('a'))"),
            "Unknown intrinsic function 'States.Concat' at position 14 in "
            "'States.Array(States.Concat('a'))'");
  // Names are case-sensitive.
  EXPECT_THAT(CompileError("States.format('a')"), StartsWith("Unknown intrinsic function"));
}

TEST(ParserTest, MissingFunctionName) {
  EXPECT_EQ(CompileError("States.()"),
            "Expected a function name after 'States.' at position 8 in 'States.()'");
}

TEST(ParserTest, MissingParenthesis) {
  EXPECT_EQ(CompileError("States.UUID"),
            "Expected '(' after 'States.UUID' at position 12 in 'States.UUID'");
  EXPECT_EQ(CompileError("States.UUID ()"),
            "Expected '(' after 'States.UUID' at position 12 in 'States.UUID ()'");
}

TEST(ParserTest, UnterminatedCall) {
  EXPECT_EQ(CompileError("States.Array(1, 2"),
            "Unexpected end of input, expected ',' or ')' at position 18 in 'States.Array(1, 2'");
  EXPECT_EQ(CompileError("States.Array("),
            "Unexpected end of input, expected an argument at position 14 in 'States.Array('");
}

TEST(ParserTest, MissingArgument) {
  EXPECT_EQ(CompileError("States.Array(1,)"),
            "Expected an argument at position 16 in 'States.Array(1,)'");
  EXPECT_EQ(CompileError("States.Array(,1)"),
            "Expected an argument at position 14 in 'States.Array(,1)'");
}

TEST(ParserTest, MissingComma) {
  EXPECT_EQ(CompileError("States.Array(1 2)"),
            "Unexpected character '2', expected ',' or ')' at position 16 in 'States.Array(1 2)'");
  EXPECT_EQ(CompileError("States.Array('a''b')"),
            "Unexpected character ''', expected ',' or ')' at position 17 in "
            "'States.Array('a''b')'");
}

TEST(ParserTest, TextAfterTheCall) {
  EXPECT_EQ(CompileError("States.UUID() x"),
            "Unexpected character 'x' after the call at position 15 in 'States.UUID() x'");
}

TEST(ParserTest, InvalidEscape) {
  // AWS: "If an open escape backslash \ is found in the intrinsic invocation string, the
  // interpreter will return a runtime error."
  EXPECT_EQ(CompileError(R"(States.Format('a\nb'))"),
            R"(Invalid escape sequence '\n' (the escapes are \' \{ \} and \\) )"
            R"(at position 17 in 'States.Format('a\nb')')");
}

TEST(ParserTest, UnterminatedString) {
  EXPECT_EQ(CompileError("States.Format('abc"),
            "Unterminated string literal at position 15 in 'States.Format('abc'");
  EXPECT_EQ(CompileError(R"(States.Format('abc\)"),
            R"(Unterminated string literal at position 15 in 'States.Format('abc\')");
}

TEST(ParserTest, InvalidNumbers) {
  EXPECT_EQ(CompileError("States.Array(01)"),
            "Invalid number '01' at position 14 in 'States.Array(01)'");
  EXPECT_EQ(CompileError("States.Array(1.)"),
            "Invalid number '1.' at position 14 in 'States.Array(1.)'");
  EXPECT_EQ(CompileError("States.Array(-)"),
            "Invalid number '-' at position 14 in 'States.Array(-)'");
  EXPECT_EQ(CompileError("States.Array(1e)"),
            "Invalid number '1e' at position 14 in 'States.Array(1e)'");
  EXPECT_EQ(CompileError("States.Array(12abc)"),
            "Invalid number '12abc' at position 14 in 'States.Array(12abc)'");
  EXPECT_EQ(CompileError("States.Array(.5)"),
            "Unexpected character '.' at position 14 in 'States.Array(.5)'");
  EXPECT_EQ(CompileError("States.Array(+1)"),
            "Unexpected character '+' at position 14 in 'States.Array(+1)'");
  EXPECT_EQ(CompileError("States.Array(1e999)"),
            "Number '1e999' is out of range at position 14 in 'States.Array(1e999)'");
}

TEST(ParserTest, UnknownWords) {
  EXPECT_EQ(CompileError("States.Array(True)"),
            "Unexpected 'True': an argument is a 'string', a number, true, false, null, a path or "
            "an intrinsic function at position 14 in 'States.Array(True)'");
  EXPECT_THAT(CompileError("States.Array(nullx)"), StartsWith("Unexpected 'nullx'"));
}

TEST(ParserTest, UnexpectedCharactersAreDescribed) {
  EXPECT_EQ(CompileError("States.Array(\x01)"),
            "Unexpected character U+0001 at position 14 in 'States.Array(\x01)'");
  EXPECT_EQ(CompileError("States.Array(\xff)"),
            "Unexpected character U+00FF at position 14 in 'States.Array(\xff)'");
  EXPECT_EQ(CompileError("States.Array(\xc3\xa9)"),
            "Unexpected character 'é' at position 14 in 'States.Array(é)'");
}

TEST(ParserTest, PositionsCountCharactersNotBytes) {
  EXPECT_EQ(CompileError("States.Array('éé' x)"),
            "Unexpected character 'x', expected ',' or ')' at position 19 in "
            "'States.Array('éé' x)'");
}

TEST(ParserTest, UnclosedPathBrackets) {
  EXPECT_EQ(CompileError("States.Array($.a[0)"),
            "Unclosed '[' in path at position 14 in 'States.Array($.a[0)'");
  EXPECT_EQ(CompileError("States.Array($.a['x)"),
            "Unterminated quoted name in path at position 14 in 'States.Array($.a['x)'");
}

TEST(ParserTest, InvalidPath) {
  EXPECT_THAT(CompileError("States.Array($.a])"), StartsWith("Invalid path '$.a]' ("));
  EXPECT_THAT(CompileError("States.Array($.a])"),
              HasSubstr(") at position 14 in 'States.Array($.a])'"));
}

TEST(ParserTest, PathEndsAtWhitespace) {
  EXPECT_EQ(CompileError("States.Array($.a b)"),
            "Unexpected character 'b', expected ',' or ')' at position 18 in "
            "'States.Array($.a b)'");
}

// ---- Argument counts and kinds
// -------------------------------------------------------------------

TEST(ParserTest, ArgumentCounts) {
  EXPECT_EQ(CompileError("States.MathAdd(1)"),
            "States.MathAdd takes 2 arguments, not 1 at position 1 in 'States.MathAdd(1)'");
  EXPECT_EQ(CompileError("States.UUID(1)"),
            "States.UUID takes no arguments, not 1 at position 1 in 'States.UUID(1)'");
  EXPECT_EQ(CompileError("States.Format()"),
            "States.Format takes at least 1 argument, not 0 at position 1 in 'States.Format()'");
  EXPECT_EQ(CompileError("States.MathRandom(1)"),
            "States.MathRandom takes 2 or 3 arguments, not 1 at position 1 in "
            "'States.MathRandom(1)'");
  EXPECT_EQ(CompileError("States.ArrayLength($.a, $.b)"),
            "States.ArrayLength takes 1 argument, not 2 at position 1 in "
            "'States.ArrayLength($.a, $.b)'");
  EXPECT_EQ(CompileError("States.Array(States.JsonMerge($.a, $.b))"),
            "States.JsonMerge takes 3 arguments, not 2 at position 14 in "
            "'States.Array(States.JsonMerge($.a, $.b))'");
}

TEST(ParserTest, LiteralOfTheWrongKind) {
  // The validator's invalid-math-add case: MathAdd's arguments are paths or numbers.
  EXPECT_EQ(CompileError("States.MathAdd(1,'-1')"),
            "Argument 2 of States.MathAdd must be a number, not a string at position 18 in "
            "'States.MathAdd(1,'-1')'");
  EXPECT_EQ(CompileError("States.ArrayLength(null)"),
            "Argument 1 of States.ArrayLength must be an array, not null at position 20 in "
            "'States.ArrayLength(null)'");
  EXPECT_EQ(CompileError("States.Format(1)"),
            "Argument 1 of States.Format must be a string, not a number at position 15 in "
            "'States.Format(1)'");
  EXPECT_EQ(CompileError("States.JsonMerge($.a, $.b, 'false')"),
            "Argument 3 of States.JsonMerge must be a boolean, not a string at position 28 in "
            "'States.JsonMerge($.a, $.b, 'false')'");
  EXPECT_EQ(CompileError("States.Hash(null, 'MD5')"),
            "Argument 1 of States.Hash must be a string or a number or a boolean or an array or "
            "an object, not null at position 13 in 'States.Hash(null, 'MD5')'");
}

TEST(ParserTest, NestedCallOfTheWrongKind) {
  EXPECT_EQ(CompileError("States.MathAdd(States.Array(), 1)"),
            "Argument 1 of States.MathAdd must be a number, not States.Array, which returns an "
            "array at position 16 in 'States.MathAdd(States.Array(), 1)'");
  // A call that may return the right kind is checked when it runs.
  EXPECT_EQ(CompileError("States.MathAdd(States.ArrayGetItem($.a, 0), 1)"), "compiled");
}

TEST(ParserTest, ValidatorExamplesCompile) {
  for (const char* call : {
           "States.Format('Welcome to {} {}\\'s playlist.', $.firstName, $.lastName)",
           "States.StringToJson($.someString)",
           "States.JsonToString($.someJson)",
           "States.Array('Foo', 2020, $.someJson, null)",
           "States.ArrayPartition($.inputArray,4)",
           "States.ArrayContains($.inputArray, $.lookingFor)",
           "States.ArrayRange(1, 9, 2)",
           "States.ArrayGetItem($.inputArray, $.index)",
           "States.ArrayLength($.inputArray)",
           "States.ArrayUnique($.inputArray)",
           "States.Base64Encode($.input)",
           "States.Base64Decode($.base64)",
           "States.Hash($.Data, $.Algorithm)",
           "States.JsonMerge($.json1, $.json2, false)",
           "States.MathRandom($.start, $.end)",
           "States.MathAdd($.value1, $.step)",
           "States.StringSplit($.inputString, $.splitter)",
           "States.UUID()",
           "States.MathAdd(States.ArrayLength($$.Execution.Input.machines),-1)",
       }) {
    EXPECT_EQ(CompileError(call), "compiled") << call;
  }
}

}  // namespace
}  // namespace stepwise::asl
