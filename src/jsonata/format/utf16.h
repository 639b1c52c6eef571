#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace stepwise::jsonata::format {

// JavaScript strings are sequences of UTF-16 code units, and the reference implementation's
// picture handling indexes, slices and counts them (charAt, substring, length). The picture code
// here works on std::u16string so that its positions are the reference's, and converts at the
// API boundary. Internal to the format library.

// UTF-8 to UTF-16; each byte of an ill-formed sequence becomes U+FFFD.
std::u16string ToUtf16(std::string_view utf8);

// UTF-16 to UTF-8; a lone surrogate becomes U+FFFD.
std::string ToUtf8(std::u16string_view utf16);

// The code points of s, a surrogate pair as one (the reference's stringToArray).
std::vector<char32_t> CodePoints(std::u16string_view s);
void AppendCodePoint(std::u16string& out, char32_t code_point);

// JavaScript's String.prototype methods, negative and out-of-range arguments included. Indices
// are signed because the reference computes them as differences that may go below zero.
std::u16string JsSlice(std::u16string_view s, long start, long end);
std::u16string JsSliceFrom(std::u16string_view s, long start);
std::u16string JsSubstr(std::u16string_view s, long start, long length);
std::u16string JsSubstrFrom(std::u16string_view s, long start);
std::u16string JsSubstring(std::u16string_view s, long start, long end);
std::u16string JsSubstringFrom(std::u16string_view s, long start);
// charAt: the unit at index as a one-unit string, or "" outside the string.
std::u16string JsCharAt(std::u16string_view s, long index);
// indexOf / lastIndexOf: -1 when absent; an empty needle is found at the clamped start.
long JsIndexOf(std::u16string_view s, std::u16string_view needle, long from = 0);
long JsLastIndexOf(std::u16string_view s, std::u16string_view needle);
// split with a string separator: an empty separator splits into single code units.
std::vector<std::u16string> JsSplit(std::u16string_view s, std::u16string_view separator);
// s with every occurrence of needle removed (split(needle).join('')).
std::u16string JsRemoveAll(std::u16string_view s, std::u16string_view needle);

// ASCII-only case mapping of a UTF-16 string (the reference's words and numerals are ASCII).
std::u16string AsciiUpper(std::u16string_view s);
std::u16string AsciiLower(std::u16string_view s);

}  // namespace stepwise::jsonata::format
