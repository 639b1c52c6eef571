#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "asl/intrinsics/format_template.h"
#include "json/value.h"
#include "jsonpath/path.h"

namespace stepwise::asl::detail {

struct FunctionSpec;

// One node of a compiled intrinsic call: a literal argument, a path argument or a (nested) call.
// Built once by ParseIntrinsic and never modified; IntrinsicCall copies share it.
struct IntrinsicNode {
  enum class Type : uint8_t { kLiteral, kPath, kCall };

  Type type = Type::kLiteral;
  // Where the node starts in the call's text: a 1-based character (code point) position.
  size_t position = 0;

  // kLiteral: the value ('text', 12, -1.5, true, false, null).
  json::Value literal;
  // kLiteral, only for the first argument of States.Format when it is a string literal: the
  // template, split once at compile time (the escapes \{ and \} are only visible there).
  std::shared_ptr<const FormatTemplate> literal_template;

  // kPath: the compiled path.
  std::optional<jsonpath::Path> path;

  // kCall: the function, the call as written (for AWS's messages) and the arguments.
  const FunctionSpec* function = nullptr;
  std::string source;
  std::vector<IntrinsicNode> args;
};

}  // namespace stepwise::asl::detail
