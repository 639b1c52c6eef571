// Numeric functions: $number, $abs, $floor, $ceil, $round (half to even), $power, $sqrt, $random.

#include <cmath>
#include <random>
#include <regex>
#include <string>
#include <vector>

#include "jsonata/functions/library.h"
#include "jsonata/js_number.h"

namespace stepwise::jsonata::functions {
namespace {

bool IsDecimal(std::string_view s) {
  // ^-?[0-9]+(\.[0-9]+)?([Ee][-+]?[0-9]+)?$
  size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  size_t digits = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i == digits) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    size_t frac = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == frac) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    size_t exp = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == exp) return false;
  }
  return i == s.size();
}

// 0x.., 0o.., 0b.. as JavaScript's Number() reads them; nullopt otherwise.
std::optional<double> PrefixedInteger(std::string_view s) {
  if (s.size() < 3 || s[0] != '0') return std::nullopt;
  int base = s[1] == 'x' || s[1] == 'X'   ? 16
             : s[1] == 'o' || s[1] == 'O' ? 8
             : s[1] == 'b' || s[1] == 'B' ? 2
                                          : 0;
  if (base == 0) return std::nullopt;
  double value = 0;
  for (size_t i = 2; i < s.size(); ++i) {
    char c = s[i];
    int d = c >= '0' && c <= '9'   ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                   : 99;
    if (d >= base) return std::nullopt;
    value = value * base + d;
  }
  return value;
}

Result<Value> FnNumber(NativeContext& cx, std::vector<Value>& args) {
  const Value& arg = Arg(args, 0);
  if (arg.is_undefined()) return Value();
  if (arg.is_number()) return arg;
  if (arg.is_string()) {
    std::string_view s = arg.str();
    if (IsDecimal(s)) {
      double d = std::strtod(std::string(s).c_str(), nullptr);
      if (std::isfinite(d)) return Value::Number(d);
    } else if (std::optional<double> p = PrefixedInteger(s)) {
      return Value::Number(*p);
    }
  } else if (arg.is_bool()) {
    return Value::Number(arg.boolean() ? 1 : 0);
  }
  Error e = cx.ev.Fail("D3030", cx.position, std::nullopt, &arg);
  cx.ev.SetErrorInsert("index", "1");
  return e;
}

Result<Value> FnAbs(NativeContext&, std::vector<Value>& args) {
  if (Arg(args, 0).is_undefined()) return Value();
  return Value::Number(std::fabs(Arg(args, 0).number()));
}

Result<Value> FnFloor(NativeContext&, std::vector<Value>& args) {
  if (Arg(args, 0).is_undefined()) return Value();
  return Value::Number(std::floor(Arg(args, 0).number()));
}

Result<Value> FnCeil(NativeContext&, std::vector<Value>& args) {
  if (Arg(args, 0).is_undefined()) return Value();
  return Value::Number(std::ceil(Arg(args, 0).number()));
}

// Number(text + "e" + shift), as the reference shifts the decimal point through a string to
// avoid binary rounding.
double ShiftDecimal(double value, long shift) {
  std::string text = FormatJsNumber(value);
  long exponent = 0;
  size_t e = text.find('e');
  if (e != std::string::npos) {
    exponent = std::strtol(text.c_str() + e + 1, nullptr, 10);
    text.resize(e);
  }
  text += "e" + std::to_string(exponent + shift);
  return std::strtod(text.c_str(), nullptr);
}

Result<Value> FnRound(NativeContext&, std::vector<Value>& args) {
  if (Arg(args, 0).is_undefined()) return Value();
  double arg = Arg(args, 0).number();
  long precision = Arg(args, 1).is_number() ? static_cast<long>(Arg(args, 1).number()) : 0;
  if (precision != 0) arg = ShiftDecimal(arg, precision);
  double result = std::floor(arg + 0.5);  // JavaScript's Math.round
  double diff = result - arg;
  if (std::fabs(diff) == 0.5 && std::fabs(std::fmod(result, 2)) == 1) result -= 1;
  if (precision != 0) result = ShiftDecimal(result, -precision);
  if (result == 0) result = 0;  // no -0
  return Value::Number(result);
}

Result<Value> FnPower(NativeContext& cx, std::vector<Value>& args) {
  if (Arg(args, 0).is_undefined()) return Value();
  double result = std::pow(Arg(args, 0).number(), NumberArg(args, 1));
  if (!std::isfinite(result)) {
    Error e = cx.ev.Fail("D3061", cx.position, std::nullopt, &Arg(args, 0));
    cx.ev.SetErrorInsert("exp", ValueText(Arg(args, 1)));
    return e;
  }
  return Value::Number(result);
}

Result<Value> FnSqrt(NativeContext& cx, std::vector<Value>& args) {
  if (Arg(args, 0).is_undefined()) return Value();
  double d = Arg(args, 0).number();
  if (d < 0) return cx.ev.Fail("D3060", cx.position, std::nullopt, &Arg(args, 0));
  return Value::Number(std::sqrt(d));
}

Result<Value> FnRandom(NativeContext&, std::vector<Value>&) {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return Value::Number(std::uniform_real_distribution<double>(0.0, 1.0)(engine));
}

}  // namespace

std::vector<Entry> NumericFunctions() {
  return {
      {"number", "<(nsb)-:n>", FnNumber}, {"abs", "<n-:n>", FnAbs},
      {"floor", "<n-:n>", FnFloor},       {"ceil", "<n-:n>", FnCeil},
      {"round", "<n-n?:n>", FnRound},     {"power", "<n-n:n>", FnPower},
      {"sqrt", "<n-:n>", FnSqrt},         {"random", "<:n>", FnRandom},
  };
}

}  // namespace stepwise::jsonata::functions
