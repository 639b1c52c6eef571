#include <cstdint>

#include "asl/intrinsics/arguments.h"
#include "asl/intrinsics/functions.h"

namespace stepwise::asl::detail {

// States.MathAdd(a, b): a + b. Both are integers in the int32 range, and so is the sum; a
// non-integer is first rounded to the nearest integer, each operand separately (recorded against
// AWS: 1.5 + 1.51 is 4, -1.49 + -1.5 is -2, -2.5 + 0 is -2).
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-math-operation
Result<json::Value> EvaluateMathAdd(const Invocation& invocation) {
  const std::optional<int32_t> a = ToInt32(invocation.args[0]);
  const std::optional<int32_t> b = ToInt32(invocation.args[1]);
  if (!a || !b) return InvalidArguments(invocation);
  const int64_t sum = static_cast<int64_t>(*a) + *b;
  if (sum < INT32_MIN || sum > INT32_MAX) return InvalidArguments(invocation);
  return json::Value::Int(sum);
}

}  // namespace stepwise::asl::detail
