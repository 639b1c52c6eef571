// Miscellaneous functions: $type, $error, $assert, $eval.

#include <string>
#include <vector>

#include "jsonata/functions/library.h"
#include "jsonata/parser.h"

namespace stepwise::jsonata::functions {
namespace {

Result<Value> FnType(NativeContext&, std::vector<Value>& args) {
  const Value& v = Arg(args, 0);
  if (v.is_undefined()) return Value();
  if (v.is_function()) return Value::String("function");
  if (v.is_null()) return Value::String("null");
  if (v.is_number()) return Value::String("number");
  if (v.is_string()) return Value::String("string");
  if (v.is_bool()) return Value::String("boolean");
  if (v.is_array()) return Value::String("array");
  return Value::String("object");
}

Result<Value> FnError(NativeContext& cx, std::vector<Value>& args) {
  std::string message =
      Arg(args, 0).is_string() ? std::string(Arg(args, 0).str()) : "$error() function evaluated";
  return cx.ev.FailWithMessage("D3137", std::move(message), cx.position);
}

Result<Value> FnAssert(NativeContext& cx, std::vector<Value>& args) {
  if (Arg(args, 0).is_bool() && Arg(args, 0).boolean()) return Value();
  std::string message =
      Arg(args, 1).is_string() ? std::string(Arg(args, 1).str()) : "$assert() statement failed";
  return cx.ev.FailWithMessage("D3141", std::move(message), cx.position);
}

Result<Value> FnEval(NativeContext& cx, std::vector<Value>& args) {
  const Value& text = Arg(args, 0);
  if (text.is_undefined()) return Value();
  Value input = cx.input;
  if (Arg(args, 1).is_defined()) {
    input = Arg(args, 1);
    if (input.is_array() && !input.is_sequence()) {
      input = Value::Array({input}, Value::kSequence | Value::kOuterWrapper);
    }
  }
  ParseError parse_error;
  Result<Expression> parsed = Parse(text.str(), &parse_error);
  if (!parsed.ok()) {
    Value message = Value::String(parse_error.message);
    return cx.ev.Fail("D3120", cx.position, std::nullopt, &message);
  }
  const Expression& expression = cx.ev.Retain(parsed.release_value());
  Result<Value> result = cx.ev.Eval(expression.root(), input, cx.env);
  if (!result.ok()) {
    Value message = Value::String(cx.ev.ErrorMessage());
    if (cx.ev.error().code == "U1001") return result;
    return cx.ev.Fail("D3121", cx.position, std::nullopt, &message);
  }
  return result;
}

}  // namespace

std::vector<Entry> MiscFunctions() {
  return {
      {"type", "<x:s>", FnType},
      {"error", "<s?:x>", FnError},
      {"assert", "<bs?:x>", FnAssert},
      {"eval", "<sx?:x>", FnEval},
  };
}

}  // namespace stepwise::jsonata::functions
