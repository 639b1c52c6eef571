#include <algorithm>
#include <vector>

#include "asl/intrinsics/arguments.h"
#include "asl/intrinsics/functions.h"

namespace stepwise::asl::detail {

// States.ArrayPartition(array, size): array cut into chunks of size elements, the last one
// possibly shorter. The size must be a positive integer; a non-integer is rounded to the nearest
// integer first, as the guide says. The chunks share the array's elements.
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-arrays
Result<json::Value> EvaluateArrayPartition(const Invocation& invocation) {
  const json::Value& array = invocation.args[0];
  const std::optional<int32_t> size = ToInt32(invocation.args[1]);
  if (!size || *size <= 0) return InvalidArguments(invocation);
  if (!FitsPayload(array)) return PayloadTooLarge(invocation);
  const auto items = array.items();
  const auto chunk = static_cast<size_t>(*size);
  std::vector<json::Value> chunks;
  chunks.reserve(items.size() / chunk + 1);
  for (size_t begin = 0; begin < items.size(); begin += chunk) {
    const size_t end = std::min(items.size(), begin + chunk);
    chunks.push_back(
        json::Value::Array(std::vector<json::Value>(items.begin() + begin, items.begin() + end)));
  }
  return json::Value::Array(std::move(chunks));
}

}  // namespace stepwise::asl::detail
