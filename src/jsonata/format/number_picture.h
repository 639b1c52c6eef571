#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

namespace stepwise::jsonata::format {

// $formatNumber: XPath 3.1 fn:format-number pictures (§4.7) as the reference implementation
// (jsonata-js 2.x) implements them.
//
// The third argument of $formatNumber: the decimal format's properties, each a string, defaulting
// as XPath's default decimal format does. The function wrapper copies the options object's
// members over these (the reference accepts any member, and so does this struct only for the
// names below).
//
// Intentionally copyable.
struct DecimalFormat {
  std::string decimal_separator = ".";
  std::string grouping_separator = ",";
  std::string exponent_separator = "e";
  std::string infinity = "Infinity";
  std::string minus_sign = "-";
  std::string nan = "NaN";
  std::string percent = "%";
  std::string per_mille = "\u2030";
  std::string zero_digit = "0";  // its first character starts the ten-digit family
  std::string digit = "#";
  std::string pattern_separator = ";";
};

// $formatNumber(value, picture, options): "#,##0.00", "0.###e0", "#%", "000;(000)" (a negative
// sub-picture). Rounds half to even at the picture's last fractional digit. Characters count as
// JavaScript's UTF-16 code units, so the properties are best single BMP characters (as XPath
// requires). Strings are UTF-8. Thread-safe.
//
// Errors: D3080 (more than two sub-pictures) and D3081-D3093 (an invalid sub-picture; where
// several rules fail the reference reports the last it checks). Non-finite values, which JSONata
// numbers never are, format as the nan / infinity properties.
Result<std::string> FormatNumber(double value, std::string_view picture,
                                 const DecimalFormat& format);

}  // namespace stepwise::jsonata::format
