#include "jsonata/format/number_words.h"

#include <cmath>
#include <limits>
#include <utility>

#include "jsonata/format/js_number_text.h"
#include "jsonata/format/utf16.h"

namespace stepwise::jsonata::format {
namespace {

constexpr const char* kFew[] = {"Zero",    "One",     "Two",       "Three",    "Four",
                                "Five",    "Six",     "Seven",     "Eight",    "Nine",
                                "Ten",     "Eleven",  "Twelve",    "Thirteen", "Fourteen",
                                "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen"};
constexpr const char* kOrdinals[] = {
    "Zeroth",     "First",     "Second",    "Third",       "Fourth",     "Fifth",     "Sixth",
    "Seventh",    "Eighth",    "Ninth",     "Tenth",       "Eleventh",   "Twelfth",   "Thirteenth",
    "Fourteenth", "Fifteenth", "Sixteenth", "Seventeenth", "Eighteenth", "Nineteenth"};
constexpr const char* kDecades[] = {"Twenty",  "Thirty", "Forty",  "Fifty",  "Sixty",
                                    "Seventy", "Eighty", "Ninety", "Hundred"};
constexpr const char* kMagnitudes[] = {"Thousand", "Million", "Billion", "Trillion"};
constexpr int kMagnitudeCount = 4;

size_t Index(double whole) { return static_cast<size_t>(whole); }

// One step of the reference's recursive lookup; `joined` says whether words precede, which
// decides the " and " / ", " joints.
std::string Lookup(double num, bool joined, bool ordinal) {
  std::string words;
  if (num <= 19) {
    words = std::string(joined ? " and " : "") + (ordinal ? kOrdinals : kFew)[Index(num)];
  } else if (num < 100) {
    double remainder = std::fmod(num, 10);
    words = std::string(joined ? " and " : "") + kDecades[Index(std::floor(num / 10)) - 2];
    if (remainder > 0) {
      words += "-" + Lookup(remainder, false, ordinal);
    } else if (ordinal) {
      words = words.substr(0, words.size() - 1) + "ieth";  // Twenty -> Twentieth
    }
  } else if (num < 1000) {
    double remainder = std::fmod(num, 100);
    words = std::string(joined ? ", " : "") + kFew[Index(std::floor(num / 100))] + " Hundred";
    if (remainder > 0) {
      words += Lookup(remainder, true, ordinal);
    } else if (ordinal) {
      words += "th";
    }
  } else {
    int magnitude = static_cast<int>(std::floor(std::log10(num) / 3));
    if (magnitude > kMagnitudeCount) magnitude = kMagnitudeCount;
    double factor = std::pow(10, magnitude * 3);
    double mantissa = std::floor(num / factor);
    double remainder = num - mantissa * factor;
    words = std::string(joined ? ", " : "") + Lookup(mantissa, false, false) + " " +
            kMagnitudes[magnitude - 1];
    if (remainder > 0) {
      words += Lookup(remainder, true, ordinal);
    } else if (ordinal) {
      words += "th";
    }
  }
  return words;
}

std::string Lower(std::string word) {
  for (char& c : word) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return word;
}

// The reference's word table, in its insertion order (which is the date parser's alternative
// order): cardinals, ordinals, then each decade with its "-ieth" form, then magnitudes with
// their "-th" forms. The decade loop also makes the odd "hundreieth" from "Hundred".
const std::vector<std::pair<std::u16string, double>>& WordValues() {
  static const auto* table = [] {
    auto* values = new std::vector<std::pair<std::u16string, double>>();
    auto add = [values](const std::string& word, double value) {
      values->emplace_back(ToUtf16(word), value);
    };
    for (int i = 0; i < 20; ++i) add(Lower(kFew[i]), i);
    for (int i = 0; i < 20; ++i) add(Lower(kOrdinals[i]), i);
    for (int i = 0; i < 9; ++i) {
      std::string word = Lower(kDecades[i]);
      add(word, (i + 2) * 10);
      add(word.substr(0, word.size() - 1) + "ieth", (i + 2) * 10);
    }
    add("hundredth", 100);
    for (int i = 0; i < kMagnitudeCount; ++i) {
      std::string word = Lower(kMagnitudes[i]);
      add(word, std::pow(10, (i + 1) * 3));
      add(word + "th", std::pow(10, (i + 1) * 3));
    }
    return values;
  }();
  return *table;
}

double WordValue(std::u16string_view word) {
  for (const auto& [known, value] : WordValues()) {
    if (known == word) return value;
  }
  return std::numeric_limits<double>::quiet_NaN();
}

// The reference's split(/,\s|\sand\s|[\s\\-]/): the alternatives are tried in order at each
// position, and every match ends a part.
std::vector<std::u16string> SplitWords(std::u16string_view text) {
  std::vector<std::u16string> parts;
  size_t start = 0;
  for (size_t i = 0; i < text.size();) {
    size_t match = 0;
    if (text[i] == u',' && i + 1 < text.size() && IsJsWhiteSpace(text[i + 1])) {
      match = 2;
    } else if (IsJsWhiteSpace(text[i]) && text.substr(i + 1, 3) == u"and" && i + 4 < text.size() &&
               IsJsWhiteSpace(text[i + 4])) {
      match = 5;
    } else if (IsJsWhiteSpace(text[i]) || text[i] == u'\\' || text[i] == u'-') {
      match = 1;
    }
    if (match == 0) {
      ++i;
      continue;
    }
    parts.emplace_back(text.substr(start, i - start));
    i += match;
    start = i;
  }
  parts.emplace_back(text.substr(start));
  return parts;
}

}  // namespace

std::string NumberToWords(double value, bool ordinal) { return Lookup(value, false, ordinal); }

double WordsToNumber(std::u16string_view lower_case_text) {
  // Segments: a finished magnitude group (>= 1000) is kept, and smaller values add to or start
  // the group after it; a hundred or magnitude multiplies the current group.
  std::vector<double> segments{0};
  for (const std::u16string& part : SplitWords(lower_case_text)) {
    double value = WordValue(part);
    if (value < 100) {
      double top = segments.back();
      segments.pop_back();
      if (top >= 1000) {
        segments.push_back(top);
        top = 0;
      }
      segments.push_back(top + value);
    } else {
      // Also NaN (an unknown word): the comparison above fails and NaN spreads from here.
      segments.back() *= value;
    }
  }
  double sum = 0;
  for (double segment : segments) sum += segment;
  return sum;
}

const std::vector<std::u16string>& NumberWords() {
  static const auto* words = [] {
    auto* list = new std::vector<std::u16string>();
    for (const auto& entry : WordValues()) list->push_back(entry.first);
    return list;
  }();
  return *words;
}

}  // namespace stepwise::jsonata::format
