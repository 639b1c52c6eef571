#include <algorithm>

#include "asl/intrinsics/arguments.h"
#include "asl/intrinsics/functions.h"
#include "json/parse.h"

namespace stepwise::asl::detail {

// States.StringToJson(text): the JSON value text holds.
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-json-manipulate
Result<json::Value> EvaluateStringToJson(const Invocation& invocation) {
  const std::string_view text = invocation.args[0].as_string();
  // Recorded against AWS: the empty string parses to null (its Jackson reader returns no node).
  // Text of whitespace only is the same empty document.
  if (std::all_of(text.begin(), text.end(),
                  [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; })) {
    return json::Value::Null();
  }
  Result<json::Value> parsed = json::Parse(text);
  if (!parsed.ok()) return InvalidArguments(invocation);
  return parsed.release_value();
}

}  // namespace stepwise::asl::detail
