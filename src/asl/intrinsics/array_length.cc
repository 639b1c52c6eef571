#include "asl/intrinsics/functions.h"

namespace stepwise::asl::detail {

// States.ArrayLength(array): the number of elements of array.
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-arrays
Result<json::Value> EvaluateArrayLength(const Invocation& invocation) {
  return json::Value::Int(static_cast<int64_t>(invocation.args[0].size()));
}

}  // namespace stepwise::asl::detail
