#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace stepwise::json {

// The first syntax error in a text and the byte offset where a reader notices it.
struct SyntaxError {
  std::string what;
  size_t offset;
};

// Finds the first syntax error in text, worded as AWS's (Jackson-based) parser words it, e.g.
// "Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null',
// 'true' or 'false')". Returns nullopt when text is one well-formed JSON value.
//
// This is the parser's error path only: simdjson says that a document is malformed, this says
// where and why. It is a plain recursive-descent scan, bounded by max_depth.
std::optional<SyntaxError> FindSyntaxError(std::string_view text, size_t max_depth);

}  // namespace stepwise::json
