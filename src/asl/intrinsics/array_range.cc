#include <vector>

#include "asl/intrinsics/arguments.h"
#include "asl/intrinsics/functions.h"

namespace stepwise::asl::detail {

namespace {

// The guide: "The newly generated array can't contain more than 1000 items."
constexpr int64_t kMaxItems = 1000;

}  // namespace

// States.ArrayRange(first, last, step): first, first + step, ... up to and including last. The
// arguments are integers (non-integers are rounded to the nearest integer first) and the step is
// not zero. A negative step counts down; a step that leads away from last gives an empty array.
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-arrays
Result<json::Value> EvaluateArrayRange(const Invocation& invocation) {
  const std::optional<int32_t> first = ToInt32(invocation.args[0]);
  const std::optional<int32_t> last = ToInt32(invocation.args[1]);
  const std::optional<int32_t> step = ToInt32(invocation.args[2]);
  if (!first || !last || !step || *step == 0) return InvalidArguments(invocation);
  // 64-bit arithmetic: the distance between two int32 values does not fit in 32 bits.
  const int64_t distance = static_cast<int64_t>(*last) - *first;
  int64_t count = 0;
  if ((*step > 0 && distance >= 0) || (*step < 0 && distance <= 0)) {
    count = distance / *step + 1;
  }
  if (count > kMaxItems) return InvalidArguments(invocation);
  std::vector<json::Value> items;
  items.reserve(static_cast<size_t>(count));
  for (int64_t i = 0; i < count; ++i) items.push_back(json::Value::Int(*first + i * *step));
  return json::Value::Array(std::move(items));
}

}  // namespace stepwise::asl::detail
