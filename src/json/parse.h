#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/result.h"
#include "json/value.h"

namespace stepwise::json {

// Jackson's default nesting limit (StreamReadConstraints), which AWS's engine parses with.
inline constexpr size_t kDefaultMaxDepth = 1000;

enum class RepeatedKeys {
  kLastWins,  // {"a":1,"a":2} is {"a":2}, as JSON.parse and Jackson read it
  kError,     // a repeated key is a parse error (ASL definitions)
};

struct ParseOptions {
  size_t max_depth = kDefaultMaxDepth;
  RepeatedKeys repeated_keys = RepeatedKeys::kLastWins;
};

// Where and why a parse failed. Line and column are 1-based; the column counts characters
// (UTF-8 code points), not bytes.
struct ParseErrorDetail {
  std::string what;  // e.g. "Unexpected end of input", "Duplicate field 'Next'"
  size_t offset = 0;
  size_t line = 0;
  size_t column = 0;
};

// Parses one JSON document (RFC 8259; the whole text must be one value, surrounding whitespace
// aside) with simdjson. On failure returns an Error named "JsonParseError" whose message is
// "<what> at line L, column C", and fills *detail when given.
Result<Value> Parse(std::string_view text, const ParseOptions& options = {},
                    ParseErrorDetail* detail = nullptr);

}  // namespace stepwise::json
