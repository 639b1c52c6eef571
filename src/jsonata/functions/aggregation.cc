// Aggregation functions: $sum, $count, $max, $min, $average.

#include <algorithm>
#include <vector>

#include "jsonata/functions/library.h"

namespace stepwise::jsonata::functions {
namespace {

Result<Value> FnSum(NativeContext&, std::vector<Value>& args) {
  const Value& array = Arg(args, 0);
  if (array.is_undefined()) return Value();
  double total = 0;
  size_t n = array.size();
  for (size_t i = 0; i < n; ++i) total += array.at(i).number();
  return Value::Number(total);
}

Result<Value> FnCount(NativeContext&, std::vector<Value>& args) {
  const Value& array = Arg(args, 0);
  if (array.is_undefined()) return Value::Number(0);
  return Value::Number(static_cast<double>(array.size()));
}

Result<Value> Extreme(std::vector<Value>& args, bool max) {
  const Value& array = Arg(args, 0);
  if (array.is_undefined() || array.size() == 0) return Value();
  size_t n = array.size();
  double best = array.at(0).number();
  for (size_t i = 1; i < n; ++i) {
    double d = array.at(i).number();
    best = max ? std::max(best, d) : std::min(best, d);
  }
  return Value::Number(best);
}

Result<Value> FnMax(NativeContext&, std::vector<Value>& args) { return Extreme(args, true); }
Result<Value> FnMin(NativeContext&, std::vector<Value>& args) { return Extreme(args, false); }

Result<Value> FnAverage(NativeContext&, std::vector<Value>& args) {
  const Value& array = Arg(args, 0);
  if (array.is_undefined() || array.size() == 0) return Value();
  double total = 0;
  size_t n = array.size();
  for (size_t i = 0; i < n; ++i) total += array.at(i).number();
  return Value::Number(total / static_cast<double>(n));
}

}  // namespace

std::vector<Entry> AggregationFunctions() {
  return {
      {"sum", "<a<n>:n>", FnSum}, {"count", "<a:n>", FnCount},        {"max", "<a<n>:n>", FnMax},
      {"min", "<a<n>:n>", FnMin}, {"average", "<a<n>:n>", FnAverage},
  };
}

}  // namespace stepwise::jsonata::functions
