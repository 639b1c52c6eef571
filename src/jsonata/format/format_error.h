#pragma once

#include <string_view>

#include "common/error.h"

namespace stepwise::jsonata::format {

// The reference's runtime errors raised by picture formatting and parsing: the Error's name is the
// code ("D3110") and its message the reference's text for it, with {{value}} filled in as
// JSON.stringify would write the value. Internal to the format library.

// A code whose message has no insert (D3080-D3093, D3131, D3134-D3136).
Error FormatError(std::string_view code);
// A code whose message inserts a string (D3110, D3130, D3132, D3133).
Error FormatError(std::string_view code, std::string_view value);
// A code whose message inserts a number (D3100).
Error FormatErrorWithNumber(std::string_view code, double value);

// What JavaScript throws where the reference runs into an engine limit rather than a JSONata
// error (a string too long, recursion too deep, an invalid code point); name "RangeError".
Error JsRangeError(std::string_view message);

}  // namespace stepwise::jsonata::format
