// Picture-string functions: $formatNumber, $formatBase, $formatInteger, $parseInteger, on the
// picture-string library (src/jsonata/format).

#include <string>
#include <vector>

#include "jsonata/format/format_base.h"
#include "jsonata/format/integer_picture.h"
#include "jsonata/format/number_picture.h"
#include "jsonata/functions/format_glue.h"

namespace stepwise::jsonata::functions {
namespace {

Result<Value> TextResult(NativeContext& cx, Result<std::string> text) {
  if (!text.ok()) return cx.ev.FailFrom(text.error(), cx.position);
  return Value::String(text.value());
}

Result<Value> FnFormatNumber(NativeContext& cx, std::vector<Value>& args) {
  if (Arg(args, 0).is_undefined()) return Value();
  format::DecimalFormat options;
  ForEachMember(Arg(args, 2), [&](std::string_view key, const Value& value) {
    if (!value.is_string()) return;
    std::string text(value.str());
    if (key == "decimal-separator") options.decimal_separator = text;
    if (key == "grouping-separator") options.grouping_separator = text;
    if (key == "exponent-separator") options.exponent_separator = text;
    if (key == "infinity") options.infinity = text;
    if (key == "minus-sign") options.minus_sign = text;
    if (key == "NaN") options.nan = text;
    if (key == "percent") options.percent = text;
    if (key == "per-mille") options.per_mille = text;
    if (key == "zero-digit") options.zero_digit = text;
    if (key == "digit") options.digit = text;
    if (key == "pattern-separator") options.pattern_separator = text;
  });
  return TextResult(cx, format::FormatNumber(Arg(args, 0).number(), TextArg(args, 1), options));
}

Result<Value> FnFormatBase(NativeContext& cx, std::vector<Value>& args) {
  if (Arg(args, 0).is_undefined()) return Value();
  std::optional<double> radix;
  if (Arg(args, 1).is_number()) radix = Arg(args, 1).number();
  Result<std::string> text = format::FormatBase(Arg(args, 0).number(), radix);
  if (!text.ok() && text.error().name() == "D3100") {
    return cx.ev.Fail("D3100", cx.position, std::nullopt, &Arg(args, 1));
  }
  return TextResult(cx, std::move(text));
}

Result<Value> FnFormatInteger(NativeContext& cx, std::vector<Value>& args) {
  if (Arg(args, 0).is_undefined()) return Value();
  return TextResult(cx, format::FormatInteger(Arg(args, 0).number(), TextArg(args, 1)));
}

Result<Value> FnParseInteger(NativeContext& cx, std::vector<Value>& args) {
  if (Arg(args, 0).is_undefined()) return Value();
  Result<std::optional<double>> value = format::ParseInteger(Arg(args, 0).str(), TextArg(args, 1));
  if (!value.ok()) return cx.ev.FailFrom(value.error(), cx.position);
  if (!value.value().has_value()) return Value();
  return Value::Number(*value.value());
}

}  // namespace

std::vector<Entry> FormatFunctions() {
  return {
      {"formatNumber", "<n-so?:s>", FnFormatNumber},
      {"formatBase", "<n-n?:s>", FnFormatBase},
      {"formatInteger", "<n-s:s>", FnFormatInteger},
      {"parseInteger", "<s-s:n>", FnParseInteger},
  };
}

}  // namespace stepwise::jsonata::functions
