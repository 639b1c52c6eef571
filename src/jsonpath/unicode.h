#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/utf8.h"

namespace stepwise::jsonpath::detail {

// UTF-8 and identifier helpers for the path compiler and the regex engine. Internal to
// src/jsonpath.

// DecodeUtf8, AppendUtf8: common/utf8.h.

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
