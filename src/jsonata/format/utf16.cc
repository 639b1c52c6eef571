#include "jsonata/format/utf16.h"

#include <algorithm>

#include "common/utf8.h"

namespace stepwise::jsonata::format {
namespace {

bool IsHighSurrogate(char16_t u) { return u >= 0xD800 && u <= 0xDBFF; }
bool IsLowSurrogate(char16_t u) { return u >= 0xDC00 && u <= 0xDFFF; }

long Size(std::u16string_view s) { return static_cast<long>(s.size()); }

std::u16string Range(std::u16string_view s, long from, long to) {
  if (to <= from) return {};
  return std::u16string(s.substr(static_cast<size_t>(from), static_cast<size_t>(to - from)));
}

// The relative index rule of slice and substr: negative counts from the end.
long Relative(long index, long size) {
  return index < 0 ? std::max(size + index, 0L) : std::min(index, size);
}

}  // namespace

std::u16string ToUtf16(std::string_view utf8) {
  std::u16string out;
  out.reserve(utf8.size());
  for (size_t i = 0; i < utf8.size();) AppendCodePoint(out, DecodeUtf8(utf8, &i));
  return out;
}

std::string ToUtf8(std::u16string_view utf16) {
  std::string out;
  out.reserve(utf16.size());
  for (char32_t c : CodePoints(utf16)) {
    AppendUtf8(out, c >= 0xD800 && c <= 0xDFFF ? kReplacementCharacter : c);
  }
  return out;
}

std::vector<char32_t> CodePoints(std::u16string_view s) {
  std::vector<char32_t> out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (IsHighSurrogate(s[i]) && i + 1 < s.size() && IsLowSurrogate(s[i + 1])) {
      out.push_back(0x10000 + ((static_cast<char32_t>(s[i]) - 0xD800) << 10) + (s[i + 1] - 0xDC00));
      ++i;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

void AppendCodePoint(std::u16string& out, char32_t code_point) {
  if (code_point < 0x10000) {
    out += static_cast<char16_t>(code_point);
  } else {
    code_point -= 0x10000;
    out += static_cast<char16_t>(0xD800 + (code_point >> 10));
    out += static_cast<char16_t>(0xDC00 + (code_point & 0x3FF));
  }
}

std::u16string JsSlice(std::u16string_view s, long start, long end) {
  return Range(s, Relative(start, Size(s)), Relative(end, Size(s)));
}

std::u16string JsSliceFrom(std::u16string_view s, long start) { return JsSlice(s, start, Size(s)); }

std::u16string JsSubstr(std::u16string_view s, long start, long length) {
  long from = Relative(start, Size(s));
  return Range(s, from, from + std::clamp(length, 0L, Size(s) - from));
}

std::u16string JsSubstrFrom(std::u16string_view s, long start) {
  return JsSubstr(s, start, Size(s));
}

std::u16string JsSubstring(std::u16string_view s, long start, long end) {
  long from = std::clamp(start, 0L, Size(s));
  long to = std::clamp(end, 0L, Size(s));
  return Range(s, std::min(from, to), std::max(from, to));
}

std::u16string JsSubstringFrom(std::u16string_view s, long start) {
  return JsSubstring(s, start, Size(s));
}

std::u16string JsCharAt(std::u16string_view s, long index) {
  if (index < 0 || index >= Size(s)) return {};
  return std::u16string(1, s[static_cast<size_t>(index)]);
}

long JsIndexOf(std::u16string_view s, std::u16string_view needle, long from) {
  size_t start = static_cast<size_t>(std::clamp(from, 0L, Size(s)));
  size_t found = s.find(needle, start);
  return found == std::u16string_view::npos ? -1 : static_cast<long>(found);
}

long JsLastIndexOf(std::u16string_view s, std::u16string_view needle) {
  size_t found = s.rfind(needle);
  return found == std::u16string_view::npos ? -1 : static_cast<long>(found);
}

std::vector<std::u16string> JsSplit(std::u16string_view s, std::u16string_view separator) {
  std::vector<std::u16string> parts;
  if (separator.empty()) {
    for (char16_t unit : s) parts.emplace_back(1, unit);
    return parts;
  }
  size_t start = 0;
  for (size_t found; (found = s.find(separator, start)) != std::u16string_view::npos;
       start = found + separator.size()) {
    parts.emplace_back(s.substr(start, found - start));
  }
  parts.emplace_back(s.substr(start));
  return parts;
}

std::u16string JsRemoveAll(std::u16string_view s, std::u16string_view needle) {
  std::u16string out;
  for (const std::u16string& part : JsSplit(s, needle)) out += part;
  return out;
}

std::u16string AsciiUpper(std::u16string_view s) {
  std::u16string out(s);
  for (char16_t& unit : out) {
    if (unit >= u'a' && unit <= u'z') unit = static_cast<char16_t>(unit - u'a' + u'A');
  }
  return out;
}

std::u16string AsciiLower(std::u16string_view s) {
  std::u16string out(s);
  for (char16_t& unit : out) {
    if (unit >= u'A' && unit <= u'Z') unit = static_cast<char16_t>(unit - u'A' + u'a');
  }
  return out;
}

}  // namespace stepwise::jsonata::format
