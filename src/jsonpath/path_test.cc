#include "jsonpath/path.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "jsonpath/test_util.h"

namespace stepwise::jsonpath {
namespace {

using testing::CompileError;
using testing::Eval;
using testing::Json;
using testing::MapVariables;
using testing::Show;
using testing::Store;

// ---- Compile errors
// ------------------------------------------------------------------------------

TEST(PathCompileTest, EmptyText) { EXPECT_EQ(CompileError(""), "Empty path at position 1 in ''"); }

TEST(PathCompileTest, MustStartWithDollar) {
  EXPECT_EQ(CompileError("a.b"),
            "Expected '$' at the start of the path but found character 'a' at position 1 in "
            "'a.b'");
  EXPECT_EQ(CompileError("@.a"),
            "Expected '$' at the start of the path but found character '@' at position 1 in "
            "'@.a'");
}

TEST(PathCompileTest, StrayClosingBracket) {
  EXPECT_EQ(CompileError("$.a]"), "Unexpected character ']' at position 4 in '$.a]'");
}

TEST(PathCompileTest, TrailingDot) {
  EXPECT_EQ(CompileError("$."),
            "Expected a name, '*' or '[' after '.' but found end of path at position 3 in '$.'");
}

TEST(PathCompileTest, TrailingDescendant) {
  EXPECT_EQ(CompileError("$.."),
            "Expected a name, '*' or '[' after '..' but found end of path at position 4 in '$..'");
  EXPECT_EQ(CompileError("$...a"),
            "Expected a name, '*' or '[' after '..' but found character '.' at position 4 in "
            "'$...a'");
}

TEST(PathCompileTest, UnclosedBracket) {
  EXPECT_EQ(CompileError("$['a'"), "Expected ']' but found end of path at position 6 in '$['a''");
}

TEST(PathCompileTest, UnterminatedQuotedName) {
  EXPECT_EQ(CompileError("$['a"), "Unterminated string at position 3 in '$['a'");
}

TEST(PathCompileTest, SpaceInDotNotation) {
  // Jayway: "Use bracket notion ['my prop'] if your property contains blank characters".
  EXPECT_EQ(CompileError("$.a b"), "Unexpected character ' ' at position 4 in '$.a b'");
}

TEST(PathCompileTest, ControlCharacterIsShownEscaped) {
  EXPECT_EQ(CompileError("$.a\x01"), "Unexpected character '\\u0001' at position 4 in '$.a\x01'");
}

TEST(PathCompileTest, MalformedIndex) {
  EXPECT_EQ(CompileError("$[1a]"), "Expected ']' but found character 'a' at position 4 in '$[1a]'");
  EXPECT_EQ(CompileError("$[-]"),
            "Expected a digit but found character ']' at position 4 in '$[-]'");
}

TEST(PathCompileTest, EmptyBrackets) {
  EXPECT_EQ(CompileError("$[]"),
            "Expected a quoted name, an index, a slice, '*' or '?(' after '[' but found "
            "character ']' at position 3 in '$[]'");
}

TEST(PathCompileTest, IndexOutOfRange) {
  EXPECT_EQ(CompileError("$[99999999999999999999]"),
            "Integer out of range at position 3 in '$[99999999999999999999]'");
}

TEST(PathCompileTest, SliceStepZero) {
  EXPECT_EQ(CompileError("$[::0]"), "Slice step must not be 0 at position 5 in '$[::0]'");
}

TEST(PathCompileTest, EmptyNameInUnion) {
  EXPECT_EQ(CompileError("$['a',]"),
            "Expected a quoted name after ',' but found character ']' at position 7 in "
            "'$['a',]'");
}

TEST(PathCompileTest, UnknownFunction) {
  EXPECT_EQ(CompileError("$.a.sum()"),
            "Unknown function 'sum()'; only length() is supported at position 5 in '$.a.sum()'");
}

TEST(PathCompileTest, LengthMustBeLast) {
  EXPECT_EQ(CompileError("$.a.length().b"),
            "Nothing may follow length() at position 13 in '$.a.length().b'");
  EXPECT_EQ(CompileError("$..length()"),
            "length() cannot follow '..' at position 4 in '$..length()'");
}

TEST(PathCompileTest, ThreeDollars) {
  EXPECT_EQ(CompileError("$$$"), "Unexpected character '$' at position 3 in '$$$'");
}

TEST(PathCompileTest, PositionCountsCharactersNotBytes) {
  EXPECT_EQ(CompileError("$.ü]"), "Unexpected character ']' at position 4 in '$.ü]'");
}

TEST(PathCompileTest, VariableNamesFollowUnicodeIdentifierRules) {
  // https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html: the first
  // character is ID_Start (so not '_' or a digit), at most 80 characters.
  EXPECT_EQ(CompileError("$_x"), "Unexpected character '_' at position 2 in '$_x'");
  EXPECT_EQ(CompileError("$1"), "Unexpected character '1' at position 2 in '$1'");
  EXPECT_EQ(CompileError("$" + std::string(80, 'v')), "compiled");
  EXPECT_EQ(
      CompileError("$" + std::string(81, 'v')),
      "Variable name longer than 80 characters at position 2 in '$" + std::string(81, 'v') + "'");
}

TEST(PathCompileTest, SurroundingWhitespaceIsIgnoredAsJaywayTrims) {
  Result<Path> path = Path::Compile("  $.a  ");
  ASSERT_TRUE(path.ok());
  EXPECT_EQ(path.value().text(), "  $.a  ");
  EXPECT_EQ(path.value().Normalized(), "$['a']");
}

TEST(PathCompileTest, TooManyStepsAreRefused) {
  std::string text = "$";
  for (int i = 0; i < 1001; ++i) text += ".a";
  EXPECT_NE(CompileError(text).find("Path has more than 1000 steps"), std::string::npos);
}

// ---- Roots
// ---------------------------------------------------------------------------------------

TEST(PathRootTest, DollarIsTheInput) {
  Path path = Path::Compile("$").value();
  EXPECT_EQ(path.root(), RootKind::kInput);
  EXPECT_EQ(Eval("$", Json(R"({"a":1})")), R"({"a":1})");
}

TEST(PathRootTest, DoubleDollarIsTheContext) {
  json::Value input = Json("{}");
  json::Value context = Json(R"({"Execution":{"Id":"arn:x"}})");
  Roots roots{.input = &input, .context = &context};
  EXPECT_EQ(Path::Compile("$$.Execution.Id").value().root(), RootKind::kContext);
  EXPECT_EQ(Eval("$$.Execution.Id", roots), R"("arn:x")");
  EXPECT_EQ(Eval("$$", roots), R"({"Execution":{"Id":"arn:x"}})");
}

TEST(PathRootTest, DollarNameIsAVariable) {
  MapVariables variables;
  variables.Set("order", Json(R"({"items":[{"sku":"a"},{"sku":"b"}]})"));
  Roots roots{.variables = &variables};
  Path path = Path::Compile("$order.items[1].sku").value();
  EXPECT_EQ(path.root(), RootKind::kVariable);
  EXPECT_EQ(path.variable(), "order");
  EXPECT_EQ(Eval("$order.items[1].sku", roots), R"("b")");
  EXPECT_EQ(Eval("$order", roots), R"({"items":[{"sku":"a"},{"sku":"b"}]})");
  EXPECT_EQ(Eval("$order['items'][0]", roots), R"({"sku":"a"})");
}

TEST(PathRootTest, VariableNamesMayBeUnicode) {
  MapVariables variables;
  variables.Set("größe", Json("42"));
  variables.Set("x_1", Json("7"));
  Roots roots{.variables = &variables};
  EXPECT_EQ(Path::Compile("$größe").value().variable(), "größe");
  EXPECT_EQ(Eval("$größe", roots), "42");
  EXPECT_EQ(Eval("$x_1", roots), "7");
}

TEST(PathRootTest, MissingRootsYieldNothing) {
  Roots nothing;
  EXPECT_EQ(Eval("$", nothing), "nothing");
  EXPECT_EQ(Eval("$$.Execution", nothing), "nothing");
  EXPECT_EQ(Eval("$v", nothing), "nothing");
  EXPECT_EQ(Eval("$[*]", nothing), "nothing");
  MapVariables variables;
  EXPECT_EQ(Eval("$v", Roots{.variables = &variables}), "nothing");
}

// ---- Names
// ---------------------------------------------------------------------------------------

TEST(PathNameTest, DotNotation) { EXPECT_EQ(Eval("$.store.bicycle.color", Store()), R"("red")"); }

TEST(PathNameTest, BracketNotationWithEitherQuote) {
  json::Value input = Json(R"({"a b":{"c":1}})");
  EXPECT_EQ(Eval("$['a b']['c']", input), "1");
  EXPECT_EQ(Eval(R"($["a b"]["c"])", input), "1");
  EXPECT_EQ(Eval(R"($[ 'a b' ].c)", input), "1");
}

TEST(PathNameTest, DotBeforeBracketIsAccepted) {
  EXPECT_EQ(Eval("$.['a']", Json(R"({"a":1})")), "1");
}

TEST(PathNameTest, HyphensAndOtherPunctuationInDotNotation) {
  json::Value input = Json(R"({"foo-bar":1,"aws:tag":2,"a$b":3})");
  EXPECT_EQ(Eval("$.foo-bar", input), "1");
  EXPECT_EQ(Eval("$.aws:tag", input), "2");
  EXPECT_EQ(Eval("$.a$b", input), "3");
}

TEST(PathNameTest, UnicodeNames) {
  json::Value input = Json(R"({"größe":1,"名前":"x","😀":true})");
  EXPECT_EQ(Eval("$.größe", input), "1");
  EXPECT_EQ(Eval("$.名前", input), R"("x")");
  EXPECT_EQ(Eval("$['😀']", input), "true");
}

// Jayway, and so AWS, unescapes only the delimiting quote in a bracketed name; any other
// backslash is part of the name. AWS-recorded: $['Test\""Name"'] finds the key Test\""Name".
TEST(PathNameTest, OnlyTheDelimiterIsEscapedInQuotedNames) {
  json::Value input =
      Json(R"({"it's":1,"q\"uote":2,"back\\slash":3,"Test\\\"\"Name\"":4})");
  EXPECT_EQ(Eval(R"($['it\'s'])", input), "1");
  EXPECT_EQ(Eval(R"($["q\"uote"])", input), "2");
  EXPECT_EQ(Eval(R"($['back\slash'])", input), "3");
  EXPECT_EQ(Eval(R"($['Test\""Name"'])", input), "4");
  EXPECT_EQ(Eval(R"($['back\\slash'])", input), "nothing");
}

TEST(PathNameTest, EmptyName) { EXPECT_EQ(Eval("$['']", Json(R"({"":1})")), "1"); }

TEST(PathNameTest, MissingOrMisappliedNameYieldsNothing) {
  json::Value input = Json(R"({"a":{"b":1},"list":[1],"s":"text"})");
  EXPECT_EQ(Eval("$.nope", input), "nothing");
  EXPECT_EQ(Eval("$.a.nope.deeper", input), "nothing");
  EXPECT_EQ(Eval("$.list.b", input), "nothing");
  EXPECT_EQ(Eval("$.s.b", input), "nothing");
}

TEST(PathNameTest, NullIsAValueNotAbsence) {
  EXPECT_EQ(Eval("$.a", Json(R"({"a":null})")), "null");
}

// ---- Indices, slices, unions
// ---------------------------------------------------------------------

TEST(PathIndexTest, IndexAndNegativeIndex) {
  json::Value input = Json(R"({"a":[10,20,30]})");
  EXPECT_EQ(Eval("$.a[0]", input), "10");
  EXPECT_EQ(Eval("$.a[2]", input), "30");
  EXPECT_EQ(Eval("$.a[-1]", input), "30");
  EXPECT_EQ(Eval("$.a[-3]", input), "10");
}

TEST(PathIndexTest, OutOfRangeOrMisappliedIndexYieldsNothing) {
  json::Value input = Json(R"({"a":[10,20,30],"o":{"0":1}})");
  EXPECT_EQ(Eval("$.a[3]", input), "nothing");
  EXPECT_EQ(Eval("$.a[-4]", input), "nothing");
  EXPECT_EQ(Eval("$.o[0]", input), "nothing");
}

TEST(PathIndexTest, IndexOnTheRoot) { EXPECT_EQ(Eval("$[1]", Json("[1,2]")), "2"); }

TEST(PathSliceTest, PythonSemantics) {
  json::Value input = Json("[0,1,2,3,4]");
  EXPECT_EQ(Eval("$[1:3]", input), "[1,2]");
  EXPECT_EQ(Eval("$[:2]", input), "[0,1]");
  EXPECT_EQ(Eval("$[-2:]", input), "[3,4]");
  EXPECT_EQ(Eval("$[2:]", input), "[2,3,4]");
  EXPECT_EQ(Eval("$[1:-1]", input), "[1,2,3]");
  EXPECT_EQ(Eval("$[::2]", input), "[0,2,4]");
  EXPECT_EQ(Eval("$[1::2]", input), "[1,3]");
  EXPECT_EQ(Eval("$[ 1 : 3 ]", input), "[1,2]");
}

TEST(PathSliceTest, NegativeStepWalksBackwards) {
  json::Value input = Json("[0,1,2,3,4]");
  EXPECT_EQ(Eval("$[::-1]", input), "[4,3,2,1,0]");
  EXPECT_EQ(Eval("$[4:1:-2]", input), "[4,2]");
  EXPECT_EQ(Eval("$[:-3:-1]", input), "[4,3]");
}

TEST(PathSliceTest, BoundsAreClamped) {
  json::Value input = Json("[0,1,2,3,4]");
  EXPECT_EQ(Eval("$[1:100]", input), "[1,2,3,4]");
  EXPECT_EQ(Eval("$[-100:2]", input), "[0,1]");
  EXPECT_EQ(Eval("$[3:1]", input), "[]");
  EXPECT_EQ(Eval("$[0:5:9223372036854775807]", input), "[0]");
  EXPECT_EQ(Eval("$[::-9223372036854775808]", input), "[4]");
}

TEST(PathSliceTest, SliceOfANonArrayIsEmpty) {
  EXPECT_EQ(Eval("$.s[0:1]", Json(R"({"s":"text"})")), "[]");
}

TEST(PathUnionTest, IndexUnionInTheOrderWritten) {
  json::Value input = Json(R"({"a":[10,20,30]})");
  EXPECT_EQ(Eval("$.a[0,2]", input), "[10,30]");
  EXPECT_EQ(Eval("$.a[2,0]", input), "[30,10]");
  EXPECT_EQ(Eval("$.a[-1, 0, 7]", input), "[30,10]");
}

TEST(PathUnionTest, NameUnionAsLastStepMergesIntoOneObject) {
  // Jayway's PropertyPathToken "merge case": a multi-name leaf yields one object of the members
  // present, and the path counts as definite.
  json::Value input = Json(R"({"a":1,"b":2,"c":3})");
  EXPECT_EQ(Eval("$['a','b']", input), R"({"a":1,"b":2})");
  EXPECT_EQ(Eval(R"($['a', "z"])", input), R"({"a":1})");
  EXPECT_EQ(Eval("$[*]['a','b']", Json(R"([{"a":1,"b":2,"c":3},{"a":4}])")),
            R"([{"a":1,"b":2},{"a":4}])");
}

TEST(PathUnionTest, NameUnionBeforeAnotherStepIterates) {
  json::Value input = Json(R"({"a":{"x":1},"b":{"x":2},"c":{"x":3}})");
  EXPECT_EQ(Eval("$['b','a'].x", input), "[2,1]");
}

// ---- Wildcards and descendants
// -------------------------------------------------------------------

TEST(PathWildcardTest, ObjectValuesAndArrayItems) {
  json::Value input = Json(R"({"o":{"x":1,"y":[2]},"a":[3,{"z":4}]})");
  EXPECT_EQ(Eval("$.o.*", input), "[1,[2]]");
  EXPECT_EQ(Eval("$.o[*]", input), "[1,[2]]");
  EXPECT_EQ(Eval("$.a[*]", input), R"([3,{"z":4}])");
  EXPECT_EQ(Eval("$.a.*", input), R"([3,{"z":4}])");
}

TEST(PathWildcardTest, WildcardOverAScalarIsEmpty) {
  EXPECT_EQ(Eval("$.s.*", Json(R"({"s":"text"})")), "[]");
}

TEST(PathWildcardTest, MissingKeysAfterAWildcardAreSkipped) {
  EXPECT_EQ(Eval("$[*].a", Json(R"([{"a":1},{},{"a":2},5])")), "[1,2]");
}

TEST(PathWildcardTest, JaywayReadmeExamples) {
  json::Value store = Store();
  EXPECT_EQ(Eval("$.store.book[*].author", store),
            R"(["Nigel Rees","Evelyn Waugh","Herman Melville","J. R. R. Tolkien"])");
  EXPECT_EQ(Eval("$.store.*.color", store), R"(["red"])");
  EXPECT_EQ(Eval("$..book[2].title", store), R"(["Moby Dick"])");
  EXPECT_EQ(Eval("$..book[-2].title", store), R"(["Moby Dick"])");
  EXPECT_EQ(Eval("$..book[0,1].title", store), R"(["Sayings of the Century","Sword of Honour"])");
  EXPECT_EQ(Eval("$..book[:2].price", store), "[8.95,12.99]");
  EXPECT_EQ(Eval("$..book[-2:].price", store), "[8.99,22.99]");
}

TEST(PathDescendantTest, NamesAtEveryDepthInDocumentOrder) {
  EXPECT_EQ(Eval("$..author", Store()),
            R"(["Nigel Rees","Evelyn Waugh","Herman Melville","J. R. R. Tolkien"])");
  EXPECT_EQ(Eval("$.store..price", Store()), "[8.95,12.99,8.99,22.99,19.95]");
  json::Value tree =
      Json(R"({"name":"root","kids":[{"name":"k1","kids":[{"name":"g"}]},{"name":"k2"}]})");
  EXPECT_EQ(Eval("$..name", tree), R"(["root","k1","g","k2"])");
}

TEST(PathDescendantTest, IndexBelowEveryArray) {
  EXPECT_EQ(Eval("$..[0]", Json(R"({"a":[1,[2,3]],"b":{"c":[4]}})")), "[1,2,4]");
}

TEST(PathDescendantTest, WildcardListsEveryNodeLevelByLevelPerNode) {
  // Jayway's ScanPathToken: a node's children are listed before its grandchildren.
  EXPECT_EQ(Eval("$..*", Json(R"({"a":{"b":1},"c":[2,{"d":3}]})")),
            R"([{"b":1},[2,{"d":3}],1,2,{"d":3},3])");
}

TEST(PathDescendantTest, NameUnionAppliesWhereEveryNameIsPresent) {
  json::Value input = Json(R"({"a":1,"b":2,"k":{"a":3},"m":{"a":5,"b":6}})");
  EXPECT_EQ(Eval("$..['a','b']", input), R"([{"a":1,"b":2},{"a":5,"b":6}])");
}

TEST(PathDescendantTest, DeepDocumentsDoNotUseTheCallStack) {
  // Built directly rather than parsed, so that only the walk is under test.
  json::Value deep = json::Value::Int(1);
  for (int i = 0; i < 900; ++i) deep = json::Value::Object({{"x", deep}});
  Result<Path> path = Path::Compile("$..x");
  ASSERT_TRUE(path.ok());
  std::optional<json::Value> all = path.value().Evaluate({.input = &deep});
  ASSERT_TRUE(all.has_value());
  EXPECT_EQ(all->size(), 900u);
}

// ---- length()
// ------------------------------------------------------------------------------------

TEST(PathLengthTest, ArrayAndObjectSizes) {
  json::Value input = Json(R"({"a":[1,2,3],"o":{"x":1,"y":2},"e":[]})");
  EXPECT_EQ(Eval("$.a.length()", input), "3");
  EXPECT_EQ(Eval("$.o.length()", input), "2");
  EXPECT_EQ(Eval("$.e.length()", input), "0");
  EXPECT_EQ(Eval("$.length()", input), "3");
}

TEST(PathLengthTest, ScalarsHaveNullLengthAndMissingNodesNone) {
  // Jayway's Length returns null for anything but an array or an object.
  json::Value input = Json(R"({"s":"text"})");
  EXPECT_EQ(Eval("$.s.length()", input), "null");
  EXPECT_EQ(Eval("$.nope.length()", input), "nothing");
}

TEST(PathLengthTest, AppliesToEachMatchOfAnIndefinitePath) {
  // Jayway's FunctionPathToken runs at every node the path reaches.
  EXPECT_EQ(Eval("$[*].length()", Json(R"([[1,2],{"a":1},"s"])")), "[2,1,null]");
  EXPECT_EQ(Eval("$..book.length()", Store()), "[4]");
}

// ---- Definite and indefinite
// ---------------------------------------------------------------------

TEST(PathDefiniteTest, NamesAndSingleIndicesAreDefinite) {
  for (const char* text : {"$", "$.a", "$['a'][0].b", "$.a[-1]", "$$.Execution.Id", "$v.a"}) {
    EXPECT_TRUE(Path::Compile(text).value().is_definite()) << text;
  }
}

TEST(PathDefiniteTest, EverythingElseIsIndefinite) {
  for (const char* text : {"$.a[*]", "$.a.*", "$..a", "$.a[0,1]", "$.a[1:2]", "$.a[?(@.x)]",
                           "$.a.length()", "$['a','b']"}) {
    EXPECT_FALSE(Path::Compile(text).value().is_definite()) << text;
  }
}

TEST(PathDefiniteTest, DefinitePathMissesYieldNothingIndefiniteOnesAnEmptyArray) {
  json::Value input = Json(R"({"a":[]})");
  EXPECT_EQ(Eval("$.b", input), "nothing");
  EXPECT_EQ(Eval("$.b[*]", input), "[]");
  EXPECT_EQ(Eval("$.a[*]", input), "[]");
  EXPECT_EQ(Eval("$..zzz", input), "[]");
}

TEST(PathDefiniteTest, ResultSharesTheInputsNode) {
  json::Value input = Json(R"({"a":{"b":[1,2,3],"c":"a string longer than fourteen"}})");
  std::optional<json::Value> b = Path::Compile("$.a.b").value().Evaluate({.input = &input});
  ASSERT_TRUE(b.has_value());
  EXPECT_TRUE(b->SharesNodeWith(*input.Find("a")->Find("b")));
  std::optional<json::Value> all = Path::Compile("$.a.*").value().Evaluate({.input = &input});
  ASSERT_TRUE(all.has_value());
  EXPECT_TRUE(all->items()[1].SharesNodeWith(*input.Find("a")->Find("c")));
}

TEST(PathDefiniteTest, CopiesShareTheCompiledForm) {
  Path path = Path::Compile("$.a").value();
  Path copy = path;
  EXPECT_EQ(&copy.text(), &path.text());
}

// ---- Normalized
// ----------------------------------------------------------------------------------

TEST(PathNormalizedTest, NamesInBracketsAsAwsMessagesShowThem) {
  EXPECT_EQ(Path::Compile("$.NoSuchOutputPath").value().Normalized(), "$['NoSuchOutputPath']");
  EXPECT_EQ(Path::Compile("$.a[0].b").value().Normalized(), "$['a'][0]['b']");
  EXPECT_EQ(Path::Compile("$").value().Normalized(), "$");
}

TEST(PathNormalizedTest, RootsKeepTheirSpelling) {
  EXPECT_EQ(Path::Compile("$$.Execution.Id").value().Normalized(), "$$['Execution']['Id']");
  EXPECT_EQ(Path::Compile("$order.id").value().Normalized(), "$order['id']");
}

TEST(PathNormalizedTest, QuotesAreKeptAndEscaped) {
  EXPECT_EQ(Path::Compile(R"($["a"])").value().Normalized(), R"($["a"])");
  EXPECT_EQ(Path::Compile(R"($['it\'s'])").value().Normalized(), R"($['it\'s'])");
  EXPECT_EQ(Path::Compile(R"($.a\b)").value().Normalized(), R"($['a\\b'])");
}

TEST(PathNormalizedTest, EveryKindOfStep) {
  EXPECT_EQ(Path::Compile("$..book[*]").value().Normalized(), "$..['book'][*]");
  EXPECT_EQ(Path::Compile("$.a.*").value().Normalized(), "$['a'][*]");
  EXPECT_EQ(Path::Compile("$.a[1:3]").value().Normalized(), "$['a'][1:3]");
  EXPECT_EQ(Path::Compile("$.a[:2]").value().Normalized(), "$['a'][:2]");
  EXPECT_EQ(Path::Compile("$.a[::2]").value().Normalized(), "$['a'][::2]");
  EXPECT_EQ(Path::Compile("$.a[0, 2]").value().Normalized(), "$['a'][0,2]");
  EXPECT_EQ(Path::Compile("$['a', 'b']").value().Normalized(), "$['a','b']");
  EXPECT_EQ(Path::Compile("$.a[?(@.x > 1)]").value().Normalized(), "$['a'][?]");
  EXPECT_EQ(Path::Compile("$.a.length()").value().Normalized(), "$['a'].length()");
  EXPECT_EQ(Path::Compile("$..[0]").value().Normalized(), "$..[0]");
}

// ---- Robustness
// ----------------------------------------------------------------------------------

TEST(PathRobustnessTest, EveryPrefixCompilesOrFailsCleanly) {
  const std::string text =
      R"($..book[?(@.price < $.expensive && (@.isbn || !(@.tags[0] =~ /a.*b/i)))]['title', "x"][1:-1:2].length())";
  json::Value store = Store();
  for (size_t n = 0; n <= text.size(); ++n) {
    Result<Path> path = Path::Compile(text.substr(0, n));
    if (path.ok()) {
      path.value().Evaluate({.input = &store});
    } else {
      EXPECT_EQ(path.error().name(), "InvalidPath");
    }
  }
}

TEST(PathRobustnessTest, RandomTextNeverCrashes) {
  // A fixed seed keeps this repeatable; fuzz/ explores further.
  std::mt19937 random(20240611);
  const std::string alphabet =
      "$$$@...[[]]()**?"
      "?''\",:-0123456789abxyz =!<>&|~/\\\tü";
  json::Value input = Json(R"({"a":[1,{"b":"x"},[2,3]],"b":{"a":null},"x":"ab"})");
  json::Value context = Json(R"({"Execution":{"Id":"e"}})");
  MapVariables variables;
  variables.Set("v", input);
  Roots roots{.input = &input, .context = &context, .variables = &variables};
  int compiled = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string text = (i % 2 == 0) ? "$" : "";
    size_t length = random() % 40;
    for (size_t k = 0; k < length; ++k) text += alphabet[random() % alphabet.size()];
    Result<Path> path = Path::Compile(text);
    if (!path.ok()) {
      EXPECT_EQ(path.error().name(), "InvalidPath") << text;
      continue;
    }
    ++compiled;
    path.value().Evaluate(roots);
    path.value().Normalized();
  }
  EXPECT_GT(compiled, 100);
}

}  // namespace
}  // namespace stepwise::jsonpath

namespace stepwise::jsonpath::testing {
namespace {

// JSONPath's original description writes the last element as [(@.length-1)].
TEST(PathTest, LengthScriptIndexCountsFromTheEnd) {
  json::Value input = Json(R"([{"bar":1},{"bar":2},{"bar":3}])");
  EXPECT_EQ(Eval("$[(@.length-1)].bar", input), "3");
  EXPECT_EQ(Eval("$[( @.length - 2 )].bar", input), "2");
  EXPECT_FALSE(Path::Compile("$[(@.length+1)]").ok());
  EXPECT_FALSE(Path::Compile("$[(@.size-1)]").ok());
  EXPECT_FALSE(Path::Compile("$[(@.length-0)]").ok());
}

}  // namespace
}  // namespace stepwise::jsonpath::testing
