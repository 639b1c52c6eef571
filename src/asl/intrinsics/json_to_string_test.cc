#include <gtest/gtest.h>

#include "asl/intrinsics/test_util.h"

namespace stepwise::asl {
namespace {

using testing::Eval;

std::string Stringify(std::string_view value) {
  return Eval("States.JsonToString($.v)", std::string(R"({"v":)") + std::string(value) + "}");
}

TEST(JsonToStringTest, WritesCompactJson) {
  // Recorded against AWS.
  EXPECT_EQ(Stringify("null"), R"("null")");
  EXPECT_EQ(Stringify("0"), R"("0")");
  EXPECT_EQ(Stringify("1.1"), R"("1.1")");
  EXPECT_EQ(Stringify(R"("HelloWorld")"), R"("\"HelloWorld\"")");
  EXPECT_EQ(Stringify(R"([1, 2, "HelloWorld"])"), R"("[1,2,\"HelloWorld\"]")");
  EXPECT_EQ(Stringify(R"({"test": "object"})"), R"("{\"test\":\"object\"}")");
}

TEST(JsonToStringTest, DoublesPrintAsAwsPrintsThem) {
  EXPECT_EQ(Stringify("[1.0, 1e7, 0.0001]"), R"("[1.0,1.0E7,1.0E-4]")");
}

TEST(JsonToStringTest, LiteralsAndNestedCalls) {
  EXPECT_EQ(Eval("States.JsonToString('x')"), R"("\"x\"")");
  EXPECT_EQ(Eval("States.JsonToString(States.Array(1, true, null))"), R"("[1,true,null]")");
}

TEST(JsonToStringTest, BoundedByThePayloadLimit) {
  const std::string big(200 * 1024, 'x');
  EXPECT_EQ(Eval("States.JsonToString(States.Array($.s, $.s))", R"({"s":")" + big + R"("})"),
            "States.IntrinsicFailure: There was an error while evaluating the intrinsic function: "
            "States.JsonToString(States.Array($.s, $.s)). Invalid arguments in "
            "States.JsonToString: a value is larger than the payload size limit of 262144 bytes");
}

}  // namespace
}  // namespace stepwise::asl
