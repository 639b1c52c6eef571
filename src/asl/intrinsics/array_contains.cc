#include "asl/intrinsics/arguments.h"
#include "asl/intrinsics/functions.h"

namespace stepwise::asl::detail {

// States.ArrayContains(array, value): whether an element of array equals value, comparing as JSON
// does (deeply; objects regardless of member order; 1 equals 1.0).
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-arrays
Result<json::Value> EvaluateArrayContains(const Invocation& invocation) {
  const json::Value& array = invocation.args[0];
  const json::Value& wanted = invocation.args[1];
  // The guide: "The input array can't exceed Step Functions' payload size limit of 256 KiB."
  if (!FitsPayload(array) || !FitsPayload(wanted)) return PayloadTooLarge(invocation);
  for (const json::Value& item : array.items()) {
    if (item == wanted) return json::Value::Bool(true);
  }
  return json::Value::Bool(false);
}

}  // namespace stepwise::asl::detail
