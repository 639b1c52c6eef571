#include "asl/intrinsics/arguments.h"
#include "asl/intrinsics/functions.h"

namespace stepwise::asl::detail {

// States.ArrayGetItem(array, index): the element at index (0-based). A non-integer index is
// rounded to the nearest integer; an index outside the array fails.
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-arrays
Result<json::Value> EvaluateArrayGetItem(const Invocation& invocation) {
  const json::Value& array = invocation.args[0];
  const std::optional<int32_t> index = ToInt32(invocation.args[1]);
  if (!index || *index < 0 || static_cast<size_t>(*index) >= array.size()) {
    return InvalidArguments(invocation);
  }
  return *array.At(static_cast<size_t>(*index));
}

}  // namespace stepwise::asl::detail
