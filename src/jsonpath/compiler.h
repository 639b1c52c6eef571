#pragma once

#include <cstddef>
#include <memory>
#include <string_view>

#include "common/result.h"
#include "jsonpath/compiled_path.h"

namespace stepwise::jsonpath::detail {

// Limits that keep compilation and evaluation bounded on any input text.
// No document can be deeper than json::kDefaultMaxDepth (1000), so a path with more steps could
// never match; the limit also bounds the evaluator's recursion.
inline constexpr size_t kMaxSteps = 1000;
// Filters, parentheses and '!' nested deeper than this are refused; the parser and the
// evaluator recurse once per level.
inline constexpr int kMaxFilterDepth = 64;
// AWS's limit on variable names (see unicode.h).
inline constexpr size_t kMaxVariableNameLength = 80;

// Compiles the text of a path (path.h documents the syntax). Errors are named "InvalidPath" and
// say what is wrong, the 1-based character position and the text:
// "Unexpected character ']' at position 4 in '$.a]'".
Result<std::shared_ptr<const CompiledPath>> CompilePath(std::string_view text);

}  // namespace stepwise::jsonpath::detail
