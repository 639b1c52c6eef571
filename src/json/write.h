#pragma once

#include <string>

#include "json/value.h"

namespace stepwise::json {

// Compact JSON, no whitespace: {"a":[1,2.5,"x"]}. Numbers as number_format.h describes.
std::string Write(const Value& value);

// Appends the compact form of value to out.
void AppendCompact(std::string& out, const Value& value);

// The compact form for an error message that quotes a payload: at most max_bytes (AWS's payload
// quota by default), then "..." when cut. Never writes more than that, however large the value's
// serialization would be (values that share subtrees can describe enormous texts).
std::string WriteForMessage(const Value& value, size_t max_bytes = 256 * 1024);

// Indented JSON in JSON.stringify(value, null, indent)'s layout: one member or element per line,
// "key": value, and [] / {} for empty containers.
std::string WritePretty(const Value& value, int indent = 2);

}  // namespace stepwise::json
