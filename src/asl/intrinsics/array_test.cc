#include <gtest/gtest.h>

#include "asl/intrinsics/test_util.h"

namespace stepwise::asl {
namespace {

using testing::Eval;

TEST(ArrayTest, Empty) {
  // Recorded against AWS.
  EXPECT_EQ(Eval("States.Array()"), "[]");
}

TEST(ArrayTest, ValuesFromPathsInOrder) {
  // Recorded against AWS: empty and blank strings, nulls, integers and doubles pass unchanged.
  EXPECT_EQ(Eval("States.Array($.a, $.b)", R"({"a":"","b":" "})"), R"([""," "])");
  EXPECT_EQ(Eval("States.Array($.a, $.b)", R"({"a":null,"b":null})"), "[null,null]");
  EXPECT_EQ(Eval("States.Array($.a, $.b)", R"({"a":1,"b":1.1})"), "[1,1.1]");
  EXPECT_EQ(Eval("States.Array($.Id)", R"({"Id":123456})"), "[123456]");
}

TEST(ArrayTest, MixedArguments) {
  EXPECT_EQ(Eval("States.Array('Foo', 2020, $.someJson, null)", R"({"someJson":{"a":[1]}})"),
            R"(["Foo",2020,{"a":[1]},null])");
}

TEST(ArrayTest, NestedArrays) {
  EXPECT_EQ(Eval("States.Array(1, States.Array(2, States.Array()))"), "[1,[2,[]]]");
}

}  // namespace
}  // namespace stepwise::asl
