#include "asl/intrinsics/arguments.h"
#include "asl/intrinsics/functions.h"
#include "json/write.h"

namespace stepwise::asl::detail {

// States.JsonToString(value): value's compact JSON text. Numbers print as AWS prints them
// (recorded: 1.1 is "1.1", [1,2,"HelloWorld"] is "[1,2,\"HelloWorld\"]").
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-json-manipulate
Result<json::Value> EvaluateJsonToString(const Invocation& invocation) {
  if (!FitsPayload(invocation.args[0])) return PayloadTooLarge(invocation);
  return json::Value::String(json::Write(invocation.args[0]));
}

}  // namespace stepwise::asl::detail
