#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "jsonata/format/integer_picture.h"

namespace stepwise::jsonata::format {

// A date/time picture (XPath 3.1 fn:format-dateTime, §9.8.4) analysed as the reference does it,
// for both formatting ($fromMillis) and parsing ($toMillis). Internal to the format library.
//
// "[D1o] [MNn,3-3] [Y0001]" is literal text and variable markers. A marker is a component letter,
// presentation modifiers and an optional width after the last comma; white space inside it is
// ignored; "[[" and "]]" are literal brackets.

// The width modifier ",min-max"; "*" or absence leaves a bound unset. A bound that does not read
// as a number is NaN, which the reference then carries along.
struct DateWidth {
  std::optional<double> min;
  std::optional<double> max;
};

struct DateMarker {
  char16_t component = 0;  // 'Y', 'M', ... (any character; unknown ones print
                           // "undefined", as in the reference)
  std::optional<DateWidth> width;
  std::u16string presentation1;           // "01", "Nn", "I", ...
  std::optional<char16_t> presentation2;  // 'o', 'c', 'a' or 't'
  std::optional<LetterCase> names;        // presentation1 "n", "N" or "Nn..."
  std::optional<IntegerPicture> integer;  // integer-valued components and the time zone
  double year_digits = -1;                // Y: digits to keep (-1 all; may be NaN)
};

struct DatePicturePart {
  bool is_literal = false;
  std::u16string literal;
  DateMarker marker;
};

// Errors: D3135 (unclosed marker), D3132 (unknown component without presentation), D3131.
Result<std::vector<DatePicturePart>> AnalyseDatePicture(std::u16string_view picture);

}  // namespace stepwise::jsonata::format
