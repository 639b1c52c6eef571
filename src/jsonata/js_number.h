#pragma once

#include <string>

namespace stepwise::jsonata {

// The text JavaScript's Number.prototype.toString() gives a double: the shortest digits that read
// back as the same double, in plain notation when the decimal exponent is in [-7, 21) ("0.000001",
// "123456789012345680000") and otherwise as "1.5e+21" / "1e-7"; "NaN", "Infinity" and
// "-Infinity" for the non-finite values, and "0" for both zeros.
//
// The reference implementation uses this form wherever a number becomes text (error inserts, the
// text of a lambda signature, and later $string and string concatenation).
std::string FormatJsNumber(double value);

}  // namespace stepwise::jsonata
