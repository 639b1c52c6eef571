#include "asl/timestamp.h"

#include <gtest/gtest.h>

namespace stepwise::asl {
namespace {

TEST(TimestampTest, ParsesRfc3339) {
  auto t = ParseTimestamp("2016-03-14T01:59:00Z");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->epoch_seconds, 1457920740);
  EXPECT_EQ(t->nanos, 0);
  EXPECT_EQ(ParseTimestamp("2016-03-14T02:59:00+01:00"), t);
  EXPECT_EQ(ParseTimestamp("2016-03-14t01:59:00z"), t);
  EXPECT_EQ(ParseTimestamp("2016-03-14T01:59:00.250Z")->nanos, 250000000);
  EXPECT_EQ(ParseTimestamp("1969-12-31T23:59:59Z")->epoch_seconds, -1);
}

// The values AWS rejects at CreateStateMachine with "String does not match RFC3339 timestamp".
TEST(TimestampTest, RejectsWhatAwsRejects) {
  EXPECT_FALSE(ParseTimestamp("2016-13-05T21:29:29Z"));  // month 13
  EXPECT_FALSE(ParseTimestamp("2016-12-05T25:29:29Z"));  // hour 25
  EXPECT_FALSE(ParseTimestamp("2016-12-05 21:29:29Z"));  // no T
  EXPECT_FALSE(ParseTimestamp("2016-12-05T21:29:29"));   // no offset
  EXPECT_FALSE(ParseTimestamp("2015-02-29T00:00:00Z"));  // not a leap year
  EXPECT_FALSE(ParseTimestamp("2016-12-05T21:29Z"));     // no seconds
  EXPECT_FALSE(ParseTimestamp("2016-12-05T21:29:29.Z"));
  EXPECT_FALSE(ParseTimestamp(""));
  EXPECT_TRUE(ParseTimestamp("2016-02-29T00:00:00Z"));
}

TEST(TimestampTest, FormatsWithMillisecondsInUtc) {
  EXPECT_EQ(FormatTimestamp(*ParseTimestamp("2016-03-14T02:59:00.123456+01:00")),
            "2016-03-14T01:59:00.123Z");
  EXPECT_EQ(FormatTimestamp(Timestamp{-1, 0}), "1969-12-31T23:59:59.000Z");
}

}  // namespace
}  // namespace stepwise::asl
