#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

// UTF-8 helpers for the string intrinsics, which count and split text the way AWS's Java engine
// does (in UTF-16 code units and code points) and must not crash on bytes that are not UTF-8.
namespace stepwise::asl::detail {

// The length Java's String.length() reports for this text: UTF-16 code units, so a character
// beyond U+FFFF counts twice. Bytes that are not valid UTF-8 count one each.
size_t Utf16Length(std::string_view utf8);

// Decodes the code point at text[*offset] and advances *offset past it. A byte that does not
// start a valid sequence is consumed alone and returned as kInvalidByteBase + byte, so that it
// still compares equal only to the same byte.
inline constexpr uint32_t kInvalidByteBase = 0x110000;
uint32_t NextCodePoint(std::string_view text, size_t* offset);

// The text with each ill-formed sequence replaced by U+FFFD, as Java's new String(bytes, UTF_8)
// does. Valid text is returned unchanged.
std::string ToValidUtf8(std::string_view bytes);

}  // namespace stepwise::asl::detail
