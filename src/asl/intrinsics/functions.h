#pragma once

#include "asl/intrinsics/function_table.h"
#include "common/result.h"
#include "json/value.h"

// The evaluators of the intrinsic functions, one per file (format.cc, array_partition.cc, ...).
// Each receives arguments whose kinds function_table.cc has already checked; each checks values
// (ranges, sizes, names) itself and fails with States.IntrinsicFailure.
namespace stepwise::asl::detail {

Result<json::Value> EvaluateFormat(const Invocation& invocation);
Result<json::Value> EvaluateStringToJson(const Invocation& invocation);
Result<json::Value> EvaluateJsonToString(const Invocation& invocation);
Result<json::Value> EvaluateArray(const Invocation& invocation);
Result<json::Value> EvaluateArrayPartition(const Invocation& invocation);
Result<json::Value> EvaluateArrayContains(const Invocation& invocation);
Result<json::Value> EvaluateArrayRange(const Invocation& invocation);
Result<json::Value> EvaluateArrayGetItem(const Invocation& invocation);
Result<json::Value> EvaluateArrayLength(const Invocation& invocation);
Result<json::Value> EvaluateArrayUnique(const Invocation& invocation);
Result<json::Value> EvaluateBase64Encode(const Invocation& invocation);
Result<json::Value> EvaluateBase64Decode(const Invocation& invocation);
Result<json::Value> EvaluateHash(const Invocation& invocation);
Result<json::Value> EvaluateJsonMerge(const Invocation& invocation);
Result<json::Value> EvaluateMathRandom(const Invocation& invocation);
Result<json::Value> EvaluateMathAdd(const Invocation& invocation);
Result<json::Value> EvaluateStringSplit(const Invocation& invocation);
Result<json::Value> EvaluateUuid(const Invocation& invocation);

}  // namespace stepwise::asl::detail
