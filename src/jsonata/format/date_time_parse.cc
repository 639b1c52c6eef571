// $toMillis: ParseDateTime, declared in date_time.h (FormatDateTime is in date_time.cc).

#include <cmath>
#include <cstdlib>
#include <limits>
#include <map>
#include <string>
#include <unordered_set>
#include <vector>

#include "jsonata/format/calendar.h"
#include "jsonata/format/date_fragment.h"
#include "jsonata/format/date_names.h"
#include "jsonata/format/date_picture.h"
#include "jsonata/format/date_time.h"
#include "jsonata/format/format_error.h"
#include "jsonata/format/integer_picture.h"
#include "jsonata/format/js_number_text.h"
#include "jsonata/format/number_words.h"
#include "jsonata/format/utf16.h"

namespace stepwise::jsonata::format {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool IsDigit(char16_t c) { return c >= u'0' && c <= u'9'; }
bool IsLetter(char16_t c) { return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z'); }
char16_t FoldCase(char16_t c) { return c >= u'A' && c <= u'Z' ? c - u'A' + u'a' : c; }

// ---------------------------------------------------------------------------------------------
// ISO 8601 without a picture.

// The reference's guard: /^\d{4}(-[01]\d)?(-[0-3]\d)?(T[0-2]\d:[0-5]\d:[0-5]\d)?(\.\d+)?
// ([+-][0-2]\d:?[0-5]\d|Z)?$/. Each optional group is tried taken and skipped.
class IsoPattern {
 public:
  explicit IsoPattern(std::u16string_view text) : text_(text) {}

  bool Matches() const { return Digits(0, 4) && From(kMonth, 4); }

 private:
  enum Group { kMonth, kDay, kTime, kFraction, kZone, kEnd };

  bool In(size_t i, char16_t low, char16_t high) const {
    return i < text_.size() && text_[i] >= low && text_[i] <= high;
  }
  bool Digits(size_t i, size_t count) const {
    for (size_t k = 0; k < count; ++k) {
      if (!In(i + k, u'0', u'9')) return false;
    }
    return true;
  }
  bool At(size_t i, char16_t c) const { return i < text_.size() && text_[i] == c; }

  // The length of `group` matched at i, or 0.
  size_t Length(Group group, size_t i) const {
    switch (group) {
      case kMonth:
        return At(i, u'-') && In(i + 1, u'0', u'1') && Digits(i + 2, 1) ? 3 : 0;
      case kDay:
        return At(i, u'-') && In(i + 1, u'0', u'3') && Digits(i + 2, 1) ? 3 : 0;
      case kTime:
        return At(i, u'T') && In(i + 1, u'0', u'2') && Digits(i + 2, 1) && At(i + 3, u':') &&
                       In(i + 4, u'0', u'5') && Digits(i + 5, 1) && At(i + 6, u':') &&
                       In(i + 7, u'0', u'5') && Digits(i + 8, 1)
                   ? 9
                   : 0;
      case kFraction: {
        if (!At(i, u'.')) return 0;
        size_t end = i + 1;
        while (Digits(end, 1)) ++end;
        return end > i + 1 ? end - i : 0;
      }
      case kZone: {
        if (At(i, u'Z')) return 1;
        if (!(At(i, u'+') || At(i, u'-')) || !In(i + 1, u'0', u'2') || !Digits(i + 2, 1)) return 0;
        size_t minutes = At(i + 3, u':') ? i + 4 : i + 3;
        return In(minutes, u'0', u'5') && Digits(minutes + 1, 1) ? minutes + 2 - i : 0;
      }
      case kEnd:
        break;
    }
    return 0;
  }

  bool From(int group, size_t i) const {
    if (group == kEnd) return i == text_.size();
    size_t length = Length(static_cast<Group>(group), i);
    return (length > 0 && From(group + 1, i + length)) || From(group + 1, i);
  }

  std::u16string_view text_;
};

// Date.parse (V8's) on text the guard accepted: YYYY[-MM[-DD]][THH:mm:ss[.s+]][Z|+HH:mm|+HHmm],
// month 1-12, day 1-31 (a day past the month's end overflows into the next), hour 24 only as
// 24:00:00, offset hours up to 23, and "Z" allowed after a date alone. What V8 rejects is NaN:
// an offset or a fraction without a time, a month "-25" taken as a day group.
double ParseIsoTimestamp(std::u16string_view text) {
  size_t i = 0;
  auto number = [&](size_t count) {
    double value = 0;
    for (size_t k = 0; k < count; ++k) value = value * 10 + (text[i + k] - u'0');
    i += count;
    return value;
  };
  auto at = [&](char16_t c) { return i < text.size() && text[i] == c; };
  double year = number(4);
  double month = 1, day = 1, hours = 0, minutes = 0, seconds = 0, milliseconds = 0;
  if (at(u'-')) {
    ++i;
    month = number(2);
    if (at(u'-')) {
      ++i;
      day = number(2);
    }
  }
  double offset_minutes = 0;
  if (at(u'T')) {
    ++i;
    hours = number(2);
    ++i;
    minutes = number(2);
    ++i;
    seconds = number(2);
    if (at(u'.')) {
      ++i;
      // Milliseconds are the first three digits; later ones are dropped.
      size_t digits = 0;
      for (; i < text.size() && IsDigit(text[i]); ++i, ++digits) {
        if (digits < 3) milliseconds += (text[i] - u'0') * std::pow(10, 2 - digits);
      }
    }
    if (at(u'+') || at(u'-')) {
      double sign = text[i] == u'-' ? -1 : 1;
      ++i;
      double offset_hours = number(2);
      if (offset_hours > 23) return kNaN;
      if (at(u':')) ++i;
      offset_minutes = sign * (offset_hours * 60 + number(2));
    }
  }
  if (at(u'Z')) ++i;
  if (i != text.size()) return kNaN;
  if (month < 1 || month > 12 || day < 1 || day > 31 || minutes > 59 || seconds > 59) return kNaN;
  if (hours > 24 || (hours == 24 && (minutes != 0 || seconds != 0 || milliseconds != 0))) {
    return kNaN;
  }
  return MakeTimeValue(year, month - 1, day, hours, minutes - offset_minutes, seconds,
                       milliseconds);
}

// ---------------------------------------------------------------------------------------------
// With a picture: the reference builds a regular expression, one capturing group per picture
// part, anchored and case-insensitive, and reads each group with the part's parser. The parts'
// patterns are few and simple, so they are matched here directly, with the same backtracking
// order a regular expression engine uses (greedy, alternatives left to right).

enum class PatternKind { kLiteral, kDigits, kLetters, kRoman, kWords, kName, kTimezone };

struct PartPattern {
  PatternKind kind = PatternKind::kLiteral;
  std::u16string literal;
  std::optional<size_t> width;  // kDigits: exactly this many
  bool ordinal = false;         // kDigits: then th|st|nd|rd
  std::u16string separator;     // kTimezone: between hours and minutes, if any
  const DateMarker* marker = nullptr;
};

bool IsNameComponent(char16_t component) {
  return component == u'M' || component == u'x' || component == u'F' || component == u'P';
}

Result<PartPattern> PatternFor(const DatePicturePart& part) {
  PartPattern pattern;
  if (part.is_literal) {
    pattern.literal = part.literal;
    return pattern;
  }
  const DateMarker& marker = part.marker;
  pattern.marker = &marker;
  if (marker.component == u'Z' || marker.component == u'z') {
    pattern.kind = PatternKind::kTimezone;
    if (marker.integer->regular) pattern.separator = marker.integer->separators[0].character;
    return pattern;
  }
  if (marker.component == u'f') {
    // Fractional seconds are plain digits whatever the presentation.
    pattern.kind = PatternKind::kDigits;
    return pattern;
  }
  if (!marker.integer) {
    if (!IsNameComponent(marker.component)) {
      return FormatError("D3133", ToUtf8(std::u16string(1, marker.component)));
    }
    pattern.kind = PatternKind::kName;
    return pattern;
  }
  const IntegerPicture& integer = *marker.integer;
  switch (integer.style) {
    case IntegerStyle::kLetters:
      pattern.kind = PatternKind::kLetters;
      break;
    case IntegerStyle::kRoman:
      pattern.kind = PatternKind::kRoman;
      break;
    case IntegerStyle::kWords:
      pattern.kind = PatternKind::kWords;
      break;
    case IntegerStyle::kDecimal:
      pattern.kind = PatternKind::kDigits;
      pattern.ordinal = integer.ordinal;
      if (integer.parse_width && *integer.parse_width > 0) {
        pattern.width = static_cast<size_t>(ToStringIndex(*integer.parse_width));
      }
      break;
    case IntegerStyle::kSequence:
      return FormatError("D3130", ToUtf8(integer.token));
  }
  return pattern;
}

class PictureMatcher {
 public:
  PictureMatcher(const std::vector<PartPattern>& patterns, std::u16string_view text)
      : patterns_(patterns), text_(text), captures_(patterns.size()) {}

  // The text each pattern captured, if the whole text matches.
  std::optional<std::vector<std::u16string>> Match() {
    if (!MatchFrom(0, 0)) return std::nullopt;
    std::vector<std::u16string> captured;
    for (const auto& [start, end] : captures_)
      captured.emplace_back(text_.substr(start, end - start));
    return captured;
  }

 private:
  bool MatchFrom(size_t index, size_t pos) {
    if (index == patterns_.size()) return pos == text_.size();
    uint64_t key = static_cast<uint64_t>(index) * (text_.size() + 1) + pos;
    if (failed_.count(key)) return false;
    for (size_t end : Ends(patterns_[index], pos)) {
      captures_[index] = {pos, end};
      if (MatchFrom(index + 1, end)) return true;
    }
    failed_.insert(key);
    return false;
  }

  size_t Run(size_t pos, bool (*accept)(char16_t)) const {
    size_t end = pos;
    while (end < text_.size() && accept(text_[end])) ++end;
    return end - pos;
  }

  bool LiteralAt(size_t pos, std::u16string_view literal) const {
    if (pos + literal.size() > text_.size()) return false;
    for (size_t i = 0; i < literal.size(); ++i) {
      if (FoldCase(text_[pos + i]) != FoldCase(literal[i])) return false;
    }
    return true;
  }

  // A greedy run of one to max characters: the longest first.
  static std::vector<size_t> Greedy(size_t pos, size_t run) {
    std::vector<size_t> ends;
    for (size_t length = run; length >= 1; --length) ends.push_back(pos + length);
    return ends;
  }

  // The positions where the pattern can end, in the order a regular expression tries them.
  std::vector<size_t> Ends(const PartPattern& pattern, size_t pos) const {
    switch (pattern.kind) {
      case PatternKind::kLiteral:
        if (LiteralAt(pos, pattern.literal)) return {pos + pattern.literal.size()};
        return {};
      case PatternKind::kDigits:
        return DigitEnds(pattern, pos);
      case PatternKind::kLetters:
      case PatternKind::kName:
        return Greedy(pos, Run(pos, IsLetter));
      case PatternKind::kRoman:
        return Greedy(pos, Run(pos, [](char16_t c) {
                        return std::u16string_view(u"MDCLXVImdclxvi").find(c) !=
                               std::u16string_view::npos;
                      }));
      case PatternKind::kWords:
        return WordEnds(pos);
      case PatternKind::kTimezone:
        return TimezoneEnds(pattern, pos);
    }
    return {};
  }

  std::vector<size_t> DigitEnds(const PartPattern& pattern, size_t pos) const {
    size_t run = Run(pos, IsDigit);
    std::vector<size_t> ends;
    if (pattern.width) {
      if (run >= *pattern.width) ends.push_back(pos + *pattern.width);
    } else {
      ends = Greedy(pos, run);
    }
    if (!pattern.ordinal) return ends;
    std::vector<size_t> with_suffix;
    for (size_t end : ends) {
      for (std::u16string_view suffix : {u"th", u"st", u"nd", u"rd"}) {
        if (LiteralAt(end, suffix)) with_suffix.push_back(end + 2);
      }
    }
    return with_suffix;
  }

  // (?:zero|one|...|and|[\-, ])+ : a depth-first search over the alternatives, ends in the
  // order the repetition gives them up (deepest first). A position reached twice is explored
  // once: the second visit could only offer the same ends again.
  std::vector<size_t> WordEnds(size_t start) const {
    static const std::vector<std::u16string>* alternatives = [] {
      auto* words = new std::vector<std::u16string>(NumberWords());
      words->push_back(u"and");
      return words;
    }();
    struct Frame {
      size_t pos;
      size_t next;  // the alternative to try next; alternatives->size() is the [\-, ] class
    };
    std::vector<bool> visited(text_.size() + 1);
    std::vector<size_t> ends;
    std::vector<Frame> stack{{start, 0}};
    while (!stack.empty()) {
      Frame& frame = stack.back();
      if (frame.next > alternatives->size()) {
        if (frame.pos != start) ends.push_back(frame.pos);
        stack.pop_back();
        continue;
      }
      size_t alternative = frame.next++;
      size_t pos = frame.pos;
      size_t length = 0;
      if (alternative < alternatives->size()) {
        if (LiteralAt(pos, (*alternatives)[alternative]))
          length = (*alternatives)[alternative].size();
      } else if (pos < text_.size() &&
                 std::u16string_view(u"-, ").find(text_[pos]) != std::u16string_view::npos) {
        length = 1;
      }
      if (length > 0 && !visited[pos + length]) {
        visited[pos + length] = true;
        stack.push_back({pos + length, 0});
      }
    }
    return ends;
  }

  // (GMT)?[-+][0-9]+(separator[0-9]+)?
  std::vector<size_t> TimezoneEnds(const PartPattern& pattern, size_t pos) const {
    if (pattern.marker->component == u'z') {
      if (!LiteralAt(pos, u"GMT")) return {};
      pos += 3;
    }
    if (pos >= text_.size() || (text_[pos] != u'+' && text_[pos] != u'-')) return {};
    std::vector<size_t> hours = Greedy(pos + 1, Run(pos + 1, IsDigit));
    if (pattern.separator.empty()) return hours;
    std::vector<size_t> ends;
    for (size_t end : hours) {
      if (!LiteralAt(end, pattern.separator)) continue;
      size_t minutes = end + pattern.separator.size();
      for (size_t minutes_end : Greedy(minutes, Run(minutes, IsDigit))) ends.push_back(minutes_end);
    }
    return ends;
  }

  const std::vector<PartPattern>& patterns_;
  std::u16string_view text_;
  std::vector<std::pair<size_t, size_t>> captures_;
  std::unordered_set<uint64_t> failed_;
};

// A component's value as the reference reads it: a number, NaN, or undefined (nullopt) for a
// name it does not know.
using ComponentValue = std::optional<double>;

ComponentValue ReadName(std::u16string_view text, const DateMarker& marker) {
  if (marker.component == u'P') {
    if (text == u"am" || text == u"AM") return 0;
    if (text == u"pm" || text == u"PM") return 1;
    return std::nullopt;
  }
  // Names match exactly (case included), cut to the maximum width if there is one; where cut
  // names collide the later one wins, as in the reference's lookup object.
  bool month = marker.component != u'F';
  std::optional<double> cut;
  if (marker.width && marker.width->max && *marker.width->max != 0) cut = *marker.width->max;
  ComponentValue value;
  size_t count = month ? 12 : 8;
  for (size_t i = month ? 0 : 1; i < count; ++i) {
    std::u16string_view name = month ? kMonthNames[i] : kDayNames[i];
    std::u16string key = cut ? JsSubstring(name, 0, ToStringIndex(*cut)) : std::u16string(name);
    if (key == text) value = static_cast<double>(month ? i + 1 : i);
  }
  return value;
}

// The reference's time zone parser: "+hh:mm" splits at the separator; without one, up to two
// digits are hours and longer text is "+hh" then minutes. Minutes are added to signed hours.
double ReadTimezone(std::u16string text, const PartPattern& pattern) {
  if (pattern.marker->component == u'z') text = JsSubstringFrom(text, 3);
  double hours = 0;
  double minutes = 0;
  if (!pattern.separator.empty()) {
    long at = JsIndexOf(text, pattern.separator);
    hours = JsParseInt(JsSubstring(text, 0, at));
    minutes = JsParseInt(JsSubstringFrom(text, at + 1));
  } else if (text.size() - 1 <= 2) {
    hours = JsParseInt(text);
  } else {
    hours = JsParseInt(JsSubstring(text, 0, 3));
    minutes = JsParseInt(JsSubstringFrom(text, 3));
  }
  return hours * 60 + minutes;
}

// Fractional seconds are a decimal fraction: ".5" is 500 ms and digits past the third are
// dropped. The reference computes parseFloat("0." + digits) * 1000, so a product just under an
// integer loses a millisecond when Date.UTC truncates it; this computes the same product.
double ReadFraction(std::u16string_view digits) {
  std::string fraction = "0." + ToUtf8(digits.substr(0, 3));
  return std::strtod(fraction.c_str(), nullptr) * 1000;
}

Result<ComponentValue> ReadComponent(std::u16string_view text, const PartPattern& pattern) {
  const DateMarker& marker = *pattern.marker;
  switch (pattern.kind) {
    case PatternKind::kName:
      return ReadName(text, marker);
    case PatternKind::kTimezone:
      return ComponentValue(ReadTimezone(std::u16string(text), pattern));
    case PatternKind::kDigits:
      if (marker.component == u'f') return ComponentValue(ReadFraction(text));
      [[fallthrough]];
    default:
      return ComponentValue(TRY(ParseIntegerWith(text, *marker.integer)));
  }
}

// JavaScript truthiness of a component, which the reference's masks test.
bool Truthy(const ComponentValue& value) { return value && *value != 0 && !std::isnan(*value); }

class Components {
 public:
  bool Empty() const { return values_.empty(); }
  void Set(char16_t component, ComponentValue value) { values_[component] = value; }
  ComponentValue Get(char16_t component) const {
    auto it = values_.find(component);
    return it == values_.end() ? std::nullopt : it->second;
  }
  double Number(char16_t component) const { return Get(component).value_or(kNaN); }

  // The bits of `order`'s components that hold a truthy value, the first component highest.
  int Mask(std::u16string_view order) const {
    int mask = 0;
    for (char16_t component : order) mask = (mask << 1) | (Truthy(Get(component)) ? 1 : 0);
    return mask;
  }

 private:
  std::map<char16_t, ComponentValue> values_;
};

// The reference's rule for which combination of components the picture supplies: none of the
// combination's absent components (0 bits) may be present, and at least one of its own must be.
bool IsCombination(int combination, int mask) {
  return (~combination & mask) == 0 && (combination & mask) != 0;
}

// The reference's date and time combinations (bits in "YXMxWwdD" and "PHhmsf" order).
constexpr int kDateYearMonthDay = 0b10100001;
constexpr int kDateYearDay = 0b10000010;
constexpr int kDateMonthWeek = 0b01010100;
constexpr int kDateYearWeek = 0b01001000;
constexpr int kTime24 = 0b010111;
constexpr int kTime12 = 0b101111;

Result<double> ToTimeValue(Components& components, double now_millis) {
  int date_mask = components.Mask(u"YXMxWwdD");
  bool year_month_day = IsCombination(kDateYearMonthDay, date_mask);
  bool year_day = !year_month_day && IsCombination(kDateYearDay, date_mask);
  bool month_week = IsCombination(kDateMonthWeek, date_mask);
  bool year_week = !month_week && IsCombination(kDateYearWeek, date_mask);
  int time_mask = components.Mask(u"PHhmsf");
  bool twelve_hour = !IsCombination(kTime24, time_mask) && IsCombination(kTime12, time_mask);

  std::u16string order = year_day ? u"YD" : month_week ? u"XxwF" : year_week ? u"XWF" : u"YMD";
  order += twelve_hour ? u"Phmsf" : u"Hmsf";
  // Most significant first: absent components before the first given one come from now; after
  // the given ones they take their least value; a given one after that is a gap.
  bool started = false;
  bool ended = false;
  for (char16_t component : order) {
    if (components.Get(component)) {
      started = true;
      if (ended) return FormatError("D3136");
    } else if (started) {
      components.Set(
          component,
          std::u16string_view(u"MDd").find(component) != std::u16string_view::npos ? 1 : 0);
      ended = true;
    } else {
      // The reference's am/pm from now is a string, which never equals the pm value 1.
      components.Set(component, component == u'P' ? kNaN : IntegerFragment(now_millis, component));
    }
  }
  double month = components.Number(u'M') > 0 ? components.Number(u'M') - 1 : 0;
  double day = components.Number(u'D');
  if (year_day) {
    double first_january = DateUtc(components.Number(u'Y'), 0);
    DateFields derived =
        FieldsOf(TimeClip(first_january + (components.Number(u'd') - 1) * kMsPerDay));
    month = derived.month;
    day = derived.day;
  }
  if (month_week || year_week) return FormatError("D3136");
  double hours = components.Number(u'H');
  if (twelve_hour) {
    hours = components.Number(u'h') == 12 ? 0 : components.Number(u'h');
    if (components.Number(u'P') == 1) hours += 12;
  }
  double millis = DateUtc(components.Number(u'Y'), month, day, hours, components.Number(u'm'),
                          components.Number(u's'), components.Number(u'f'));
  for (char16_t zone : {u'Z', u'z'}) {
    if (Truthy(components.Get(zone))) return millis - *components.Get(zone) * 60 * 1000;
  }
  return millis;
}

Result<std::optional<double>> ParseWithPicture(std::u16string_view text,
                                               std::u16string_view picture, double now_millis) {
  std::vector<DatePicturePart> parts = TRY(AnalyseDatePicture(picture));
  std::vector<PartPattern> patterns;
  for (const DatePicturePart& part : parts) patterns.push_back(TRY(PatternFor(part)));
  std::optional<std::vector<std::u16string>> captured = PictureMatcher(patterns, text).Match();
  if (!captured) return std::optional<double>();
  Components components;
  for (size_t i = 0; i < patterns.size(); ++i) {
    if (!patterns[i].marker) continue;
    components.Set(patterns[i].marker->component, TRY(ReadComponent((*captured)[i], patterns[i])));
  }
  if (components.Empty()) return std::optional<double>();
  return std::optional<double>(TRY(ToTimeValue(components, now_millis)));
}

}  // namespace

Result<std::optional<double>> ParseDateTime(std::string_view text,
                                            std::optional<std::string_view> picture,
                                            double now_millis) {
  std::u16string text16 = ToUtf16(text);
  if (picture) return ParseWithPicture(text16, ToUtf16(*picture), now_millis);
  if (!IsoPattern(text16).Matches()) return FormatError("D3110", text);
  return std::optional<double>(ParseIsoTimestamp(text16));
}

}  // namespace stepwise::jsonata::format
