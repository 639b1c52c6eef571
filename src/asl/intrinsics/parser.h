#pragma once

#include <memory>
#include <string_view>

#include "asl/intrinsics/intrinsic_node.h"
#include "common/result.h"

namespace stepwise::asl::detail {

// AWS: "You can nest up to 10 intrinsic functions within a field". The outermost call counts, so
// a chain of 11 calls, one inside the other, is rejected; how AWS counts sibling calls is not
// documented, so only the depth is limited. The limit also bounds the parser's recursion.
inline constexpr size_t kMaxNestedCalls = 10;

// Parses an intrinsic call into its node tree, checking the function names, the argument counts
// and the kinds of literal and nested-call arguments, and compiling every path argument.
//
// Grammar (whitespace is allowed around arguments):
//   call     := "States." name "(" [ argument { "," argument } ] ")"
//   argument := string | number | "true" | "false" | "null" | path | call
//   string   := "'" { character | "\'" | "\{" | "\}" | "\\" } "'"
//   number   := JSON's number syntax (-12, 3.5, 1e3)
//   path     := "$" ... up to a "," or ")" outside brackets, quotes and parentheses
//
// Errors are named "InvalidIntrinsic"; the message says what is wrong and where, as
// "<what> at position <n> in '<text>'" with n the 1-based character position.
Result<std::shared_ptr<const IntrinsicNode>> ParseIntrinsic(std::string_view text);

}  // namespace stepwise::asl::detail
