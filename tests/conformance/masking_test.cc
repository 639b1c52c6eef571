#include "conformance/masking.h"

#include <gtest/gtest.h>

#include "json/parse.h"
#include "json/write.h"

namespace stepwise::conformance {
namespace {

json::Value J(std::string_view text) { return json::Parse(text).value(); }

TEST(MaskingTest, WholeIsoDateTimesBecomeDate) {
  EXPECT_EQ(MaskString("2016-03-14T01:59:00Z"), "date");
  EXPECT_EQ(MaskString("2016-03-05T21:29:29.243167252Z"), "date");
  EXPECT_EQ(MaskString("2012-10-09T19:00:55+01:00"), "date");
  EXPECT_EQ(MaskString("2012-10-09T19:00:55"), "date");
  EXPECT_EQ(MaskString("2023-02-24"), "2023-02-24");
  EXPECT_EQ(MaskString("at 2016-03-14T01:59:00Z"), "at 2016-03-14T01:59:00Z");
}

TEST(MaskingTest, ArnsRegionsAndAccounts) {
  EXPECT_EQ(MaskString("arn:aws:states:us-east-1:123456789012:stateMachine:m"),
            "arn:<partition>:states:<region>:111111111111:stateMachine:m");
  EXPECT_EQ(MaskString("arn:aws:iam::123456789012:role/r"),
            "arn:<partition>:iam::111111111111:role/r");
  EXPECT_EQ(MaskString("in ap-southeast-2."), "in <region>.");
  EXPECT_EQ(MaskString("us-gov-west-1"), "<region>");
  EXPECT_EQ(MaskString("plus-east-1 us-east-1x"), "plus-east-1 us-east-1x");
  std::string masked = MaskString("arn:aws:lambda:eu-west-1:111111111111:function:f");
  EXPECT_EQ(MaskString(masked), masked);  // idempotent, so both sides can be masked
}

TEST(MaskingTest, TimestampKeysAndNestedStrings) {
  json::Value masked = Mask(J(R"({"timestamp": 5, "start_timestamp": "x", "startTimestamp": 1,
                                  "TimestampValue": "2016-03-14T01:59:00Z", "a": ["us-west-2"]})"));
  EXPECT_EQ(json::Write(masked),
            R"({"timestamp":"timestamp","start_timestamp":"timestamp","startTimestamp":1,)"
            R"("TimestampValue":"date","a":["<region>"]})");
}

TEST(MatchingTest, PlaceholdersAreWildcardsOnlyWhenEnabled) {
  EXPECT_TRUE(StringMatches("a<x>c", "abbbc", Placeholders::kWildcards));
  EXPECT_TRUE(StringMatches("a<x>c", "ac", Placeholders::kWildcards));
  EXPECT_FALSE(StringMatches("a<x>c", "abbbc", Placeholders::kLiteral));
  EXPECT_TRUE(StringMatches("<a>:<b>:z", "1:2:3:z", Placeholders::kWildcards));
  EXPECT_FALSE(StringMatches("<a>:<b>:z", "12z", Placeholders::kWildcards));
  EXPECT_FALSE(StringMatches("ab<x>ba", "aba", Placeholders::kWildcards));
  EXPECT_TRUE(StringMatches("a < b", "a < b", Placeholders::kWildcards));
  EXPECT_FALSE(StringMatches("a < b", "a <> b", Placeholders::kWildcards));
}

TEST(MatchingTest, WholePlaceholderMatchesAnyValue) {
  EXPECT_FALSE(FirstDifference(J(R"({"n": "<RandomNumberGenerated>"})"), J(R"({"n": 7})"),
                               Placeholders::kWildcards));
  EXPECT_TRUE(FirstDifference(J(R"({"n": "<RandomNumberGenerated>"})"), J(R"({"n": 7})"),
                              Placeholders::kLiteral));
}

TEST(MatchingTest, FirstDifferenceNamesThePath) {
  EXPECT_FALSE(FirstDifference(J(R"({"a": 1, "b": [1.0]})"), J(R"({"b": [1], "a": 1.0})"),
                               Placeholders::kLiteral));
  EXPECT_EQ(FirstDifference(J(R"({"a": {"b": [1, 2]}})"), J(R"({"a": {"b": [1, 3]}})"),
                            Placeholders::kLiteral),
            "at $.a.b[1]: expected 2, actual 3");
  EXPECT_EQ(FirstDifference(J(R"({"a": 1})"), J(R"({"a": 1, "z": null})"), Placeholders::kLiteral),
            "at $.z: expected absent, actual null");
}

TEST(EventsTest, ExactOrder) {
  EXPECT_FALSE(CompareEvents({"A", "B"}, {"A", "B"}, EventOrder::kExact));
  EXPECT_EQ(CompareEvents({"A", "B"}, {"A", "C"}, EventOrder::kExact),
            "at #2: expected B, actual C; expected #1... [A,B], actual [A,C]");
}

// The recording of scenarios/base_scenarios.parallel_state_nested: the ParallelStateSucceeded
// events and the inner ParallelStateExited are missing.
TEST(EventsTest, ParallelSortedAcceptsMissingBookkeeping) {
  std::vector<std::string> expected = {
      "ExecutionStarted",     "ParallelStateEntered", "ParallelStateStarted",
      "ParallelStateEntered", "ParallelStateStarted", "PassStateEntered",
      "PassStateExited",      "ParallelStateExited",  "ExecutionSucceeded"};
  std::vector<std::string> ours = {
      "ExecutionStarted",       "ParallelStateEntered",   "ParallelStateStarted",
      "ParallelStateEntered",   "ParallelStateStarted",   "PassStateEntered",
      "PassStateExited",        "ParallelStateSucceeded", "ParallelStateExited",
      "ParallelStateSucceeded", "ParallelStateExited",    "ExecutionSucceeded"};
  EXPECT_FALSE(CompareEvents(expected, ours, EventOrder::kParallelSorted));
  EXPECT_TRUE(CompareEvents(expected, ours, EventOrder::kExact));
}

TEST(EventsTest, ParallelSortedIgnoresOrderInsideParallelsOnly) {
  std::vector<std::string> expected = {
      "ExecutionStarted",  "ParallelStateStarted", "A", "A", "B", "B", "ParallelStateExited", "C",
      "ExecutionSucceeded"};
  std::vector<std::string> ours = {"ExecutionStarted",
                                   "ParallelStateStarted",
                                   "A",
                                   "B",
                                   "A",
                                   "B",
                                   "ParallelStateSucceeded",
                                   "ParallelStateExited",
                                   "C",
                                   "ExecutionSucceeded"};
  EXPECT_FALSE(CompareEvents(expected, ours, EventOrder::kParallelSorted));
  // An event that is not bookkeeping may not go missing, inside or outside.
  ours.insert(ours.begin() + 2, "X");
  EXPECT_TRUE(CompareEvents(expected, ours, EventOrder::kParallelSorted));
  ours.erase(ours.begin() + 2);
  ours.insert(ours.end() - 1, "X");
  EXPECT_TRUE(CompareEvents(expected, ours, EventOrder::kParallelSorted));
  ours.erase(ours.end() - 2);
  EXPECT_FALSE(CompareEvents(expected, ours, EventOrder::kParallelSorted));
  // Outside the Parallel, order counts.
  std::swap(ours[0], ours[1]);
  EXPECT_TRUE(CompareEvents(expected, ours, EventOrder::kParallelSorted));
}

}  // namespace
}  // namespace stepwise::conformance
