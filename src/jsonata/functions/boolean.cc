// Boolean functions: $boolean, $not, $exists.

#include <vector>

#include "jsonata/functions/library.h"

namespace stepwise::jsonata::functions {
namespace {

Result<Value> FnBoolean(NativeContext&, std::vector<Value>& args) {
  std::optional<bool> b = ToBoolean(Arg(args, 0));
  return b.has_value() ? Value::Bool(*b) : Value();
}

Result<Value> FnNot(NativeContext&, std::vector<Value>& args) {
  std::optional<bool> b = ToBoolean(Arg(args, 0));
  return b.has_value() ? Value::Bool(!*b) : Value();
}

Result<Value> FnExists(NativeContext&, std::vector<Value>& args) {
  return Value::Bool(Arg(args, 0).is_defined());
}

}  // namespace

std::vector<Entry> BooleanFunctions() {
  return {
      {"boolean", "<x-:b>", FnBoolean},
      {"not", "<x-:b>", FnNot},
      {"exists", "<x:b>", FnExists},
  };
}

}  // namespace stepwise::jsonata::functions
