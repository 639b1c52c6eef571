#pragma once

#include <string_view>

#include "common/result.h"
#include "common/stack_limits.h"
#include "jsonata/ast.h"
#include "jsonata/parse_error.h"

namespace stepwise::jsonata {

// The deepest nesting Parse accepts, in parser recursion and in tree depth. Deeper input fails
// with U1001 instead of exhausting the stack (the reference would hit JavaScript's own stack
// limit). A chain of 500 binary operators (a & b & ...) or path steps counts as 500 levels.
// Sanitizer builds allow less (common/stack_limits.h).
inline constexpr int kMaxNestingDepth = 500 / kSanitizerStackScale;

// Parses a JSONata 2.x expression (the grammar of jsonata-js 2.2, including ?? and ?:) into an
// immutable, shareable Expression.
//
// Fails exactly where the reference fails at compile time, with the reference's code, position
// and message: lexical errors S0101-S0106, S0301-S0302; syntax errors S0201-S0214 (S0207 for an
// operand missing at the end, e.g. "1="); the post-parse errors S0213 (a number or true/false/null
// used as a path step), S0215/S0216 (@ after a predicate or a sort), S0217 (a % with no step to
// refer to); and signature errors S0401/S0402. The returned Error is named after the code and its
// message is the reference's message followed by " at position N" (see ParseError); when error
// is not null it also receives the detail.
//
// Not checked here (left to the evaluator, which compiles them): regular expression patterns,
// which the reference hands to JavaScript's RegExp at parse time.
//
// Never crashes or asserts on any input; the text need not be valid UTF-8. Thread-safe.
Result<Expression> Parse(std::string_view text, ParseError* error = nullptr);

}  // namespace stepwise::jsonata
