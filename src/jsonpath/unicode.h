#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace stepwise::jsonpath::detail {

// UTF-8 and identifier helpers for the path compiler and the regex engine. Internal to
// src/jsonpath.

// The replacement character that DecodeUtf8 yields for bytes that are not valid UTF-8.
inline constexpr char32_t kReplacementCharacter = 0xFFFD;

// Decodes the UTF-8 sequence that starts at text[*pos] and advances *pos past it. An invalid,
// overlong or truncated sequence (or a surrogate) yields kReplacementCharacter and advances one
// byte, so that every input makes progress. Precondition: *pos < text.size().
char32_t DecodeUtf8(std::string_view text, size_t* pos);

// Appends the UTF-8 encoding of cp (which must be a scalar value: not a surrogate, <= 0x10FFFF).
void AppendUtf8(std::string& out, char32_t cp);

// The number of code points in text, counting each invalid byte as one.
size_t CodePointCount(std::string_view text);

// ASL variable names follow Unicode's identifier rules (UAX #31): the first character is
// ID_Start, the rest ID_Continue, at most 80 characters.
// https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html
// These are approximations without the Unicode tables: exact for ASCII and Latin-1; above that
// they accept every code point except spaces, punctuation and symbol blocks, surrogates, private
// use and noncharacters (and combining marks are Continue-only).
bool IsIdStart(char32_t cp);
bool IsIdContinue(char32_t cp);

}  // namespace stepwise::jsonpath::detail
