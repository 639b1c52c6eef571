#pragma once

#include <cstddef>
#include <string>
#include <string_view>

// UTF-8 encoding and decoding, shared by every component that walks text by code point (JSONPath
// and JSONata, their regular expressions, JSONata's picture strings).
namespace stepwise {

// What DecodeUtf8 yields for bytes that are not valid UTF-8.
inline constexpr char32_t kReplacementCharacter = 0xFFFD;

// Decodes the UTF-8 sequence that starts at text[*pos] and advances *pos past it. An invalid,
// overlong or truncated sequence (or a surrogate) yields kReplacementCharacter and advances one
// byte, so that every input makes progress. Precondition: *pos < text.size().
char32_t DecodeUtf8(std::string_view text, size_t* pos);

// Appends the UTF-8 encoding of cp (a scalar value: not a surrogate, at most U+10FFFF).
void AppendUtf8(std::string& out, char32_t cp);

}  // namespace stepwise
