#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "asl/intrinsics/intrinsic_call.h"
#include "asl/intrinsics/intrinsic_node.h"
#include "common/result.h"
#include "json/value.h"

namespace stepwise::asl::detail {

// A set of JSON kinds, as bits; numbers (int and double) are one kind, as in AWS's checks.
using KindSet = uint8_t;
inline constexpr KindSet kNullKind = 1 << 0;
inline constexpr KindSet kBooleanKind = 1 << 1;
inline constexpr KindSet kNumberKind = 1 << 2;
inline constexpr KindSet kStringKind = 1 << 3;
inline constexpr KindSet kArrayKind = 1 << 4;
inline constexpr KindSet kObjectKind = 1 << 5;
inline constexpr KindSet kAnyKind = 0x3F;

KindSet KindOf(const json::Value& value);
// "a string", "a number or a string", "any value", ...: for compile-time messages.
std::string DescribeKinds(KindSet kinds);

// One evaluation of a call: its compiled node, its evaluated arguments (already checked against
// the function's argument kinds) and the caller's context. Lives for the evaluator's call only.
struct Invocation {
  const IntrinsicNode& call;
  std::span<const json::Value> args;
  const IntrinsicContext& context;
};

using Evaluator = Result<json::Value> (*)(const Invocation& invocation);

// An entry of the closed table of intrinsic functions.
struct FunctionSpec {
  static constexpr uint8_t kVariadic = 0xFF;

  std::string_view name;  // "States.Format"
  uint8_t min_args;
  uint8_t max_args;  // kVariadic: no limit
  // The kinds each argument may have: positional for the first three, `rest` after them.
  std::array<KindSet, 3> positional;
  KindSet rest;
  // The kinds the function can return, to reject a nested call that cannot fit its argument
  // (States.MathAdd(States.Array(), 1)) at compile time.
  KindSet returns;
  Evaluator evaluate;

  KindSet ArgumentKinds(size_t index) const { return index < 3 ? positional[index] : rest; }
};

// The function named name ("States.Format"), or nullptr for any other name.
const FunctionSpec* FindFunction(std::string_view name);

}  // namespace stepwise::asl::detail
