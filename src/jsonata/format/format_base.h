#pragma once

#include <optional>
#include <string>

#include "common/result.h"

namespace stepwise::jsonata::format {

// $formatBase(value, radix): value rounded (half to even, as $round) and written in the radix
// (rounded the same way; default 10) with digits 0-9a-z, as JavaScript's Number.prototype.
// toString(radix) writes it: "-1100100" for -100 in base 2, "1e+21" in base 10. Thread-safe.
//
// Errors: D3100 when the rounded radix is outside 2..36.
Result<std::string> FormatBase(double value, std::optional<double> radix);

}  // namespace stepwise::jsonata::format
