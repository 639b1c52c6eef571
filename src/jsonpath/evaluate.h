#pragma once

#include <optional>

#include "json/value.h"
#include "jsonpath/compiled_path.h"
#include "jsonpath/roots.h"

namespace stepwise::jsonpath::detail {

// Evaluates a compiled path; `@` stands for current (nullptr outside a filter). Returns what
// Path::Evaluate documents: the node of a single-result path or nullopt, an array of every match
// for any other path, and the count for a trailing length().
std::optional<json::Value> Evaluate(const CompiledPath& path, const Roots& roots,
                                    const json::Value* current);

}  // namespace stepwise::jsonpath::detail
