#pragma once

// The functions that take picture strings, on top of src/jsonata/format: $formatNumber,
// $formatBase, $formatInteger, $parseInteger (format.cc), and the picture forms of $fromMillis,
// $now and $toMillis (datetime.cc calls these).

#include <string>

#include "jsonata/functions/library.h"

namespace stepwise::jsonata::functions {

// millis formatted with a picture (undefined: ISO 8601) and a timezone ("±HHMM"), as $fromMillis.
Result<Value> FormatDateTime(NativeContext& cx, double millis, const Value& picture,
                             const Value& timezone);
// A timestamp parsed with a picture, as milliseconds; undefined when it does not match.
Result<Value> ParseDateTime(NativeContext& cx, const Value& timestamp, const Value& picture);

}  // namespace stepwise::jsonata::functions
