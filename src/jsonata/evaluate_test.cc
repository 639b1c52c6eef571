#include "jsonata/evaluate.h"

#include <chrono>
#include <optional>
#include <string>

#include "gtest/gtest.h"
#include "json/parse.h"
#include "json/write.h"
#include "jsonata/parser.h"

namespace stepwise::jsonata {
namespace {

// The result as compact JSON, "undefined", or "error <code>".
std::string EvalText(std::string_view expression, std::string_view input = "",
                     const Bindings& bindings = Bindings(), const EvalLimits& limits = {}) {
  Result<Expression> parsed = Parse(expression);
  if (!parsed.ok()) return "parse error " + parsed.error().name();
  std::optional<json::Value> data;
  if (!input.empty()) data = json::Parse(input).value();
  Result<std::optional<json::Value>> result =
      Evaluate(parsed.value(), data.has_value() ? &*data : nullptr, bindings, limits);
  if (!result.ok()) return "error " + result.error().name();
  if (!result.value().has_value()) return "undefined";
  return json::Write(*result.value());
}

TEST(EvaluateTest, PathsFlattenSequences) {
  EXPECT_EQ(EvalText("a.b", R"({"a":[{"b":1},{"b":[2,3]}]})"), "[1,2,3]");
  EXPECT_EQ(EvalText("a.b", R"({"a":{"b":1}})"), "1");
  EXPECT_EQ(EvalText("a.c", R"({"a":{"b":1}})"), "undefined");
}

// The evaluator's fast paths (literal-key objects, grouping by scan then by index, blocks that
// share their parent's frame, plain JSON paths) give what the general ones give.
TEST(EvaluateTest, ObjectsWithLiteralKeysKeepOrderAndDropUndefined) {
  EXPECT_EQ(EvalText("{'b': a, 'a': 1, 'c': nothing, 'f': function(){1}}", R"({"a":[2]})"),
            R"({"b":[2],"a":1})");
  EXPECT_EQ(EvalText("{'a': 1, 'a': 2}", "{}"), "error D1009");
}

TEST(EvaluateTest, GroupingPastManyKeysKeepsFirstSeenOrder) {
  std::string input = "[";
  for (int i = 0; i < 30; ++i) {
    if (i > 0) input += ",";
    input += R"({"k":"k)" + std::to_string(i % 12) + R"(","v":)" + std::to_string(i) + "}";
  }
  input += "]";
  EXPECT_EQ(EvalText("${k: $sum(v)}", input),
            R"({"k0":36,"k1":39,"k2":42,"k3":45,"k4":48,"k5":51,"k6":24,"k7":26,"k8":28,)"
            R"("k9":30,"k10":32,"k11":34})");
}

TEST(EvaluateTest, BlocksScopeTheirBindings) {
  EXPECT_EQ(EvalText("($x := 1; ($x := 2; $y := 3); [$x, $y])"), "[1]");
  EXPECT_EQ(EvalText("($x := 1; ($eval('$x := 2'); $x))"), "2");
  EXPECT_EQ(EvalText("($x := 1; ($eval('$x := 2')); $x)"), "1");
  EXPECT_EQ(EvalText("a.(b * 2)", R"({"a":[{"b":1},{"b":2}]})"), "[2,4]");
}

TEST(EvaluateTest, PlainPathsOverArraysAndVariables) {
  EXPECT_EQ(EvalText("a.b.c", R"({"a":{"b":[{"c":1},{"c":2}]}})"), "[1,2]");
  EXPECT_EQ(EvalText("a.b.c", R"({"a":[{"b":{"c":1}},{"b":{"c":2}}]})"), "[1,2]");
  EXPECT_EQ(EvalText("($v := {'a': {'b': 5}}; $v.a.b)"), "5");
  EXPECT_EQ(EvalText("($v := [{'a': 1}, {'a': 2}]; $v.a)"), "[1,2]");
  EXPECT_EQ(EvalText("a[]", R"({"a":1})"), "[1]");
}

TEST(EvaluateTest, ArithmeticOnAStringIsT2001) { EXPECT_EQ(EvalText("'a' + 1"), "error T2001"); }

TEST(EvaluateTest, BindingsProvideVariables) {
  Bindings bindings;
  bindings.Bind("x", json::Value::Int(41));
  EXPECT_EQ(EvalText("$x + 1", "", bindings), "42");
}

TEST(EvaluateTest, HostFunctionsAreCalledWithValidatedArguments) {
  Bindings bindings;
  ASSERT_TRUE(bindings
                  .BindFunction("twice", "<n:n>",
                                [](std::span<const std::optional<json::Value>> args)
                                    -> Result<std::optional<json::Value>> {
                                  return std::optional<json::Value>(
                                      json::Value::Double(args[0]->as_number() * 2));
                                })
                  .ok());
  EXPECT_EQ(EvalText("$twice(21)", "", bindings), "42");
  EXPECT_EQ(EvalText("$twice('a')", "", bindings), "error T0410");
  EXPECT_EQ(EvalText("[1,2].$twice($)", "", bindings), "[2,4]");
}

TEST(EvaluateTest, DeepRecursionFailsCleanly) {
  EXPECT_EQ(EvalText("($f := function($n){$n = 0 ? 0 : 1 + $f($n - 1)}; $f(100000))"),
            "error U1001");
}

TEST(EvaluateTest, TailCallsDoNotGrowTheStack) {
  EXPECT_EQ(EvalText("($f := function($n, $a){$n = 0 ? $a : $f($n - 1, $a + 1)}; $f(100000, 0))"),
            "100000");
}

// Built-ins that are quadratic in their input honour the time budget (hangs found by probing
// the built-ins with large inputs through jsonata_fuzz).
TEST(EvaluateTest, DistinctOfManyItemsTimesOut) {
  EvalLimits limits;
  limits.timeout = std::chrono::milliseconds(100);
  EXPECT_EQ(EvalText("$count($distinct([1..100000]))", "", Bindings(), limits), "error U1001");
}

TEST(EvaluateTest, MergeOfManyKeysTimesOut) {
  EvalLimits limits;
  limits.timeout = std::chrono::milliseconds(100);
  EXPECT_EQ(EvalText("$count($keys($merge([1..30000].{$string(): 0})))", "", Bindings(), limits),
            "error U1001");
}

// Strings stop growing at JavaScript's own bound (RangeError, as the reference fails), before
// they can take the process's memory (out-of-memory aborts found by jsonata_fuzz; `&` doubling a
// string is fuzz/corpus/jsonata_fuzz/oom-concat).
TEST(EvaluateTest, StringsCannotOutgrowJavaScriptsBound) {
  EXPECT_EQ(EvalText(R"($pad("", 1e11))"), "error RangeError");
  EXPECT_EQ(EvalText(R"($pad("", -1e11, "ab"))"), "error RangeError");
  EXPECT_EQ(EvalText(R"($pad("ab", 1e91, "xyz"))"), "error RangeError");  // no size_t holds it
  EXPECT_EQ(EvalText(R"($length($pad("", 1000, "é")))"), "1000");
  EvalLimits small;
  small.max_string_bytes = 1000;
  EXPECT_EQ(EvalText(R"($pad("", 600) & $pad("", 600))", "", Bindings(), small), "error RangeError");
  EXPECT_EQ(EvalText(R"($pad("", 998) & 12345)", "", Bindings(), small), "error RangeError");
  EXPECT_EQ(EvalText(R"($join([$pad("", 600), $pad("", 600)]))", "", Bindings(), small),
            "error RangeError");
  EXPECT_EQ(EvalText(R"($pad("", 1001))", "", Bindings(), small), "error RangeError");
  EXPECT_EQ(EvalText(R"($length($pad("", 500) & $pad("", 500)))", "", Bindings(), small), "1000");
  EXPECT_EQ(EvalText(R"($length($join([1..3].$pad("", 10), "-")))"), "32");
}

TEST(EvaluateTest, InfiniteLoopsTimeOut) {
  EvalLimits limits;
  limits.timeout = std::chrono::milliseconds(50);
  EXPECT_EQ(EvalText("($f := function(){$f()}; $f())", "", Bindings(), limits), "error U1001");
}

TEST(EvaluateTest, StringOfNumbersUsesJavaScriptForm) {
  EXPECT_EQ(EvalText("$string(0.1 + 0.2)"), "\"0.3\"");
  EXPECT_EQ(EvalText("$string({'a': 1e21})"), "\"{\\\"a\\\":1e+21}\"");
}

}  // namespace
}  // namespace stepwise::jsonata
