#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "asl/intrinsics/function_table.h"
#include "common/error.h"
#include "json/value.h"

namespace stepwise::asl::detail {

// Step Functions' payload quota (256 KiB). The array functions document it for their input
// ("The input array can't exceed Step Functions' payload size limit of 256 KiB"); it also bounds
// every value an intrinsic serializes or walks, so a hostile call (States.Format with thousands of
// copies of a large input) fails instead of building gigabytes.
inline constexpr size_t kMaxPayloadBytes = 256 * 1024;

// The documented input limit of States.Base64Encode, States.Base64Decode and States.Hash, in
// characters as Java counts them (UTF-16 code units).
inline constexpr size_t kMaxInputCharacters = 10'000;

// The error of a failed call: States.IntrinsicFailure whose cause follows AWS's shape,
// "There was an error while evaluating the intrinsic function: <call as written>. <detail>".
Error IntrinsicFailure(const IntrinsicNode& call, std::string_view detail);
Error IntrinsicFailure(const Invocation& invocation, std::string_view detail);

// AWS's cause for an argument of the wrong kind or value: "... Invalid arguments in <name>".
Error InvalidArguments(const Invocation& invocation);

// An argument or a result larger than kMaxPayloadBytes.
Error PayloadTooLarge(const Invocation& invocation);

// Java's Math.round(double): the closest integer, ties towards positive infinity (2.5 -> 3,
// -2.5 -> -2). AWS rounds non-integer arguments this way, as the recorded States.MathAdd
// executions show (-1.5 + 0 is -1, 0.5 + 0 is 1).
double JavaRound(double value);

// A numeric argument as AWS's integer parameters take it: rounded as JavaRound does, and nullopt
// when the result is outside the int32 range (or not finite). Precondition: value.is_number().
std::optional<int32_t> ToInt32(const json::Value& value);

// Appends value as AWS prints an argument of States.Format: the toString of its Java form.
// Strings are copied without quotes, numbers as Java prints them, null as "null", arrays as
// "[a, b]" and objects as "{key=value, key=value}" (recorded: {"Arg1": 1, "Arg2": []} prints as
// "{Arg1=1, Arg2=[]}").
void AppendJavaString(std::string& out, const json::Value& value);

// Whether value's compact serialization fits kMaxPayloadBytes. O(1) after the first call on a
// container (the size is cached in the node).
bool FitsPayload(const json::Value& value);

}  // namespace stepwise::asl::detail
