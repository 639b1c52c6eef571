#pragma once

#include <string>
#include <string_view>

namespace stepwise::jsonata::format {

// The JavaScript number operations the reference's picture code relies on, reproduced so that
// digits, rounding and parsing come out as they do there. Internal to the format library.
//
// jsonata/js_number.h's FormatJsNumber is JsNumberToString: the one implementation is here,
// since the evaluator's library depends on this one and not the reverse.

// A finite double as its shortest round-tripping decimal digits: value = 0.digits * 10^exponent
// (digits without leading or trailing zeros; "0" with exponent 1 for zero).
struct ShortestDecimal {
  std::string digits;
  int exponent = 0;
};
ShortestDecimal ToShortestDecimal(double value);

// Number.prototype.toString(): "1e+21", "0.000001", "NaN", "-Infinity".
std::string JsNumberToString(double value);

// Number.prototype.toFixed(digits) for 0 <= digits <= 100: exact decimal rounding of the double,
// and toString() from 1e21 up.
std::string JsToFixed(double value, int digits);

// Math.round: to the nearest integer, halves towards +Infinity.
double JsMathRound(double value);

// The global parseInt(text) without a radix: leading white space, a sign, "0x" for hexadecimal,
// then the longest run of digits; NaN when there is none.
double JsParseInt(std::u16string_view text);

// A numeric string index or length as JavaScript's string methods read it (truncated), clamped
// to a range that no string reaches so that the conversion to long is defined.
long ToStringIndex(double value);

// JavaScript's white space and line terminators (what \s and String.prototype.trim match).
bool IsJsWhiteSpace(char16_t unit);

}  // namespace stepwise::jsonata::format
