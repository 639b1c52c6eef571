#include "jsonata/format/date_picture.h"

#include <utility>

#include "jsonata/format/format_error.h"
#include "jsonata/format/js_number_text.h"
#include "jsonata/format/utf16.h"

namespace stepwise::jsonata::format {
namespace {

// The presentation a marker gets when it names none.
std::optional<std::u16string_view> DefaultPresentation(char16_t component) {
  switch (component) {
    case u'Y':
    case u'M':
    case u'D':
    case u'd':
    case u'W':
    case u'w':
    case u'X':
    case u'x':
    case u'H':
    case u'h':
    case u'f':
      return u"1";
    case u'F':
    case u'P':
    case u'C':
    case u'E':
      return u"n";
    case u'm':
    case u's':
      return u"01";
    case u'Z':
    case u'z':
      return u"01:01";
    default:
      return std::nullopt;
  }
}

bool IsIntegerComponent(char16_t component) {
  return std::u16string_view(u"YMDdFWwXxHhmsf").find(component) != std::u16string_view::npos;
}

std::optional<double> ParseWidthBound(std::optional<std::u16string> bound) {
  if (!bound || *bound == u"*") return std::nullopt;
  return JsParseInt(*bound);
}

std::u16string WithoutWhiteSpace(std::u16string_view text) {
  std::u16string out;
  for (char16_t unit : text) {
    if (!IsJsWhiteSpace(unit)) out += unit;
  }
  return out;
}

// Applies the width modifier and the year rule (§9.8.4.4) to an integer component's picture.
void ApplyWidth(DateMarker& marker) {
  IntegerPicture& integer = *marker.integer;
  bool decimal = integer.style == IntegerStyle::kDecimal;
  if (decimal && marker.width && marker.width->min &&
      integer.mandatory_digits < *marker.width->min) {
    integer.mandatory_digits = *marker.width->min;
  }
  if (marker.component != u'Y') return;
  if (marker.width && marker.width->max) {
    marker.year_digits = *marker.width->max;
    integer.mandatory_digits = marker.year_digits;
  } else if (decimal && integer.mandatory_digits + integer.optional_digits >= 2) {
    marker.year_digits = integer.mandatory_digits + integer.optional_digits;
  }
}

Result<DateMarker> AnalyseMarker(std::u16string_view text) {
  std::u16string marker = WithoutWhiteSpace(text);
  DateMarker analysed;
  std::u16string component = JsCharAt(marker, 0);
  if (!component.empty()) analysed.component = component[0];
  std::u16string modifiers;
  if (long comma = JsLastIndexOf(marker, u","); comma != -1) {
    std::u16string width = JsSubstringFrom(marker, comma + 1);
    std::optional<std::u16string> min = width, max;
    if (long dash = JsIndexOf(width, u"-"); dash != -1) {
      min = JsSubstring(width, 0, dash);
      max = JsSubstringFrom(width, dash + 1);
    }
    analysed.width = DateWidth{ParseWidthBound(min), ParseWidthBound(max)};
    modifiers = JsSubstring(marker, 1, comma);
  } else {
    modifiers = JsSubstringFrom(marker, 1);
  }
  if (modifiers.size() > 1 &&
      std::u16string_view(u"atco").find(modifiers.back()) != std::u16string_view::npos) {
    analysed.presentation2 = modifiers.back();
    modifiers.pop_back();
  }
  if (!modifiers.empty()) {
    analysed.presentation1 = std::move(modifiers);
  } else if (std::optional<std::u16string_view> fallback =
                 DefaultPresentation(analysed.component)) {
    analysed.presentation1 = *fallback;
  } else {
    return FormatError("D3132", ToUtf8(component));
  }
  const std::u16string& presentation = analysed.presentation1;
  if (presentation[0] == u'n') {
    analysed.names = LetterCase::kLower;
  } else if (presentation[0] == u'N') {
    analysed.names = presentation.size() > 1 && presentation[1] == u'n' ? LetterCase::kTitle
                                                                        : LetterCase::kUpper;
  } else if (IsIntegerComponent(analysed.component)) {
    std::u16string pattern = presentation;
    if (analysed.presentation2) pattern += std::u16string(u";") + *analysed.presentation2;
    analysed.integer = TRY(AnalyseIntegerPicture(pattern));
    ApplyWidth(analysed);
  }
  if (analysed.component == u'Z' || analysed.component == u'z') {
    analysed.integer = TRY(AnalyseIntegerPicture(presentation));
  }
  return analysed;
}

}  // namespace

Result<std::vector<DatePicturePart>> AnalyseDatePicture(std::u16string_view picture) {
  std::vector<DatePicturePart> parts;
  auto add_literal = [&](long start, long end) {
    if (end <= start) return;
    // "]]" is an escaped bracket; a lone "]" is left as it is.
    std::u16string raw = JsSubstring(picture, start, end);
    std::u16string literal;
    for (size_t i = 0; i < raw.size(); ++i) {
      literal += raw[i];
      if (raw[i] == u']' && i + 1 < raw.size() && raw[i + 1] == u']') ++i;
    }
    parts.push_back({true, std::move(literal), {}});
  };
  long size = static_cast<long>(picture.size());
  long start = 0;
  long pos = 0;
  while (pos < size) {
    if (picture[static_cast<size_t>(pos)] != u'[') {
      ++pos;
      continue;
    }
    if (JsCharAt(picture, pos + 1) == u"[") {
      add_literal(start, pos);
      parts.push_back({true, u"[", {}});
      pos += 2;
      start = pos;
      continue;
    }
    add_literal(start, pos);
    start = pos;
    pos = JsIndexOf(picture, u"]", start);
    if (pos == -1) return FormatError("D3135");
    DatePicturePart part;
    part.marker = TRY(AnalyseMarker(JsSubstring(picture, start + 1, pos)));
    // When two integer components meet with no literal between them, the first must be read
    // with exactly its picture's digit count ("[Y0001][M01]" parses "201802").
    if (part.marker.integer && IsIntegerComponent(part.marker.component) && !part.marker.names &&
        !parts.empty() && parts.back().marker.integer) {
      parts.back().marker.integer->parse_width = parts.back().marker.integer->mandatory_digits;
    }
    parts.push_back(std::move(part));
    start = pos + 1;
    ++pos;
  }
  add_literal(start, pos);
  return parts;
}

}  // namespace stepwise::jsonata::format
