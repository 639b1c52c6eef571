#include "json/value.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "json/parse.h"
#include "json/write.h"

namespace stepwise::json {
namespace {

Value P(std::string_view text) { return Parse(text).value(); }

TEST(ValueTest, ScalarsKeepTheirKind) {
  EXPECT_TRUE(Value().is_null());
  EXPECT_TRUE(Value::Bool(true).as_bool());
  EXPECT_EQ(Value::Int(-7).as_int(), -7);
  EXPECT_EQ(Value::Double(2.5).as_double(), 2.5);
  EXPECT_EQ(Value::Int(3).as_number(), 3.0);
  EXPECT_EQ(KindName(Kind::kInt), "number");
}

TEST(ValueTest, ShortAndLongStrings) {
  Value short_string = Value::String("fourteen chars");  // exactly the inline capacity
  Value long_string = Value::String("a string longer than fourteen bytes");
  EXPECT_EQ(short_string.as_string(), "fourteen chars");
  EXPECT_EQ(long_string.as_string(), "a string longer than fourteen bytes");
  Value copy = long_string;
  EXPECT_TRUE(copy.SharesNodeWith(long_string));
  EXPECT_EQ(Value::String("").as_string(), "");
}

TEST(ValueTest, CopyingSharesTheNode) {
  Value big = P(R"({"items":[1,2,3],"name":"a long enough name to be on the heap"})");
  Value copy = big;
  EXPECT_TRUE(copy.SharesNodeWith(big));
  Value moved = std::move(copy);
  EXPECT_TRUE(moved.SharesNodeWith(big));
  EXPECT_TRUE(copy.is_null());  // NOLINT: moved-from is null by contract
}

TEST(ValueTest, WithBuildsANewSpineAndSharesTheRest) {
  Value original = P(R"({"a":{"deep":[1,2,3]},"b":2})");
  Value changed = original.With("b", Value::Int(3));
  EXPECT_EQ(Write(original), R"({"a":{"deep":[1,2,3]},"b":2})");
  EXPECT_EQ(Write(changed), R"({"a":{"deep":[1,2,3]},"b":3})");
  EXPECT_TRUE(changed.Find("a")->SharesNodeWith(*original.Find("a")));
  Value appended = original.With("c", Value::Null());
  EXPECT_EQ(Write(appended), R"({"a":{"deep":[1,2,3]},"b":2,"c":null})");
  EXPECT_EQ(Write(original.Without("a")), R"({"b":2})");
}

TEST(ValueTest, ArrayCopiesWithOneChange) {
  Value a = P("[1,2]");
  EXPECT_EQ(Write(a.WithAppended(Value::Int(3))), "[1,2,3]");
  EXPECT_EQ(Write(a.WithItem(0, Value::String("x"))), R"(["x",2])");
  EXPECT_EQ(Write(a), "[1,2]");
  EXPECT_EQ(a.At(1)->as_int(), 2);
  EXPECT_EQ(a.At(2), nullptr);
}

TEST(ValueTest, ObjectsKeepInsertionOrder) {
  Value o = Value::Object({{"z", Value::Int(1)}, {"a", Value::Int(2)}, {"m", Value::Int(3)}});
  EXPECT_EQ(Write(o), R"({"z":1,"a":2,"m":3})");
}

TEST(ValueTest, LargeObjectsAreIndexed) {
  ObjectBuilder builder;
  for (int i = 0; i < 1000; ++i) builder.Add("key" + std::to_string(i), Value::Int(i));
  Value o = builder.Build();
  ASSERT_EQ(o.size(), 1000u);
  for (int i = 0; i < 1000; ++i) {
    const Value* v = o.Find("key" + std::to_string(i));
    ASSERT_NE(v, nullptr);
    EXPECT_EQ(v->as_int(), i);
  }
  EXPECT_EQ(o.Find("key1000"), nullptr);
  EXPECT_EQ(o.members()[0].name(), "key0");
}

TEST(ValueTest, RepeatedKeysLastValueFirstPosition) {
  for (int n : {3, 20}) {  // both the scanned and the indexed object
    ObjectBuilder builder;
    builder.Add("dup", Value::Int(1));
    for (int i = 0; i < n; ++i) builder.Add("k" + std::to_string(i), Value::Int(i));
    builder.Add("dup", Value::Int(2));
    int64_t repeated = -1;
    Value o = builder.Build(&repeated);
    EXPECT_EQ(repeated, n + 1);
    EXPECT_EQ(o.size(), static_cast<size_t>(n + 1));
    EXPECT_EQ(o.members()[0].name(), "dup");
    EXPECT_EQ(o.Find("dup")->as_int(), 2);
  }
}

TEST(ValueTest, ObjectsWithDistinctKeys) {
  for (int n : {3, 20}) {
    std::vector<Member> members;
    for (int i = 0; i < n; ++i) members.emplace_back("k" + std::to_string(i), Value::Int(i));
    Value o = Value::ObjectWithDistinctKeys(std::move(members));
    EXPECT_EQ(o.size(), static_cast<size_t>(n));
    EXPECT_EQ(o.Find("k2")->as_int(), 2);
  }
}

TEST(ValueTest, DeepEquality) {
  EXPECT_EQ(P(R"({"a":[1,{"b":null}],"c":"x"})"), P(R"({"c":"x","a":[1,{"b":null}]})"));
  EXPECT_EQ(P("1"), P("1.0"));
  EXPECT_FALSE(P("[1,2]") == P("[2,1]"));
  EXPECT_FALSE(P(R"({"a":1})") == P(R"({"a":1,"b":2})"));
  EXPECT_FALSE(P("null") == P("false"));
  EXPECT_FALSE(P(R"("1")") == P("1"));
}

TEST(ValueTest, SerializedSizeMatchesTheWriter) {
  for (std::string_view text :
       {R"({"a":[1,2.5,-3e40,"x\"y\n"],"long key that is on the heap":{"t":true,"f":false}})",
        "[]", "{}", "null", R"("\u0001é")", "[0.001,1e7,123456.789]"}) {
    Value v = P(text);
    EXPECT_EQ(v.SerializedSize(), Write(v).size()) << text;
    EXPECT_EQ(v.SerializedSize(), Write(v).size()) << "cached: " << text;
  }
}

// A value nested in itself 200 times over is tiny in memory (every level shares the one below)
// but its serialization would have 2^200 bytes: the size saturates rather than wrapping around.
TEST(ValueTest, SerializedSizeOfAHugeSharedDagSaturates) {
  Value v = Value::String("a string that is stored on the heap");
  for (int i = 0; i < 200; ++i) v = Value::Array({v, v});
  EXPECT_EQ(v.SerializedSize(), Value::kMaxSerializedSize);
  Value small = Value::Array({Value::Int(1)});
  EXPECT_EQ(small.SerializedSize(), 3u);
}

TEST(ValueTest, ConcurrentCopiesAreSafe) {
  Value shared = P(R"({"payload":[1,2,3,"a string that lives on the heap"]})");
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([shared] {
      for (int i = 0; i < 10000; ++i) {
        Value copy = shared;
        Value changed = copy.With("i", Value::Int(i));
        ASSERT_EQ(changed.Find("payload")->size(), 4u);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(Write(shared), R"({"payload":[1,2,3,"a string that lives on the heap"]})");
}

}  // namespace
}  // namespace stepwise::json
