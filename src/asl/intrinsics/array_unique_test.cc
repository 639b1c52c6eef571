#include <gtest/gtest.h>

#include <string>

#include "asl/intrinsics/test_util.h"

namespace stepwise::asl {
namespace {

using testing::Eval;

std::string Unique(std::string_view array) {
  return Eval("States.ArrayUnique($.a)", "{\"a\":" + std::string(array) + "}");
}

TEST(ArrayUniqueTest, RemovesRepeats) {
  // The guide's example.
  EXPECT_EQ(Unique("[1,2,3,3,3,3,3,3,4]"), "[1,2,3,4]");
  EXPECT_EQ(Unique("[1,2,2,3,3,4]"), "[1,2,3,4]");
}

TEST(ArrayUniqueTest, KeepsFirstOccurrences) {
  EXPECT_EQ(Unique(R"(["b","a","b","c","a"])"), R"(["b","a","c"])");
  EXPECT_EQ(Unique("[]"), "[]");
}

TEST(ArrayUniqueTest, ComparesAsJson) {
  EXPECT_EQ(Unique(R"([{"a":1,"b":[2]},{"b":[2],"a":1},{"a":1}])"), R"([{"a":1,"b":[2]},{"a":1}])");
  EXPECT_EQ(Unique("[1,1.0,-0.0,0,[1],[1.0],null,null,false,0]"), "[1,-0.0,[1],null,false]");
  EXPECT_EQ(Unique(R"(["1",1,true,"true"])"), R"(["1",1,true,"true"])");
}

TEST(ArrayUniqueTest, LargeArraysStayFast) {
  std::string array = "[";
  for (int i = 0; i < 20000; ++i) array += std::to_string(i % 10000) + ",";
  array.back() = ']';
  const std::string result = Unique(array);
  EXPECT_EQ(result.substr(0, 8), "[0,1,2,3");
  EXPECT_EQ(result.substr(result.size() - 11), ",9998,9999]");
}

TEST(ArrayUniqueTest, ArgumentMustBeAnArray) {
  EXPECT_EQ(Unique("1"),
            testing::InvalidArguments("States.ArrayUnique($.a)", "States.ArrayUnique"));
}

}  // namespace
}  // namespace stepwise::asl
