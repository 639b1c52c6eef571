// Path::Assign, the ResultPath operation.
// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultpath.html

#include <gtest/gtest.h>

#include <string>

#include "json/write.h"
#include "jsonpath/path.h"
#include "jsonpath/test_util.h"

namespace stepwise::jsonpath {
namespace {

using testing::Json;

// Assigns value (JSON text) at path in input (JSON text); returns the result as compact JSON or
// the error as "<name>: <message>".
std::string Assign(std::string_view path, std::string_view input, std::string_view value) {
  Result<Path> compiled = Path::Compile(path);
  if (!compiled.ok()) return "compile error: " + compiled.error().message();
  Result<json::Value> result = compiled.value().Assign(Json(input), Json(value));
  if (!result.ok()) return result.error().name() + ": " + result.error().message();
  return json::Write(result.value());
}

TEST(AssignTest, DollarReplacesTheWholeInput) {
  EXPECT_EQ(Assign("$", R"({"a":1})", R"("Hello, Step Functions!")"),
            R"("Hello, Step Functions!")");
  json::Value result = Json(R"({"r":[1,2]})");
  json::Value assigned = Path::Compile("$").value().Assign(Json("{}"), result).value();
  EXPECT_TRUE(assigned.SharesNodeWith(result));
}

TEST(AssignTest, NewMemberIsAddedAfterTheOthers) {
  EXPECT_EQ(Assign("$.taskresult", R"({"comment":"c","who":"w"})", R"("Hello")"),
            R"({"comment":"c","who":"w","taskresult":"Hello"})");
}

TEST(AssignTest, ExistingMemberIsReplacedInPlace) {
  EXPECT_EQ(Assign("$.a", R"({"a":1,"b":2})", "9"), R"({"a":9,"b":2})");
}

TEST(AssignTest, MissingIntermediateObjectsAreCreated) {
  EXPECT_EQ(Assign("$.a.b.c", "{}", "1"), R"({"a":{"b":{"c":1}}})");
  EXPECT_EQ(Assign("$.a.b.c", R"({"a":{"x":1}})", "1"), R"({"a":{"x":1,"b":{"c":1}}})");
  EXPECT_EQ(Assign("$['a b'][\"c\"]", "{}", "1"), R"({"a b":{"c":1}})");
}

TEST(AssignTest, IndicesReplaceExistingElements) {
  EXPECT_EQ(Assign("$.list[1]", R"({"list":[1,2,3]})", R"("x")"), R"({"list":[1,"x",3]})");
  EXPECT_EQ(Assign("$.list[-1]", R"({"list":[1,2,3]})", R"("x")"), R"({"list":[1,2,"x"]})");
  EXPECT_EQ(Assign("$.list[0].name", R"({"list":[{"id":7}]})", R"("n")"),
            R"({"list":[{"id":7,"name":"n"}]})");
  EXPECT_EQ(Assign("$[0]", "[1,2]", "0"), "[0,2]");
}

TEST(AssignTest, NameOnAStringFails) {
  EXPECT_EQ(Assign("$.a.b", R"({"a":"text"})", "1"),
            "States.ResultPathMatchFailure: Unable to apply step \"b\" to input "
            R"({"a":"text"})");
}

TEST(AssignTest, NameOnAnArrayOrNullFails) {
  EXPECT_EQ(Assign("$.a.b", R"({"a":[1]})", "1"),
            "States.ResultPathMatchFailure: Unable to apply step \"b\" to input {\"a\":[1]}");
  EXPECT_EQ(Assign("$.a.b", R"({"a":null})", "1"),
            "States.ResultPathMatchFailure: Unable to apply step \"b\" to input {\"a\":null}");
}

TEST(AssignTest, IndexOnANonArrayFails) {
  EXPECT_EQ(Assign("$.a[0]", R"({"a":{}})", "1"),
            "States.ResultPathMatchFailure: Unable to apply step \"[0]\" to input {\"a\":{}}");
  EXPECT_EQ(Assign("$.a[0]", "{}", "1"),
            "States.ResultPathMatchFailure: Unable to apply step \"[0]\" to input {}");
}

TEST(AssignTest, IndexOutOfRangeFails) {
  EXPECT_EQ(Assign("$.a[1]", R"({"a":[1]})", "1"),
            "States.ResultPathMatchFailure: Unable to apply step \"[1]\" to input {\"a\":[1]}");
  EXPECT_EQ(Assign("$.a[-2]", R"({"a":[1]})", "1"),
            "States.ResultPathMatchFailure: Unable to apply step \"[-2]\" to input {\"a\":[1]}");
}

TEST(AssignTest, ScalarInputNamesTheWholePath) {
  EXPECT_EQ(Assign("$.partitioned", R"("text")", "1"),
            "States.ResultPathMatchFailure: Unable to apply ReferencePath $.partitioned to input "
            R"("text")");
  EXPECT_EQ(Assign("$.a", "5", "1"),
            "States.ResultPathMatchFailure: Unable to apply ReferencePath $.a to input 5");
  EXPECT_EQ(Assign("$.a", "[1]", "1"),
            "States.ResultPathMatchFailure: Unable to apply step \"a\" to input [1]");
}

TEST(AssignTest, OnlyReferencePathsFromTheInputCanBeAssigned) {
  EXPECT_EQ(Assign("$.a[*]", R"({"a":[1]})", "1"),
            "States.ResultPathMatchFailure: ResultPath $.a[*] is not a reference path ($ "
            "followed by names and indices)");
  EXPECT_EQ(Assign("$$.Execution", "{}", "1"),
            "States.ResultPathMatchFailure: ResultPath $$.Execution is not a reference path ($ "
            "followed by names and indices)");
}

TEST(AssignTest, EverythingOffThePathIsShared) {
  json::Value input = Json(R"({
    "keep": {"big": "a string longer than fourteen bytes", "list": [1, 2, 3]},
    "a": {"b": {"old": true}, "c": {"sibling": [4, 5]}},
    "tail": [6]
  })");
  json::Value value = Json(R"({"new": [7]})");
  json::Value out = Path::Compile("$.a.b").value().Assign(input, value).value();
  EXPECT_TRUE(out.Find("keep")->SharesNodeWith(*input.Find("keep")));
  EXPECT_TRUE(out.Find("tail")->SharesNodeWith(*input.Find("tail")));
  EXPECT_TRUE(out.Find("a")->Find("c")->SharesNodeWith(*input.Find("a")->Find("c")));
  EXPECT_TRUE(out.Find("a")->Find("b")->SharesNodeWith(value));
  // The spine is new, and the input is untouched.
  EXPECT_FALSE(out.Find("a")->SharesNodeWith(*input.Find("a")));
  EXPECT_EQ(json::Write(*input.Find("a")->Find("b")), R"({"old":true})");
}

TEST(AssignTest, ElementsBesideAnIndexAreShared) {
  json::Value input = Json(R"({"list":[{"x":1},{"x":2},{"x":3}]})");
  json::Value out = Path::Compile("$.list[1].x").value().Assign(input, Json("9")).value();
  EXPECT_EQ(json::Write(out), R"({"list":[{"x":1},{"x":9},{"x":3}]})");
  EXPECT_TRUE(out.Find("list")->At(0)->SharesNodeWith(*input.Find("list")->At(0)));
  EXPECT_TRUE(out.Find("list")->At(2)->SharesNodeWith(*input.Find("list")->At(2)));
}

}  // namespace
}  // namespace stepwise::jsonpath
