#include "common/result.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace stepwise {
namespace {

Result<int> Half(int n) {
  if (n % 2 != 0) return Error("Odd", std::to_string(n) + " is odd");
  return n / 2;
}

Result<int> Quarter(int n) {
  int half = TRY(Half(n));
  return TRY(Half(half));
}

TEST(ResultTest, TryPropagatesTheFirstError) {
  EXPECT_EQ(Quarter(8).value(), 2);
  Result<int> odd = Quarter(6);
  ASSERT_FALSE(odd.ok());
  EXPECT_EQ(odd.error().name(), "Odd");
  EXPECT_EQ(odd.error().message(), "3 is odd");
}

TEST(ResultTest, HoldsMoveOnlyValues) {
  Result<std::unique_ptr<int>> r = std::make_unique<int>(7);
  ASSERT_TRUE(r.ok());
  std::unique_ptr<int> p = r.release_value();
  EXPECT_EQ(*p, 7);
}

Result<void> Check(bool good) {
  if (!good) return Error("Bad", "not good");
  return Ok();
}

Result<int> UseCheck(bool good) {
  TRY(Check(good));
  return 1;
}

TEST(ResultTest, VoidResults) {
  EXPECT_TRUE(UseCheck(true).ok());
  EXPECT_EQ(UseCheck(false).error().name(), "Bad");
}

}  // namespace
}  // namespace stepwise
