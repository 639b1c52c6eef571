#include <vector>

#include "asl/intrinsics/functions.h"

namespace stepwise::asl::detail {

// States.Array(values...): the values, in order, as an array.
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-arrays
Result<json::Value> EvaluateArray(const Invocation& invocation) {
  return json::Value::Array(
      std::vector<json::Value>(invocation.args.begin(), invocation.args.end()));
}

}  // namespace stepwise::asl::detail
