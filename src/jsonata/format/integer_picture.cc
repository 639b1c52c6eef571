#include "jsonata/format/integer_picture.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "jsonata/format/format_error.h"
#include "jsonata/format/js_number_text.h"
#include "jsonata/format/number_words.h"
#include "jsonata/format/utf16.h"

namespace stepwise::jsonata::format {
namespace {

// The zeros of the Unicode decimal digit families the reference recognises (all in the BMP).
constexpr char32_t kDecimalGroups[] = {
    0x30,   0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6,
    0x0C66, 0x0CE6, 0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0,
    0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620,
    0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10};

// JavaScript's longest string; padding beyond it throws there rather than allocating.
constexpr double kMaxJsStringLength = (1 << 29) - 24;

// decimalToRoman recurses once per numeral; from about here JavaScript's stack gives out.
constexpr double kMaxRomanValue = 1e7;

std::optional<char32_t> DigitFamily(char32_t code_point) {
  for (char32_t zero : kDecimalGroups) {
    if (code_point >= zero && code_point <= zero + 9) return zero;
  }
  return std::nullopt;
}

// The interval of regularly spaced separators (all the same character, at every multiple of the
// positions' common divisor), or 0.
int RegularInterval(const std::vector<GroupingSeparator>& separators) {
  if (separators.empty()) return 0;
  for (const GroupingSeparator& separator : separators) {
    if (separator.character != separators[0].character) return 0;
  }
  int factor = 0;
  for (const GroupingSeparator& separator : separators)
    factor = std::gcd(factor, separator.position);
  for (size_t multiple = 1; multiple <= separators.size(); ++multiple) {
    bool present = std::any_of(separators.begin(), separators.end(), [&](const auto& separator) {
      return separator.position == static_cast<int>(multiple) * factor;
    });
    if (!present) return 0;
  }
  return factor;
}

Result<IntegerPicture> AnalyseDecimalPattern(std::u16string_view pattern, IntegerPicture picture) {
  std::optional<char32_t> zero_code;
  int mandatory = 0;
  int position = 0;
  std::vector<GroupingSeparator> separators;
  // Right to left, so that each separator's position counts the digits to its right.
  std::vector<char32_t> code_points = CodePoints(pattern);
  for (auto it = code_points.rbegin(); it != code_points.rend(); ++it) {
    if (std::optional<char32_t> family = DigitFamily(*it)) {
      ++mandatory;
      ++position;
      if (!zero_code) {
        zero_code = family;
      } else if (*zero_code != *family) {
        return FormatError("D3131");
      }
    } else if (*it == U'#') {
      ++position;
      ++picture.optional_digits;
    } else {
      GroupingSeparator separator{position, {}};
      AppendCodePoint(separator.character, *it);
      separators.push_back(std::move(separator));
    }
  }
  if (mandatory == 0) {
    // A numbering sequence, which the spec leaves to the implementation; the reference has none.
    picture.style = IntegerStyle::kSequence;
    picture.token = std::u16string(pattern);
    return picture;
  }
  picture.zero_code = *zero_code;
  picture.mandatory_digits = mandatory;
  if (int interval = RegularInterval(separators); interval > 0) {
    picture.regular = true;
    picture.separators = {GroupingSeparator{interval, separators[0].character}};
  } else {
    picture.separators = std::move(separators);
  }
  return picture;
}

std::u16string DecimalToLetters(double value, char16_t a) {
  std::u16string letters;
  while (value > 0) {
    letters += static_cast<char16_t>(std::fmod(value - 1, 26) + a);
    value = std::floor((value - 1) / 26);
  }
  std::reverse(letters.begin(), letters.end());
  return letters;
}

std::u16string DecimalToRoman(double value) {
  static constexpr std::pair<int, const char16_t*> kNumerals[] = {
      {1000, u"m"}, {900, u"cm"}, {500, u"d"}, {400, u"cd"}, {100, u"c"}, {90, u"xc"}, {50, u"l"},
      {40, u"xl"},  {10, u"x"},   {9, u"ix"},  {5, u"v"},    {4, u"iv"},  {1, u"i"}};
  std::u16string roman;
  for (const auto& [numeral_value, numeral] : kNumerals) {
    for (; value >= numeral_value; value -= numeral_value) roman += numeral;
  }
  return roman;
}

// The reference's ordinal suffix looks at the last two characters of the formatted digits, so a
// non-ASCII digit family always gets "th".
std::u16string OrdinalSuffix(std::u16string_view digits) {
  char16_t last = digits.back();
  bool teen = digits.size() > 1 && digits[digits.size() - 2] == u'1';
  if (teen || last < u'1' || last > u'3') return u"th";
  return last == u'1' ? u"st" : last == u'2' ? u"nd" : u"rd";
}

Result<std::u16string> FormatDecimal(double value, const IntegerPicture& picture) {
  std::u16string text = ToUtf16(JsNumberToString(value));
  double padding = picture.mandatory_digits - static_cast<double>(text.size());
  if (padding > kMaxJsStringLength) return JsRangeError("Invalid string length");
  if (padding > 0) text.insert(0, static_cast<size_t>(padding), u'0');
  if (picture.zero_code != U'0') {
    std::u16string mapped;
    for (char32_t c : CodePoints(text)) AppendCodePoint(mapped, c + picture.zero_code - U'0');
    text = std::move(mapped);
  }
  // Separators go in from the left, each at a distance from the end of the string, so the ones
  // already inserted do not move the later positions. Positions past the start follow
  // JavaScript's substr rules, as the reference's do.
  auto insert_at = [&text](long position_from_end, std::u16string_view separator) {
    long at = static_cast<long>(text.size()) - position_from_end;
    text = JsSubstr(text, 0, at) + std::u16string(separator) + JsSubstrFrom(text, at);
  };
  if (picture.regular) {
    const GroupingSeparator& separator = picture.separators[0];
    long groups = (static_cast<long>(text.size()) - 1) / separator.position;
    for (long group = groups; group > 0; --group) {
      insert_at(group * separator.position, separator.character);
    }
  } else {
    for (auto it = picture.separators.rbegin(); it != picture.separators.rend(); ++it) {
      insert_at(it->position, it->character);
    }
  }
  if (picture.ordinal) text += OrdinalSuffix(text);
  return text;
}

Result<std::u16string> FormatWords(double value, const IntegerPicture& picture) {
  // The reference recurses without end on these and fails with a stack overflow.
  if (!std::isfinite(value)) return JsRangeError("Maximum call stack size exceeded");
  std::u16string words = ToUtf16(NumberToWords(value, picture.ordinal));
  switch (picture.letter_case) {
    case LetterCase::kUpper:
      return AsciiUpper(words);
    case LetterCase::kLower:
      return AsciiLower(words);
    case LetterCase::kTitle:
      return words;
  }
  return words;
}

double LettersToDecimal(std::u16string_view letters, char16_t a) {
  double decimal = 0;
  for (size_t i = 0; i < letters.size(); ++i) {
    double digit = static_cast<double>(letters[letters.size() - i - 1]) - a + 1;
    decimal += digit * std::pow(26, static_cast<double>(i));
  }
  return decimal;
}

// Right to left: a numeral smaller than the largest seen so far subtracts. Anything that is not a
// roman numeral makes the reference's sum NaN.
double RomanToDecimal(std::u16string_view roman) {
  double decimal = 0;
  int max = 1;
  for (auto it = roman.rbegin(); it != roman.rend(); ++it) {
    int value = 0;
    switch (*it) {
      case u'M':
        value = 1000;
        break;
      case u'D':
        value = 500;
        break;
      case u'C':
        value = 100;
        break;
      case u'L':
        value = 50;
        break;
      case u'X':
        value = 10;
        break;
      case u'V':
        value = 5;
        break;
      case u'I':
        value = 1;
        break;
      default:
        return std::nan("");
    }
    if (value < max) {
      decimal -= value;
    } else {
      max = value;
      decimal += value;
    }
  }
  return decimal;
}

Result<double> ParseDecimal(std::u16string_view text, const IntegerPicture& picture) {
  std::u16string digits(text);
  if (picture.ordinal) digits = JsSubstring(text, 0, static_cast<long>(text.size()) - 2);
  if (picture.regular) {
    // The reference strips commas here whatever the picture's separator is.
    digits = JsRemoveAll(digits, u",");
  } else {
    for (const GroupingSeparator& separator : picture.separators) {
      digits = JsRemoveAll(digits, separator.character);
    }
  }
  if (picture.zero_code != U'0') {
    std::u16string mapped;
    for (char16_t unit : digits) {
      long code_point = static_cast<long>(unit) - static_cast<long>(picture.zero_code) + 0x30;
      if (code_point < 0 || code_point > 0x10FFFF) {
        return JsRangeError("Invalid code point " + std::to_string(code_point));
      }
      AppendCodePoint(mapped, static_cast<char32_t>(code_point));
    }
    digits = std::move(mapped);
  }
  return JsParseInt(digits);
}

}  // namespace

Result<IntegerPicture> AnalyseIntegerPicture(std::u16string_view picture) {
  IntegerPicture analysed;
  std::u16string primary(picture);
  if (long semicolon = JsLastIndexOf(picture, u";"); semicolon != -1) {
    primary = JsSubstring(picture, 0, semicolon);
    analysed.ordinal = JsCharAt(picture, semicolon + 1) == u"o";
  }
  if (primary == u"A" || primary == u"a") {
    analysed.style = IntegerStyle::kLetters;
    analysed.letter_case = primary == u"A" ? LetterCase::kUpper : LetterCase::kLower;
  } else if (primary == u"I" || primary == u"i") {
    analysed.style = IntegerStyle::kRoman;
    analysed.letter_case = primary == u"I" ? LetterCase::kUpper : LetterCase::kLower;
  } else if (primary == u"W" || primary == u"Ww" || primary == u"w") {
    analysed.style = IntegerStyle::kWords;
    analysed.letter_case = primary == u"W"    ? LetterCase::kUpper
                           : primary == u"Ww" ? LetterCase::kTitle
                                              : LetterCase::kLower;
  } else {
    return AnalyseDecimalPattern(primary, std::move(analysed));
  }
  return analysed;
}

Result<std::u16string> FormatIntegerWith(double value, const IntegerPicture& picture) {
  bool negative = value < 0;
  value = std::fabs(value);
  std::u16string formatted;
  switch (picture.style) {
    case IntegerStyle::kLetters:
      formatted = DecimalToLetters(value, picture.letter_case == LetterCase::kUpper ? u'A' : u'a');
      break;
    case IntegerStyle::kRoman:
      if (value >= kMaxRomanValue) return JsRangeError("Maximum call stack size exceeded");
      formatted = DecimalToRoman(value);
      if (picture.letter_case == LetterCase::kUpper) formatted = AsciiUpper(formatted);
      break;
    case IntegerStyle::kWords:
      formatted = TRY(FormatWords(value, picture));
      break;
    case IntegerStyle::kDecimal:
      formatted = TRY(FormatDecimal(value, picture));
      break;
    case IntegerStyle::kSequence:
      return FormatError("D3130", ToUtf8(picture.token));
  }
  if (negative) formatted.insert(0, 1, u'-');
  return formatted;
}

Result<double> ParseIntegerWith(std::u16string_view text, const IntegerPicture& picture) {
  bool upper = picture.letter_case == LetterCase::kUpper;
  switch (picture.style) {
    case IntegerStyle::kLetters:
      return LettersToDecimal(text, upper ? u'A' : u'a');
    case IntegerStyle::kRoman:
      return RomanToDecimal(upper ? std::u16string(text) : AsciiUpper(text));
    case IntegerStyle::kWords:
      return WordsToNumber(AsciiLower(text));
    case IntegerStyle::kDecimal:
      return ParseDecimal(text, picture);
    case IntegerStyle::kSequence:
      break;
  }
  return FormatError("D3130", ToUtf8(picture.token));
}

Result<std::string> FormatInteger(double value, std::string_view picture) {
  IntegerPicture analysed = TRY(AnalyseIntegerPicture(ToUtf16(picture)));
  return ToUtf8(TRY(FormatIntegerWith(std::floor(value), analysed)));
}

Result<std::optional<double>> ParseInteger(std::string_view text, std::string_view picture) {
  IntegerPicture analysed = TRY(AnalyseIntegerPicture(ToUtf16(picture)));
  return std::optional<double>(TRY(ParseIntegerWith(ToUtf16(text), analysed)));
}

}  // namespace stepwise::jsonata::format
