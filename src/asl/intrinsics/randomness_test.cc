#include "asl/intrinsics/randomness.h"

#include <gtest/gtest.h>

#include "asl/intrinsics/test_util.h"

namespace stepwise::asl::detail {
namespace {

TEST(JavaRandomTest, MatchesJavaUtilRandom) {
  // Well-known outputs of java.util.Random.
  EXPECT_EQ(JavaRandom(0).Next(32), -1155484576);   // new Random(0).nextInt()
  EXPECT_EQ(JavaRandom(42).Next(32), -1170105035);  // new Random(42).nextInt()
  EXPECT_EQ(JavaRandom(0).NextLong(), -4962768465676381896LL);
}

TEST(JavaRandomTest, NextIntBounds) {
  EXPECT_EQ(JavaRandom(3).NextInt(999), 239);
  EXPECT_EQ(JavaRandom(42).NextInt(100), 30);
  EXPECT_EQ(JavaRandom(1).NextInt(16), 11);  // a power of two takes the high bits
  JavaRandom random(5);
  for (int i = 0; i < 1000; ++i) {
    const int32_t value = random.NextInt(7);
    EXPECT_GE(value, 0);
    EXPECT_LT(value, 7);
  }
}

TEST(UniformBelowTest, InRange) {
  testing::SeededRandom random;
  for (uint64_t bound : {uint64_t{1}, uint64_t{2}, uint64_t{3}, uint64_t{1000}, UINT64_MAX}) {
    for (int i = 0; i < 100; ++i) EXPECT_LT(UniformBelow(random, bound), bound);
  }
}

TEST(RandomForTest, PrefersTheContextsSource) {
  testing::ScriptedRandom scripted({5});
  IntrinsicContext context;
  context.random = &scripted;
  EXPECT_EQ(RandomFor(context).Next(), 5u);
  IntrinsicContext without;
  RandomSource& thread_default = RandomFor(without);
  EXPECT_EQ(&thread_default, &RandomFor(without));
}

}  // namespace
}  // namespace stepwise::asl::detail
