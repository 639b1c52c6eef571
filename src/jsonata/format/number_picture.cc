#include "jsonata/format/number_picture.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>
#include <vector>

#include "jsonata/format/format_error.h"
#include "jsonata/format/js_number_text.h"
#include "jsonata/format/round.h"
#include "jsonata/format/utf16.h"

namespace stepwise::jsonata::format {
namespace {

// toFixed's limit, which the reference reaches with more than 100 fractional digits.
constexpr long kMaxFractionDigits = 100;

// The decimal format in UTF-16, with the character classes the picture rules use. The reference
// compares single code units (charAt, split('')) with the properties, so a property of another
// length never matches a picture character.
class Symbols {
 public:
  explicit Symbols(const DecimalFormat& format)
      : decimal(ToUtf16(format.decimal_separator)),
        grouping(ToUtf16(format.grouping_separator)),
        exponent(ToUtf16(format.exponent_separator)),
        infinity(ToUtf16(format.infinity)),
        minus(ToUtf16(format.minus_sign)),
        nan(ToUtf16(format.nan)),
        percent(ToUtf16(format.percent)),
        per_mille(ToUtf16(format.per_mille)),
        zero(ToUtf16(format.zero_digit)),
        digit(ToUtf16(format.digit)),
        pattern(ToUtf16(format.pattern_separator)) {
    if (!zero.empty()) {
      for (int i = 0; i < 10; ++i) family_.push_back(static_cast<char16_t>(zero[0] + i));
    }
  }

  bool IsFamily(std::u16string_view unit) const {
    return unit.size() == 1 && std::find(family_.begin(), family_.end(), unit[0]) != family_.end();
  }
  bool IsActive(std::u16string_view unit) const {
    return IsFamily(unit) || unit == decimal || unit == exponent || unit == grouping ||
           unit == digit || unit == pattern;
  }
  // The digit family's member for an ASCII digit.
  char16_t FamilyDigit(char16_t ascii) const { return family_[ascii - u'0']; }

  long CountFamily(std::u16string_view text) const { return Count(text, false); }
  long CountDigits(std::u16string_view text) const { return Count(text, true); }

  const std::u16string decimal, grouping, exponent, infinity, minus, nan, percent, per_mille, zero,
      digit, pattern;

 private:
  long Count(std::u16string_view text, bool with_optional) const {
    long count = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      std::u16string_view unit = text.substr(i, 1);
      if (IsFamily(unit) || (with_optional && unit == digit)) ++count;
    }
    return count;
  }

  std::vector<char16_t> family_;
};

std::u16string Unit(std::u16string_view s, size_t i) { return std::u16string(s.substr(i, 1)); }

// F&O 4.7.3's split of a sub-picture, with the reference's quirks: a sub-picture without a
// decimal separator takes its suffix as the fractional part, and the exponent position found in
// the whole sub-picture is used as an index into the active part.
struct SubPicture {
  std::u16string picture, prefix, suffix, active, mantissa, integer, fractional;
  std::optional<std::u16string> exponent;
};

SubPicture Split(std::u16string_view picture, const Symbols& symbols) {
  SubPicture parts;
  parts.picture = std::u16string(picture);
  auto is_boundary = [&](size_t i) {
    std::u16string unit = Unit(picture, i);
    return symbols.IsActive(unit) && unit != symbols.exponent;
  };
  for (size_t i = 0; i < picture.size(); ++i) {
    if (is_boundary(i)) {
      parts.prefix = std::u16string(picture.substr(0, i));
      break;
    }
  }
  for (size_t i = picture.size(); i-- > 0;) {
    if (is_boundary(i)) {
      parts.suffix = std::u16string(picture.substr(i + 1));
      break;
    }
  }
  long size = static_cast<long>(picture.size());
  long prefix_size = static_cast<long>(parts.prefix.size());
  long suffix_start = size - static_cast<long>(parts.suffix.size());
  parts.active = JsSubstring(picture, prefix_size, suffix_start);
  long exponent_at = JsIndexOf(picture, symbols.exponent, prefix_size);
  if (exponent_at == -1 || exponent_at > suffix_start) {
    parts.mantissa = parts.active;
  } else {
    parts.mantissa = JsSubstring(parts.active, 0, exponent_at);
    parts.exponent = JsSubstringFrom(parts.active, exponent_at + 1);
  }
  long decimal_at = JsIndexOf(parts.mantissa, symbols.decimal);
  if (decimal_at == -1) {
    parts.integer = parts.mantissa;
    parts.fractional = parts.suffix;
  } else {
    parts.integer = JsSubstring(parts.mantissa, 0, decimal_at);
    parts.fractional = JsSubstringFrom(parts.mantissa, decimal_at + 1);
  }
  return parts;
}

bool AnyFamily(std::u16string_view text, const Symbols& symbols) {
  return symbols.CountFamily(text) > 0;
}

// F&O 4.7.3's rules. The reference checks them all and reports the last one broken.
Result<void> Validate(const SubPicture& parts, const Symbols& symbols) {
  const std::u16string& picture = parts.picture;
  const char* error = nullptr;
  long decimal_at = JsIndexOf(picture, symbols.decimal);
  if (decimal_at != JsLastIndexOf(picture, symbols.decimal)) error = "D3081";
  if (JsIndexOf(picture, symbols.percent) != JsLastIndexOf(picture, symbols.percent)) {
    error = "D3082";
  }
  if (JsIndexOf(picture, symbols.per_mille) != JsLastIndexOf(picture, symbols.per_mille)) {
    error = "D3083";
  }
  bool has_percent = JsIndexOf(picture, symbols.percent) != -1;
  bool has_per_mille = JsIndexOf(picture, symbols.per_mille) != -1;
  if (has_percent && has_per_mille) error = "D3084";
  if (symbols.CountDigits(parts.mantissa) == 0) error = "D3085";
  for (size_t i = 0; i < parts.active.size(); ++i) {
    if (!symbols.IsActive(Unit(parts.active, i))) error = "D3086";
  }
  if (decimal_at != -1) {
    if (JsCharAt(picture, decimal_at - 1) == symbols.grouping ||
        JsCharAt(picture, decimal_at + 1) == symbols.grouping) {
      error = "D3087";
    }
  } else if (JsCharAt(parts.integer, static_cast<long>(parts.integer.size()) - 1) ==
             symbols.grouping) {
    error = "D3088";
  }
  if (JsIndexOf(picture, symbols.grouping + symbols.grouping) != -1) error = "D3089";
  if (long optional_at = JsIndexOf(parts.integer, symbols.digit);
      optional_at != -1 && AnyFamily(JsSubstring(parts.integer, 0, optional_at), symbols)) {
    error = "D3090";
  }
  if (long optional_at = JsLastIndexOf(parts.fractional, symbols.digit);
      optional_at != -1 && AnyFamily(JsSubstringFrom(parts.fractional, optional_at), symbols)) {
    error = "D3091";
  }
  if (parts.exponent && !parts.exponent->empty() && (has_percent || has_per_mille)) {
    error = "D3092";
  }
  if (parts.exponent &&
      (parts.exponent->empty() ||
       symbols.CountFamily(*parts.exponent) != static_cast<long>(parts.exponent->size()))) {
    error = "D3093";
  }
  if (error) return FormatError(error);
  return Ok();
}

// F&O 4.7.4's variables for one sub-picture.
struct Layout {
  std::u16string picture, prefix, suffix;
  std::vector<long> integer_grouping;
  long regular_grouping = 0;
  std::vector<long> fractional_grouping;
  long minimum_integer = 0;
  long scaling = 0;
  long minimum_fraction = 0;
  long maximum_fraction = 0;
  long minimum_exponent = 0;
};

// Each separator's distance in digits from the part's right end (or, to_left, from its left
// end). The reference looks for the next separator in the integer part even when scanning the
// fractional part, which this reproduces.
std::vector<long> GroupingPositions(std::u16string_view part, bool to_left,
                                    std::u16string_view integer_part, const Symbols& symbols) {
  std::vector<long> positions;
  for (long at = JsIndexOf(part, symbols.grouping); at != -1;
       at = JsIndexOf(integer_part, symbols.grouping, at + 1)) {
    positions.push_back(
        symbols.CountDigits(to_left ? JsSubstring(part, 0, at) : JsSubstringFrom(part, at)));
  }
  return positions;
}

long RegularGrouping(const std::vector<long>& positions) {
  if (positions.empty()) return 0;
  long factor = 0;
  for (long position : positions) factor = std::gcd(factor, position);
  for (size_t multiple = 1; multiple <= positions.size(); ++multiple) {
    if (std::find(positions.begin(), positions.end(), static_cast<long>(multiple) * factor) ==
        positions.end()) {
      return 0;
    }
  }
  return factor;
}

Layout Analyse(const SubPicture& parts, const Symbols& symbols) {
  Layout layout;
  layout.picture = parts.picture;
  layout.prefix = parts.prefix;
  layout.suffix = parts.suffix;
  layout.integer_grouping = GroupingPositions(parts.integer, false, parts.integer, symbols);
  layout.regular_grouping = RegularGrouping(layout.integer_grouping);
  layout.fractional_grouping = GroupingPositions(parts.fractional, true, parts.integer, symbols);
  layout.minimum_integer = symbols.CountFamily(parts.integer);
  layout.scaling = layout.minimum_integer;
  layout.minimum_fraction = symbols.CountFamily(parts.fractional);
  layout.maximum_fraction = symbols.CountDigits(parts.fractional);
  bool has_exponent = parts.exponent.has_value();
  if (layout.minimum_integer == 0 && layout.maximum_fraction == 0) {
    if (has_exponent) {
      layout.minimum_fraction = 1;
      layout.maximum_fraction = 1;
    } else {
      layout.minimum_integer = 1;
    }
  }
  if (has_exponent && layout.minimum_integer == 0 &&
      JsIndexOf(parts.integer, symbols.digit) != -1) {
    layout.minimum_integer = 1;
  }
  if (layout.minimum_integer == 0 && layout.minimum_fraction == 0) layout.minimum_fraction = 1;
  if (has_exponent) layout.minimum_exponent = symbols.CountFamily(*parts.exponent);
  return layout;
}

std::u16string Repeat(std::u16string_view text, long count) {
  std::u16string out;
  for (long i = 0; i < count; ++i) out += text;
  return out;
}

std::u16string Insert(std::u16string_view s, long at, std::u16string_view separator) {
  return JsSlice(s, 0, at) + std::u16string(separator) + JsSliceFrom(s, at);
}

// toFixed of the magnitude, in the picture's digit family.
std::u16string DigitsOf(double value, long fraction_digits, const Symbols& symbols) {
  std::u16string text = ToUtf16(JsToFixed(std::fabs(value), static_cast<int>(fraction_digits)));
  if (symbols.zero != u"0") {
    for (char16_t& unit : text) {
      if (unit >= u'0' && unit <= u'9') unit = symbols.FamilyDigit(unit);
    }
  }
  return text;
}

// F&O 4.7.5 bullets 5 to 14 for a finite value.
Result<std::u16string> Render(double value, const Layout& pic, const Symbols& symbols) {
  double adjusted = value;
  if (JsIndexOf(pic.picture, symbols.percent) != -1) {
    adjusted = value * 100;
  } else if (JsIndexOf(pic.picture, symbols.per_mille) != -1) {
    adjusted = value * 1000;
  }
  // Bullet 5: mantissa * 10^exponent, the mantissa's integer digits as many as the picture's.
  double mantissa = adjusted;
  std::optional<double> exponent;
  if (pic.minimum_exponent != 0) {
    double max_mantissa = std::pow(10, pic.scaling);
    double min_mantissa = std::pow(10, pic.scaling - 1);
    exponent = 0;
    if (mantissa != 0) {
      while (std::fabs(mantissa) < min_mantissa) {
        mantissa *= 10;
        *exponent -= 1;
      }
      while (std::fabs(mantissa) > max_mantissa) {
        mantissa /= 10;
        *exponent += 1;
      }
    }
  }
  if (pic.maximum_fraction > kMaxFractionDigits) {
    return JsRangeError("toFixed() digits argument must be between 0 and 100");
  }
  std::u16string s = DigitsOf(RoundHalfEven(mantissa, static_cast<int>(pic.maximum_fraction)),
                              pic.maximum_fraction, symbols);
  if (long point = JsIndexOf(s, u"."); point == -1) {
    s += symbols.decimal;
  } else {
    s = JsSubstring(s, 0, point) + symbols.decimal + JsSubstringFrom(s, point + 1);
  }
  while (!s.empty() && JsCharAt(s, 0) == symbols.zero) s.erase(0, 1);
  while (!s.empty() && JsCharAt(s, static_cast<long>(s.size()) - 1) == symbols.zero) s.pop_back();
  // Bullets 8 and 9: pad to the minimum integer and fraction sizes.
  long point = JsIndexOf(s, symbols.decimal);
  long pad_left = pic.minimum_integer - point;
  long pad_right = pic.minimum_fraction - (static_cast<long>(s.size()) - point - 1);
  s = Repeat(symbols.zero, pad_left) + s + Repeat(symbols.zero, pad_right);
  // Bullets 10 and 11: grouping separators.
  point = JsIndexOf(s, symbols.decimal);
  if (pic.regular_grouping > 0) {
    long groups =
        static_cast<long>(std::floor(static_cast<double>(point - 1) / pic.regular_grouping));
    for (long group = 1; group <= groups; ++group) {
      s = Insert(s, point - group * pic.regular_grouping, symbols.grouping);
    }
  } else {
    for (long position : pic.integer_grouping) {
      s = Insert(s, point - position, symbols.grouping);
      ++point;
    }
  }
  point = JsIndexOf(s, symbols.decimal);
  for (long position : pic.fractional_grouping) {
    s = Insert(s, position + point + 1, symbols.grouping);
  }
  // Bullet 12: no decimal separator without digits after it (or in the picture).
  point = JsIndexOf(s, symbols.decimal);
  if (JsIndexOf(pic.picture, symbols.decimal) == -1 || point == static_cast<long>(s.size()) - 1) {
    s = JsSubstring(s, 0, static_cast<long>(s.size()) - 1);
  }
  // Bullet 13: the exponent.
  if (exponent) {
    std::u16string digits = DigitsOf(*exponent, 0, symbols);
    digits = Repeat(symbols.zero, pic.minimum_exponent - static_cast<long>(digits.size())) + digits;
    s += symbols.exponent + (*exponent < 0 ? symbols.minus : u"") + digits;
  }
  return pic.prefix + s + pic.suffix;
}

}  // namespace

Result<std::string> FormatNumber(double value, std::string_view picture,
                                 const DecimalFormat& format) {
  Symbols symbols(format);
  std::vector<std::u16string> sub_pictures = JsSplit(ToUtf16(picture), symbols.pattern);
  if (sub_pictures.size() > 2) return FormatError("D3080");
  std::vector<SubPicture> parts;
  for (const std::u16string& sub_picture : sub_pictures) {
    parts.push_back(Split(sub_picture, symbols));
    TRY(Validate(parts.back(), symbols));
  }
  std::vector<Layout> layouts;
  for (const SubPicture& part : parts) layouts.push_back(Analyse(part, symbols));
  if (layouts.size() == 1) {
    // Without a negative sub-picture, negatives use the positive one after a minus sign.
    layouts.push_back(layouts[0]);
    layouts[1].prefix = symbols.minus + layouts[1].prefix;
  }
  const Layout& pic = value >= 0 ? layouts[0] : layouts[1];
  if (std::isnan(value)) return ToUtf8(symbols.nan);
  if (std::isinf(value)) return ToUtf8(pic.prefix + symbols.infinity + pic.suffix);
  return ToUtf8(TRY(Render(value, pic, symbols)));
}

}  // namespace stepwise::jsonata::format
