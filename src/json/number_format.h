#pragma once

#include <cstddef>
#include <cstdint>

namespace stepwise::json {

// Buffer size that FormatInt and FormatDouble never exceed.
inline constexpr size_t kMaxNumberChars = 32;

// The number of chars FormatInt writes for value.
size_t IntSize(int64_t value);

// Writes the decimal form of an integer into out; returns the number of chars written.
size_t FormatInt(int64_t value, char* out);

// Writes a double the way AWS Step Functions prints one (its engine serializes JSON with Java's
// Double.toString rules): the shortest digits that read back as the same double, as a plain
// decimal with at least one fractional digit when 1e-3 <= |value| < 1e7 ("1.0", "0.001",
// "1234567.5"), and otherwise as "d.ddd" with an exponent ("1.0E7", "1.5E-4", "-2.0E21").
// NaN and infinities, which JSON cannot carry, are written as null. Returns the number of chars.
size_t FormatDouble(double value, char* out);

}  // namespace stepwise::json
