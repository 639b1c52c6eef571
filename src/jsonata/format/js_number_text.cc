#include "jsonata/format/js_number_text.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace stepwise::jsonata::format {

ShortestDecimal ToShortestDecimal(double value) {
  if (value == 0) return {"0", 1};
  // std::to_chars in scientific form gives exactly the shortest round-tripping digits, as
  // ECMAScript Number::toString step 5 requires, as "d.ddde+XX".
  char buffer[64];
  std::to_chars_result result = std::to_chars(buffer, buffer + sizeof(buffer), std::fabs(value),
                                              std::chars_format::scientific);
  std::string_view text(buffer, static_cast<size_t>(result.ptr - buffer));
  size_t e = text.find('e');
  ShortestDecimal decimal;
  for (char c : text.substr(0, e)) {
    if (c != '.') decimal.digits += c;
  }
  decimal.exponent = std::atoi(std::string(text.substr(e + 1)).c_str()) + 1;
  return decimal;
}

std::string JsNumberToString(double value) {
  if (std::isnan(value)) return "NaN";
  if (value == 0) return "0";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  std::string out = value < 0 ? "-" : "";
  ShortestDecimal decimal = ToShortestDecimal(value);
  const std::string& digits = decimal.digits;
  int k = static_cast<int>(digits.size());
  int n = decimal.exponent;
  if (k <= n && n <= 21) {
    out += digits;
    out.append(static_cast<size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out += digits.substr(0, static_cast<size_t>(n));
    out += '.';
    out += digits.substr(static_cast<size_t>(n));
  } else if (-6 < n && n <= 0) {
    out += "0.";
    out.append(static_cast<size_t>(-n), '0');
    out += digits;
  } else {
    out += digits[0];
    if (k > 1) {
      out += '.';
      out += digits.substr(1);
    }
    out += n - 1 >= 0 ? "e+" : "e-";
    out += std::to_string(std::abs(n - 1));
  }
  return out;
}

std::string JsToFixed(double value, int digits) {
  if (!std::isfinite(value) || std::fabs(value) >= 1e21) return JsNumberToString(value);
  // printf prints the exact binary value rounded to the requested digits, which is toFixed's
  // rule too; the two differ only on an exact tie, which the callers never pass (they round to
  // the same number of digits first).
  // toFixed prints -0 without its sign (step "if x < 0", false for -0).
  if (value == 0) value = 0;
  char buffer[160];
  int length = std::snprintf(buffer, sizeof(buffer), "%.*f", digits, value);
  return std::string(buffer, static_cast<size_t>(length));
}

double JsMathRound(double value) {
  if (!std::isfinite(value)) return value;
  double floor = std::floor(value);
  // value - floor is exact for doubles, so this compares the true fraction with one half.
  return value - floor >= 0.5 ? floor + 1 : floor;
}

long ToStringIndex(double value) {
  constexpr double kLimit = 9007199254740992.0;  // 2^53
  if (std::isnan(value)) return 0;
  return static_cast<long>(std::trunc(std::clamp(value, -kLimit, kLimit)));
}

bool IsJsWhiteSpace(char16_t unit) {
  switch (unit) {
    case 0x09:
    case 0x0A:
    case 0x0B:
    case 0x0C:
    case 0x0D:
    case 0x20:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
    case 0xFEFF:
      return true;
    default:
      return unit >= 0x2000 && unit <= 0x200A;
  }
}

double JsParseInt(std::u16string_view text) {
  size_t i = 0;
  while (i < text.size() && IsJsWhiteSpace(text[i])) ++i;
  bool negative = false;
  if (i < text.size() && (text[i] == u'+' || text[i] == u'-')) negative = text[i++] == u'-';
  bool hex = i + 1 < text.size() && text[i] == u'0' && (text[i + 1] == u'x' || text[i + 1] == u'X');
  if (hex) i += 2;
  auto is_digit = [hex](char16_t c) {
    return (c >= u'0' && c <= u'9') ||
           (hex && ((c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F')));
  };
  std::string digits = hex ? "0x" : "";
  for (; i < text.size() && is_digit(text[i]); ++i) digits += static_cast<char>(text[i]);
  if (digits.empty() || digits == "0x") return std::nan("");
  // strtod rounds correctly, as parseInt does for radix 10 and 16.
  double value = std::strtod(digits.c_str(), nullptr);
  return negative ? -value : value;
}

}  // namespace stepwise::jsonata::format
