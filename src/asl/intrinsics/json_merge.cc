#include "asl/intrinsics/arguments.h"
#include "asl/intrinsics/functions.h"

namespace stepwise::asl::detail {

// States.JsonMerge(left, right, deep): left's members, then right's; where a key is in both,
// right's value replaces left's (nested objects are not merged). AWS supports only this shallow
// mode, so deep must be false.
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-json-manipulate
Result<json::Value> EvaluateJsonMerge(const Invocation& invocation) {
  if (invocation.args[2].as_bool()) return InvalidArguments(invocation);
  const json::Value& left = invocation.args[0];
  const json::Value& right = invocation.args[1];
  if (right.size() == 0) return left;
  if (left.size() == 0) return right;
  // ObjectBuilder keeps a repeated key at its first position with its last value: exactly the
  // shallow merge.
  json::ObjectBuilder merged(left.size() + right.size());
  for (const json::Member& member : left.members()) merged.Add(member.key, member.value);
  for (const json::Member& member : right.members()) merged.Add(member.key, member.value);
  return merged.Build();
}

}  // namespace stepwise::asl::detail
