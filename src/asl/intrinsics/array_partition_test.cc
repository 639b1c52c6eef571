#include <gtest/gtest.h>

#include <string>

#include "asl/intrinsics/test_util.h"

namespace stepwise::asl {
namespace {

using testing::Eval;

std::string Partition(std::string_view array, std::string_view size) {
  return Eval("States.ArrayPartition($.a, $.n)",
              "{\"a\":" + std::string(array) + ",\"n\":" + std::string(size) + "}");
}

TEST(ArrayPartitionTest, CutsIntoChunks) {
  // The guide's example.
  EXPECT_EQ(Eval("States.ArrayPartition($.inputArray,4)", R"({"inputArray":[1,2,3,4,5,6,7,8,9]})"),
            "[[1,2,3,4],[5,6,7,8],[9]]");
}

TEST(ArrayPartitionTest, RecordedEdgeCases) {
  // Recorded against AWS.
  EXPECT_EQ(Partition("[]", "1"), "[]");
  EXPECT_EQ(Partition("[]", "5"), "[]");
  EXPECT_EQ(Partition("[0]", "3"), "[[0]]");
  EXPECT_EQ(Partition("[0,1]", "2"), "[[0,1]]");
  EXPECT_EQ(Partition("[0,1,2]", "1"), "[[0],[1],[2]]");
  EXPECT_EQ(Partition("[0,1,2,3]", "3"), "[[0,1,2],[3]]");
  EXPECT_EQ(Partition("[0,1,2,3]", "5"), "[[0,1,2,3]]");
}

TEST(ArrayPartitionTest, NonIntegerSizesAreRounded) {
  // The guide: "If you specify a non-integer value for the second argument, Step Functions will
  // round it off to the nearest integer."
  EXPECT_EQ(Partition("[1,2,3,4,5]", "2.4"), "[[1,2],[3,4],[5]]");
  EXPECT_EQ(Partition("[1,2,3,4,5]", "2.5"), "[[1,2,3],[4,5]]");
}

TEST(ArrayPartitionTest, HugeSize) { EXPECT_EQ(Partition("[1,2,3]", "2147483647"), "[[1,2,3]]"); }

TEST(ArrayPartitionTest, SizeMustBePositive) {
  const std::string invalid =
      testing::InvalidArguments("States.ArrayPartition($.a, $.n)", "States.ArrayPartition");
  EXPECT_EQ(Partition("[1]", "0"), invalid);
  EXPECT_EQ(Partition("[1]", "-1"), invalid);
  EXPECT_EQ(Partition("[1]", "0.49"), invalid);
  EXPECT_EQ(Partition("[1]", "3000000000"), invalid);
}

TEST(ArrayPartitionTest, ArgumentKinds) {
  EXPECT_EQ(Partition(R"("not an array")", "2"),
            testing::InvalidArguments("States.ArrayPartition($.a, $.n)", "States.ArrayPartition"));
  EXPECT_EQ(Partition("[1]", R"("2")"),
            testing::InvalidArguments("States.ArrayPartition($.a, $.n)", "States.ArrayPartition"));
  EXPECT_EQ(testing::CompileError("States.ArrayPartition('x', 2)"),
            "Argument 1 of States.ArrayPartition must be an array, not a string at position 23 in "
            "'States.ArrayPartition('x', 2)'");
}

TEST(ArrayPartitionTest, ChunksShareTheElements) {
  Result<IntrinsicCall> call = IntrinsicCall::Compile("States.ArrayPartition($.a, 1)");
  ASSERT_TRUE(call.ok());
  const json::Value input = testing::Json(R"({"a":[{"k":"a long enough string"}]})");
  Result<json::Value> result = call.value().Evaluate(jsonpath::Roots{&input}, IntrinsicContext{});
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result.value().At(0)->At(0)->SharesNodeWith(*input.Find("a")->At(0)));
}

}  // namespace
}  // namespace stepwise::asl
