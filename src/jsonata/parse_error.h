#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "common/error.h"

namespace stepwise::jsonata {

// "No position": the reference reports none for this error (for example S0217 on a whole path).
inline constexpr size_t kNoPosition = static_cast<size_t>(-1);

// A JSONata compile-time (static) error, with the fields the reference implementation (jsonata-js
// 2.x) reports for it.
//
// Positions follow the reference: they count UTF-16 code units (as JavaScript string indices do),
// and a token's position is the offset just past its last character ("[1,2)" fails with S0202 at
// position 5). Lexical errors use the position where the lexer stopped; see each code in
// kParseErrorCodes in parse_error.cc.
//
// Intentionally copyable.
struct ParseError {
  std::string code;                  // "S0202"
  size_t position = kNoPosition;     // see above
  std::optional<std::string> token;  // the offending token, as JSON text ("\")\""), if any
  std::optional<std::string> value;  // the expected value, as JSON text ("\"]\""), if any
  std::string message;               // the reference's message with its inserts filled in

  // The error as data for Result: named after the code, and with the message followed by
  // " at position N" when there is a position.
  Error ToError() const;
};

// Builds a ParseError, filling in the message from the reference's template for code: each
// {{token}} and {{value}} is replaced by the JSON text given (or "undefined" when absent), as
// the reference does.
ParseError MakeParseError(std::string_view code, size_t position,
                          std::optional<std::string> token = std::nullopt,
                          std::optional<std::string> value = std::nullopt);

// The JSON text of a string, as JavaScript's JSON.stringify writes it ("a\"b" for a"b).
std::string JsonText(std::string_view s);

}  // namespace stepwise::jsonata
