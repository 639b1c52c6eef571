#include "asl/intrinsics/function_table.h"

#include <array>

#include "asl/intrinsics/functions.h"

namespace stepwise::asl::detail {

namespace {

// Short names, so that the table below reads as a table.
constexpr KindSet kAny = kAnyKind;
constexpr KindSet kNum = kNumberKind;
constexpr KindSet kStr = kStringKind;
constexpr KindSet kArr = kArrayKind;
constexpr KindSet kObj = kObjectKind;
constexpr KindSet kBool = kBooleanKind;
constexpr KindSet kNone = 0;
// States.Hash takes any non-null data: AWS hashes a number or an object it is given in its text
// form rather than rejecting it (observed behaviour; the guide only says "object string").
constexpr KindSet kData = kAnyKind & ~kNullKind;
constexpr uint8_t kMany = FunctionSpec::kVariadic;

// The closed table of AWS's intrinsic functions: names, argument counts and argument kinds as the
// developer guide documents them.
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html
//
// Columns: name, least and most arguments (kMany: no limit), kinds of the first three arguments,
// kinds of any further argument, kinds of the result, evaluator.
// clang-format off
constexpr std::array<FunctionSpec, 18> kFunctions = {{
  {"States.Format",         1, kMany, {kStr,  kAny,  kAny},  kAny,  kStr,  EvaluateFormat},
  {"States.StringToJson",   1, 1,     {kStr,  kNone, kNone}, kNone, kAny,  EvaluateStringToJson},
  {"States.JsonToString",   1, 1,     {kAny,  kNone, kNone}, kNone, kStr,  EvaluateJsonToString},
  {"States.Array",          0, kMany, {kAny,  kAny,  kAny},  kAny,  kArr,  EvaluateArray},
  {"States.ArrayPartition", 2, 2,     {kArr,  kNum,  kNone}, kNone, kArr,  EvaluateArrayPartition},
  {"States.ArrayContains",  2, 2,     {kArr,  kAny,  kNone}, kNone, kBool, EvaluateArrayContains},
  {"States.ArrayRange",     3, 3,     {kNum,  kNum,  kNum},  kNone, kArr,  EvaluateArrayRange},
  {"States.ArrayGetItem",   2, 2,     {kArr,  kNum,  kNone}, kNone, kAny,  EvaluateArrayGetItem},
  {"States.ArrayLength",    1, 1,     {kArr,  kNone, kNone}, kNone, kNum,  EvaluateArrayLength},
  {"States.ArrayUnique",    1, 1,     {kArr,  kNone, kNone}, kNone, kArr,  EvaluateArrayUnique},
  {"States.Base64Encode",   1, 1,     {kStr,  kNone, kNone}, kNone, kStr,  EvaluateBase64Encode},
  {"States.Base64Decode",   1, 1,     {kStr,  kNone, kNone}, kNone, kStr,  EvaluateBase64Decode},
  {"States.Hash",           2, 2,     {kData, kStr,  kNone}, kNone, kStr,  EvaluateHash},
  {"States.JsonMerge",      3, 3,     {kObj,  kObj,  kBool}, kNone, kObj,  EvaluateJsonMerge},
  {"States.MathRandom",     2, 3,     {kNum,  kNum,  kNum},  kNone, kNum,  EvaluateMathRandom},
  {"States.MathAdd",        2, 2,     {kNum,  kNum,  kNone}, kNone, kNum,  EvaluateMathAdd},
  {"States.StringSplit",    2, 2,     {kStr,  kStr,  kNone}, kNone, kArr,  EvaluateStringSplit},
  {"States.UUID",           0, 0,     {kNone, kNone, kNone}, kNone, kStr,  EvaluateUuid},
}};
// clang-format on

}  // namespace

KindSet KindOf(const json::Value& value) {
  switch (value.kind()) {
    case json::Kind::kNull:
      return kNullKind;
    case json::Kind::kBool:
      return kBooleanKind;
    case json::Kind::kInt:
    case json::Kind::kDouble:
      return kNumberKind;
    case json::Kind::kString:
      return kStringKind;
    case json::Kind::kArray:
      return kArrayKind;
    case json::Kind::kObject:
      return kObjectKind;
  }
  return kNullKind;
}

std::string DescribeKinds(KindSet kinds) {
  if ((kinds & kAnyKind) == kAnyKind) return "any value";
  static constexpr std::array<std::pair<KindSet, std::string_view>, 6> kNames = {{
      {kStringKind, "a string"},
      {kNumberKind, "a number"},
      {kBooleanKind, "a boolean"},
      {kArrayKind, "an array"},
      {kObjectKind, "an object"},
      {kNullKind, "null"},
  }};
  std::string out;
  for (const auto& [kind, name] : kNames) {
    if ((kinds & kind) == 0) continue;
    if (!out.empty()) out += " or ";
    out += name;
  }
  return out.empty() ? "no argument" : out;
}

const FunctionSpec* FindFunction(std::string_view name) {
  for (const FunctionSpec& spec : kFunctions) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

}  // namespace stepwise::asl::detail
