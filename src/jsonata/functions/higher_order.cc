// Higher-order functions: $map, $filter, $single, $reduce.

#include <vector>

#include "jsonata/functions/library.h"

namespace stepwise::jsonata::functions {
namespace {

Result<Value> FnMap(NativeContext& cx, std::vector<Value>& args) {
  const Value& array = Arg(args, 0);
  if (array.is_undefined()) return Value();
  std::vector<Value> result;
  size_t n = array.size();
  result.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    Value r = TRY(CallWithItem(cx, Arg(args, 1), array.at(i), i, array));
    if (r.is_defined()) result.push_back(std::move(r));
  }
  return Value::Sequence(std::move(result));
}

Result<Value> FnFilter(NativeContext& cx, std::vector<Value>& args) {
  const Value& array = Arg(args, 0);
  if (array.is_undefined()) return Value();
  std::vector<Value> result;
  size_t n = array.size();
  for (size_t i = 0; i < n; ++i) {
    Value item = array.at(i);
    Value r = TRY(CallWithItem(cx, Arg(args, 1), item, i, array));
    if (ToBoolean(r).value_or(false)) result.push_back(std::move(item));
  }
  return Value::Sequence(std::move(result));
}

Result<Value> FnSingle(NativeContext& cx, std::vector<Value>& args) {
  const Value& array = Arg(args, 0);
  if (array.is_undefined()) return Value();
  bool found = false;
  Value result;
  size_t n = array.size();
  for (size_t i = 0; i < n; ++i) {
    Value item = array.at(i);
    bool positive = true;
    if (Arg(args, 1).is_defined()) {
      Value r = TRY(CallWithItem(cx, Arg(args, 1), item, i, array));
      positive = ToBoolean(r).value_or(false);
    }
    if (positive) {
      if (found) {
        Error e = cx.ev.Fail("D3138", cx.position);
        cx.ev.SetErrorInsert("index", std::to_string(i));
        return e;
      }
      result = std::move(item);
      found = true;
    }
  }
  if (!found) return cx.ev.Fail("D3139", cx.position);
  return result;
}

Result<Value> FnReduce(NativeContext& cx, std::vector<Value>& args) {
  const Value& array = Arg(args, 0);
  if (array.is_undefined()) return Value();
  const Value& f = Arg(args, 1);
  size_t arity = f.is_function() ? f.function().Arity() : 0;
  if (arity < 2) {
    Error e = cx.ev.Fail("D3050", cx.position);
    cx.ev.SetErrorInsert("index", "2");
    return e;
  }
  size_t n = array.size();
  size_t index = 0;
  Value result;
  if (Arg(args, 2).is_undefined() && n > 0) {
    result = array.at(0);
    index = 1;
  } else {
    result = Arg(args, 2);
  }
  for (; index < n; ++index) {
    std::vector<Value> call_args;
    call_args.reserve(arity >= 4 ? 4 : arity);
    call_args.push_back(std::move(result));
    call_args.push_back(array.at(index));
    if (arity >= 3) call_args.push_back(Value::Number(static_cast<double>(index)));
    if (arity >= 4) call_args.push_back(array);
    result = TRY(cx.ev.Apply(f, std::move(call_args), cx.input, cx.env));
  }
  return result;
}

}  // namespace

std::vector<Entry> HigherOrderFunctions() {
  return {
      {"map", "<af>", FnMap},
      {"filter", "<af>", FnFilter},
      {"single", "<af?>", FnSingle},
      {"reduce", "<afj?:j>", FnReduce},
  };
}

}  // namespace stepwise::jsonata::functions
