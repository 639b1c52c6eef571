#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace stepwise::asl {

// Checks that expression (the text inside "{% ... %}") is a JSONata expression that parses.
// Returns nullopt when it does, and otherwise the parser's error: code, position and message.
std::optional<std::string> CheckJsonataSyntax(std::string_view expression);

}  // namespace stepwise::asl
