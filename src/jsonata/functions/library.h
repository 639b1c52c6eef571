#pragma once

// Internal to the function library: how each family registers its built-ins, and helpers they
// share. Bodies receive their arguments validated against the signature (evaluator.h).

#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "jsonata/evaluator.h"

namespace stepwise::jsonata::functions {

// One entry of the library: name (without $), the reference's signature, the body, and the
// reference's parameter count when it differs from the signature's.
struct Entry {
  std::string_view name;
  std::string_view signature;
  NativeBody body;
  int arity = -1;
};

std::vector<Entry> StringFunctions();
std::vector<Entry> NumericFunctions();
std::vector<Entry> AggregationFunctions();
std::vector<Entry> BooleanFunctions();
std::vector<Entry> ArrayFunctions();
std::vector<Entry> ObjectFunctions();
std::vector<Entry> HigherOrderFunctions();
std::vector<Entry> DateTimeFunctions();
std::vector<Entry> MiscFunctions();
std::vector<Entry> FormatFunctions();

// Argument i, or undefined when absent.
inline const Value& Arg(const std::vector<Value>& args, size_t i) {
  static const Value kUndefined;
  return i < args.size() ? args[i] : kUndefined;
}

// Argument i as a number, or NaN when it is undefined (as JavaScript reads undefined).
inline double NumberArg(const std::vector<Value>& args, size_t i) {
  const Value& v = Arg(args, i);
  return v.is_number() ? v.number() : std::numeric_limits<double>::quiet_NaN();
}
// Argument i as text, or "" when it is not a string.
inline std::string_view TextArg(const std::vector<Value>& args, size_t i) {
  const Value& v = Arg(args, i);
  return v.is_string() ? v.str() : std::string_view();
}

// Calls f with the first arity-limited arguments of (value, index, array), as the reference's
// higher-order functions do (hofFuncArgs).
Result<Value> CallWithItem(NativeContext& cx, const Value& f, const Value& item, size_t index,
                           const Value& array);

// Code points of UTF-8 text (invalid bytes count one each).
size_t CodePointCount(std::string_view s);
// The byte offset of code point index cp (clamped to the size).
size_t CodePointOffset(std::string_view s, size_t cp);
// UTF-16 code units of UTF-8 text, and the byte offset of a UTF-16 index.
size_t Utf16Length(std::string_view s);
size_t Utf16ToByte(std::string_view s, size_t u16);
size_t ByteToUtf16(std::string_view s, size_t byte);

}  // namespace stepwise::jsonata::functions
