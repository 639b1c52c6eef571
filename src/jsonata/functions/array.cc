// Array functions: $append, $reverse, $shuffle, $distinct, $sort, $zip.

#include <algorithm>
#include <random>
#include <vector>

#include "jsonata/functions/library.h"

namespace stepwise::jsonata::functions {
namespace {

Result<Value> FnAppend(NativeContext&, std::vector<Value>& args) {
  return Append(Arg(args, 0), Arg(args, 1));
}

Result<Value> FnReverse(NativeContext&, std::vector<Value>& args) {
  const Value& array = Arg(args, 0);
  if (array.is_undefined()) return Value();
  if (array.size() <= 1) return array;
  std::vector<Value> items = ItemsOf(array);
  std::reverse(items.begin(), items.end());
  return Value::Array(std::move(items));
}

Result<Value> FnShuffle(NativeContext&, std::vector<Value>& args) {
  const Value& array = Arg(args, 0);
  if (array.is_undefined()) return Value();
  if (array.size() <= 1) return array;
  std::vector<Value> items = ItemsOf(array);
  thread_local std::mt19937_64 engine{std::random_device{}()};
  std::shuffle(items.begin(), items.end(), engine);
  return Value::Array(std::move(items));
}

Result<Value> FnDistinct(NativeContext& cx, std::vector<Value>& args) {
  const Value& array = Arg(args, 0);
  if (array.is_undefined()) return Value();
  if (!array.is_array() || array.size() <= 1) return array;
  std::vector<Value> results;
  size_t n = array.size();
  for (size_t i = 0; i < n; ++i) {
    // Quadratic in the distinct items: bounded by the time budget ($distinct([1..1e6]) runs for
    // hours otherwise).
    TRY(cx.ev.CheckTime());
    Value item = array.at(i);
    bool seen = false;
    for (const Value& r : results) {
      if (DeepEqual(r, item)) {
        seen = true;
        break;
      }
    }
    if (!seen) results.push_back(std::move(item));
  }
  return Value::Array(std::move(results), array.is_sequence() ? Value::kSequence : 0);
}

// JavaScript truthiness, which the reference's sort applies to a comparator's result.
bool JsTruthy(const Value& v) {
  if (v.is_undefined() || v.is_null()) return false;
  if (v.is_bool()) return v.boolean();
  if (v.is_number()) return v.number() != 0 && v.number() == v.number();
  if (v.is_string()) return !v.str().empty();
  return true;
}

Result<Value> FnSort(NativeContext& cx, std::vector<Value>& args) {
  const Value& array = Arg(args, 0);
  if (array.is_undefined()) return Value();
  if (array.size() <= 1) return array;
  std::vector<Value> items = ItemsOf(array);
  const Value& comparator = Arg(args, 1);
  if (comparator.is_undefined()) {
    bool numbers = true, strings = true;
    for (const Value& v : items) {
      numbers = numbers && v.is_number();
      strings = strings && v.is_string();
    }
    if (!numbers && !strings) return cx.ev.Fail("D3070", cx.position);
    auto greater = [&](const Value& a, const Value& b) -> Result<bool> {
      if (numbers) return a.number() > b.number();
      return a.str() > b.str();
    };
    TRY(cx.ev.MergeSort(items, greater));
  } else {
    auto greater = [&](const Value& a, const Value& b) -> Result<bool> {
      std::vector<Value> call_args{a, b};
      Value r = TRY(cx.ev.Apply(comparator, std::move(call_args), cx.input, cx.env));
      return JsTruthy(r);
    };
    TRY(cx.ev.MergeSort(items, greater));
  }
  return Value::Array(std::move(items));
}

Result<Value> FnZip(NativeContext&, std::vector<Value>& args) {
  std::vector<Value> result;
  if (args.empty()) return Value::Array({});
  size_t length = static_cast<size_t>(-1);
  for (const Value& a : args) length = std::min(length, a.is_array() ? a.size() : 0);
  for (size_t i = 0; i < length; ++i) {
    std::vector<Value> tuple;
    for (const Value& a : args) tuple.push_back(a.at(i));
    result.push_back(Value::Array(std::move(tuple)));
  }
  return Value::Array(std::move(result));
}

}  // namespace

std::vector<Entry> ArrayFunctions() {
  return {
      {"append", "<xx:a>", FnAppend},  {"reverse", "<a:a>", FnReverse},
      {"shuffle", "<a:a>", FnShuffle}, {"distinct", "<x:x>", FnDistinct},
      {"sort", "<af?:a>", FnSort},     {"zip", "<a+>", FnZip, 0},
  };
}

}  // namespace stepwise::jsonata::functions
