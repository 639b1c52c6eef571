#pragma once

#include <string>

#include "json/value.h"

namespace stepwise::json {

// Compact JSON, no whitespace: {"a":[1,2.5,"x"]}. Numbers as number_format.h describes.
std::string Write(const Value& value);

// Appends the compact form of value to out.
void AppendCompact(std::string& out, const Value& value);

// Indented JSON in JSON.stringify(value, null, indent)'s layout: one member or element per line,
// "key": value, and [] / {} for empty containers.
std::string WritePretty(const Value& value, int indent = 2);

}  // namespace stepwise::json
