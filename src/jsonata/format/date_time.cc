#include "jsonata/format/date_time.h"

#include <cmath>
#include <string>
#include <vector>

#include "jsonata/format/calendar.h"
#include "jsonata/format/date_fragment.h"
#include "jsonata/format/date_names.h"
#include "jsonata/format/date_picture.h"
#include "jsonata/format/format_error.h"
#include "jsonata/format/integer_picture.h"
#include "jsonata/format/js_number_text.h"
#include "jsonata/format/utf16.h"

namespace stepwise::jsonata::format {
namespace {

// The picture $fromMillis uses when given none.
constexpr std::u16string_view kIsoPicture =
    u"[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]";

// The offset as the reference splits the parsed "+hhmm": floor(n / 100) and n % 100, so "-0530"
// is -6 hours and -30 minutes (the reference's arithmetic, reproduced).
struct Offset {
  double hours = 0;
  double minutes = 0;
};

bool IsIntegerValued(char16_t component) {
  return std::u16string_view(u"YMDdFWwXxHhms").find(component) != std::u16string_view::npos;
}

// JavaScript's TypeError where the reference calls a method on an undefined value.
Error UndefinedPropertyError(std::string_view property) {
  return Error("TypeError",
               "Cannot read properties of undefined (reading '" + std::string(property) + "')");
}

std::optional<std::u16string_view> NameOf(double value, char16_t component) {
  bool month = component == u'M' || component == u'x';
  double count = month ? 12 : 8;
  double index = month ? value - 1 : value;
  if (!(index >= 0 && index < count) || index != std::floor(index)) return std::nullopt;
  return (month ? kMonthNames : kDayNames)[static_cast<size_t>(index)];
}

Result<std::u16string> FormatName(double value, const DateMarker& marker) {
  char16_t component = marker.component;
  if (component != u'M' && component != u'x' && component != u'F') {
    return FormatError("D3133", ToUtf8(std::u16string(1, component)));
  }
  std::optional<std::u16string_view> name = NameOf(value, component);
  // An invalid date has no name; the reference then prints "undefined" or fails on it.
  if (!name) {
    if (*marker.names == LetterCase::kUpper) return UndefinedPropertyError("toUpperCase");
    if (*marker.names == LetterCase::kLower) return UndefinedPropertyError("toLowerCase");
    if (marker.width) return UndefinedPropertyError("length");
    return std::u16string(u"undefined");
  }
  std::u16string text(*name);
  if (*marker.names == LetterCase::kUpper) text = AsciiUpper(text);
  if (*marker.names == LetterCase::kLower) text = AsciiLower(text);
  if (marker.width && marker.width->max && static_cast<double>(text.size()) > *marker.width->max) {
    text = JsSubstring(text, 0, ToStringIndex(*marker.width->max));
  }
  return text;
}

Result<std::u16string> FormatInteger(double value, const DateMarker& marker) {
  if (!marker.integer) return UndefinedPropertyError("primary");
  return FormatIntegerWith(value, *marker.integer);
}

// §9.8.4.6: one or two digits give hours and, if any, ":mm"; three or four give hhmm; a
// regular grouping ("01:01") formats hhmm with its separator.
Result<std::u16string> FormatTimezone(const DateMarker& marker, const Offset& offset) {
  const IntegerPicture& integer = *marker.integer;
  double value = offset.hours * 100 + offset.minutes;
  std::u16string text;
  if (integer.regular) {
    text = TRY(FormatIntegerWith(value, integer));
  } else if (integer.mandatory_digits == 1 || integer.mandatory_digits == 2) {
    text = TRY(FormatIntegerWith(offset.hours, integer));
    if (offset.minutes != 0) {
      IntegerPicture two_digits = TRY(AnalyseIntegerPicture(u"00"));
      text += u":" + TRY(FormatIntegerWith(std::floor(offset.minutes), two_digits));
    }
  } else if (integer.mandatory_digits == 3 || integer.mandatory_digits == 4) {
    text = TRY(FormatIntegerWith(value, integer));
  } else {
    return FormatError("D3134");
  }
  if (value >= 0) text.insert(0, u"+");
  if (marker.component == u'z') text.insert(0, u"GMT");
  if (value == 0 && marker.presentation2 == u't') text = u"Z";
  return text;
}

Result<std::u16string> FormatComponent(double time, const DateMarker& marker,
                                       const Offset& offset) {
  char16_t component = marker.component;
  if (IsIntegerValued(component)) {
    double value = IntegerFragment(time, component);
    if (component == u'Y' && marker.year_digits != -1) {
      value = std::fmod(value, std::pow(10, marker.year_digits));
    }
    if (marker.names) return FormatName(value, marker);
    return FormatInteger(value, marker);
  }
  switch (component) {
    case u'f':
      return FormatInteger(IntegerFragment(time, u'f'), marker);
    case u'Z':
    case u'z':
      return FormatTimezone(marker, offset);
    case u'P': {
      // NaN hours (an invalid date) compare false and print "am", as in the reference.
      std::u16string text = FieldsOf(time).hours >= 12 ? u"pm" : u"am";
      if (marker.names == LetterCase::kUpper) text = AsciiUpper(text);
      return text;
    }
    case u'C':
    case u'E':
      return std::u16string(u"ISO");
    default:
      // The reference has no value for other letters and concatenates undefined.
      return std::u16string(u"undefined");
  }
}

}  // namespace

Result<std::string> FormatDateTime(double millis, std::optional<std::string_view> picture,
                                   std::optional<std::string_view> timezone) {
  Offset offset;
  if (timezone) {
    double hhmm = JsParseInt(ToUtf16(*timezone));
    offset = {std::floor(hhmm / 100), std::fmod(hhmm, 100)};
  }
  std::vector<DatePicturePart> parts =
      TRY(AnalyseDatePicture(picture ? ToUtf16(*picture) : std::u16string(kIsoPicture)));
  // The reference shifts the instant by the offset and then reads its UTC fields.
  double time = TimeClip(millis + (60 * offset.hours + offset.minutes) * 60 * 1000);
  std::u16string out;
  for (const DatePicturePart& part : parts) {
    out += part.is_literal ? part.literal : TRY(FormatComponent(time, part.marker, offset));
  }
  return ToUtf8(out);
}

}  // namespace stepwise::jsonata::format
