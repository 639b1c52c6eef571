#include <string>

#include "asl/intrinsics/arguments.h"
#include "asl/intrinsics/format_template.h"
#include "asl/intrinsics/functions.h"

namespace stepwise::asl::detail {

// States.Format(template, values...): each `{}` of the template replaced by the next value.
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-generic
Result<json::Value> EvaluateFormat(const Invocation& invocation) {
  // A literal template was split at compile time, where its escaped braces were still visible.
  FormatTemplate from_value;
  const FormatTemplate* format = invocation.call.args[0].literal_template.get();
  if (format == nullptr) {
    from_value = FormatTemplateFromValue(invocation.args[0].as_string());
    format = &from_value;
  }
  if (format->error) {
    return IntrinsicFailure(invocation, "Invalid template in States.Format: " + *format->error);
  }
  const auto values = invocation.args.subspan(1);
  if (format->placeholders() != values.size()) {
    return IntrinsicFailure(invocation,
                            "Invalid arguments in States.Format: number of arguments do not match "
                            "the occurrences of {}.");
  }
  std::string out = format->pieces[0];
  for (size_t i = 0; i < values.size(); ++i) {
    if (!FitsPayload(values[i])) return PayloadTooLarge(invocation);
    // Values print as their Java toString (an object as {key=value}), not as JSON.
    AppendJavaString(out, values[i]);
    out += format->pieces[i + 1];
    if (out.size() > kMaxPayloadBytes) return PayloadTooLarge(invocation);
  }
  return json::Value::String(out);
}

}  // namespace stepwise::asl::detail
