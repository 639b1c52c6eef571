// Date/time functions: $now, $millis, $fromMillis, $toMillis, on the picture-string library
// (src/jsonata/format), which also does ISO 8601 when there is no picture.

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "jsonata/format/date_time.h"
#include "jsonata/functions/format_glue.h"
#include "jsonata/functions/library.h"

namespace stepwise::jsonata::functions {
namespace {

std::optional<std::string_view> OptionalText(const Value& v) {
  if (v.is_string()) return v.str();
  return std::nullopt;
}

Result<Value> FnNow(NativeContext& cx, std::vector<Value>& args) {
  return FormatDateTime(cx, static_cast<double>(cx.ev.now_millis()), Arg(args, 0), Arg(args, 1));
}

Result<Value> FnMillis(NativeContext& cx, std::vector<Value>&) {
  return Value::Number(static_cast<double>(cx.ev.now_millis()));
}

Result<Value> FnFromMillis(NativeContext& cx, std::vector<Value>& args) {
  if (Arg(args, 0).is_undefined()) return Value();
  return FormatDateTime(cx, Arg(args, 0).number(), Arg(args, 1), Arg(args, 2));
}

Result<Value> FnToMillis(NativeContext& cx, std::vector<Value>& args) {
  if (Arg(args, 0).is_undefined()) return Value();
  return ParseDateTime(cx, Arg(args, 0), Arg(args, 1));
}

}  // namespace

Result<Value> FormatDateTime(NativeContext& cx, double millis, const Value& picture,
                             const Value& timezone) {
  Result<std::string> text =
      format::FormatDateTime(millis, OptionalText(picture), OptionalText(timezone));
  if (!text.ok()) return cx.ev.FailFrom(text.error(), cx.position);
  return Value::String(text.value());
}

Result<Value> ParseDateTime(NativeContext& cx, const Value& timestamp, const Value& picture) {
  Result<std::optional<double>> millis = format::ParseDateTime(
      timestamp.str(), OptionalText(picture), static_cast<double>(cx.ev.now_millis()));
  if (!millis.ok()) {
    if (millis.error().name() == "D3110") {
      return cx.ev.Fail("D3110", cx.position, std::nullopt, &timestamp);
    }
    return cx.ev.FailFrom(millis.error(), cx.position);
  }
  if (!millis.value().has_value()) return Value();
  return Value::Number(*millis.value());
}

std::vector<Entry> DateTimeFunctions() {
  return {
      {"now", "<s?s?:s>", FnNow},
      {"millis", "<:n>", FnMillis},
      {"fromMillis", "<n-s?s?:s>", FnFromMillis},
      {"toMillis", "<s-s?:n>", FnToMillis},
  };
}

}  // namespace stepwise::jsonata::functions
