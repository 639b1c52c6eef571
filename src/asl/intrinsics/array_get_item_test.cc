#include <gtest/gtest.h>

#include <string>

#include "asl/intrinsics/test_util.h"

namespace stepwise::asl {
namespace {

using testing::Eval;

std::string GetItem(std::string_view array, std::string_view index) {
  return Eval("States.ArrayGetItem($.a, $.i)",
              "{\"a\":" + std::string(array) + ",\"i\":" + std::string(index) + "}");
}

const std::string kInvalid =
    testing::InvalidArguments("States.ArrayGetItem($.a, $.i)", "States.ArrayGetItem");

TEST(ArrayGetItemTest, ReturnsTheItem) {
  // Recorded against AWS, and the guide's example.
  EXPECT_EQ(GetItem("[1,2,3,4,5,6,7,8,9]", "5"), "6");
  EXPECT_EQ(GetItem(R"([null,{"b":2}])", "0"), "null");
  EXPECT_EQ(GetItem(R"([null,{"b":2}])", "1"), R"({"b":2})");
  EXPECT_EQ(Eval("States.ArrayGetItem(States.Array('x', 'y', 'z'), 1)"), R"("y")");
}

TEST(ArrayGetItemTest, NonIntegerIndexIsRounded) {
  EXPECT_EQ(GetItem("[10,20,30]", "1.4"), "20");
  EXPECT_EQ(GetItem("[10,20,30]", "1.5"), "30");
}

TEST(ArrayGetItemTest, IndexOutOfRangeFails) {
  EXPECT_EQ(GetItem("[10,20,30]", "3"), kInvalid);
  EXPECT_EQ(GetItem("[10,20,30]", "-1"), kInvalid);
  EXPECT_EQ(GetItem("[]", "0"), kInvalid);
  EXPECT_EQ(GetItem("[10]", "1e20"), kInvalid);
}

TEST(ArrayGetItemTest, ArgumentKinds) {
  EXPECT_EQ(GetItem("[10]", R"("0")"), kInvalid);
  EXPECT_EQ(GetItem(R"("abc")", "0"), kInvalid);
  EXPECT_EQ(testing::CompileError("States.ArrayGetItem($.a, '1')"),
            "Argument 2 of States.ArrayGetItem must be a number, not a string at position 26 in "
            "'States.ArrayGetItem($.a, '1')'");
}

}  // namespace
}  // namespace stepwise::asl
