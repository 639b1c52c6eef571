#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace stepwise::jsonata::format {

// $formatInteger and $parseInteger: XPath 3.1 fn:format-integer pictures as the reference
// implementation (jsonata-js 2.x) supports them.
//
// A picture is a primary format token, optionally followed by ';' and a modifier of which only a
// leading 'o' (ordinal) has an effect:
//   - a decimal digit pattern: digits of one Unicode decimal digit family ("0001", "١٢", "０")
//     as mandatory digits, '#' as optional digits, and any other character as a grouping
//     separator ("#,##0", "#:###,##0"); "0;o" gives "1st", "2nd", "11th";
//   - "a" / "A": spreadsheet letters (1 = a, 26 = z, 27 = aa);
//   - "i" / "I": roman numerals;
//   - "w" / "W" / "Ww": English words in lower, upper or title case ("Twenty-One"; ";o" for
//     "Twenty-First").
// Anything else is a numbering sequence the reference does not support (D3130).
//
// Strings are UTF-8. Thread-safe (no shared mutable state).

// $formatInteger(value, picture): value is rounded down first. Errors: D3130 (unsupported
// sequence), D3131 (digits from two decimal families).
Result<std::string> FormatInteger(double value, std::string_view picture);

// $parseInteger(text, picture): the inverse, as leniently as the reference: the text is not
// validated against the picture, so what it cannot read comes out as NaN (decimal patterns read
// the leading digits after stripping separators, as JavaScript's parseInt does). Never nullopt;
// optional so that the function wrapper handles it as it does $toMillis. Errors: D3130, D3131.
Result<std::optional<double>> ParseInteger(std::string_view text, std::string_view picture);

// ---------------------------------------------------------------------------------------------
// The analysed picture, shared with the date/time pictures whose components are integers.

enum class IntegerStyle { kDecimal, kLetters, kRoman, kWords, kSequence };
enum class LetterCase { kLower, kUpper, kTitle };

struct GroupingSeparator {
  int position = 0;          // digits to its right in the picture
  std::u16string character;  // one code point
};

struct IntegerPicture {
  IntegerStyle style = IntegerStyle::kDecimal;
  LetterCase letter_case = LetterCase::kLower;
  bool ordinal = false;
  // Decimal patterns only.
  char32_t zero_code = U'0';    // the digit family's zero
  double mandatory_digits = 0;  // a double: a date width modifier may make it NaN
  int optional_digits = 0;
  // Regular grouping (one character at equal intervals) keeps a single separator whose position
  // is the interval; otherwise every separator is kept, in increasing position.
  bool regular = false;
  std::vector<GroupingSeparator> separators;
  // Date parsing: exact digit count when another integer component follows without a literal.
  std::optional<double> parse_width;
  // Sequences only: the unsupported token, for D3130.
  std::u16string token;
};

// Errors: D3131.
Result<IntegerPicture> AnalyseIntegerPicture(std::u16string_view picture);

// The reference's _formatInteger: value must already be an integer (or NaN, which decimal
// patterns print as "NaN"). Errors: D3130 for sequences; RangeError where JavaScript would give
// up (roman numerals of ten million and more, words for non-finite values, overlong padding).
Result<std::u16string> FormatIntegerWith(double value, const IntegerPicture& picture);

// The reference's reading of an integer in the picture's style (no validation). Errors: D3130;
// RangeError when a digit maps outside Unicode under a non-ASCII digit family.
Result<double> ParseIntegerWith(std::u16string_view text, const IntegerPicture& picture);

}  // namespace stepwise::jsonata::format
