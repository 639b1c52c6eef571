#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace stepwise::json {

// JSON string escaping as the writers use it: '"' and '\\' are escaped, control characters
// become \b \f \n \r \t or \u00XX, and everything else (including non-ASCII UTF-8) is copied.

// The size of s once quoted and escaped, quotes included.
size_t QuotedSize(std::string_view s);

// Appends s, quoted and escaped, to out.
void AppendQuoted(std::string& out, std::string_view s);

}  // namespace stepwise::json
