#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"

namespace stepwise::jsonata::format {

// $fromMillis, $toMillis and $now's formatting: XPath 3.1 fn:format-dateTime pictures as the
// reference implementation (jsonata-js 2.x) supports them.
//
// Pictures mix literal text with variable markers in brackets: "[Y0001]-[M01]-[D01]",
// "[FNn], [D1o] [MNn] [Y]", "[h]:[m01] [P]". Components: Y year, M month, D day of month,
// d day of year, F day of week (1 = Monday), W ISO week of year, X ISO week-numbering year,
// w week of month, x the month that week belongs to, H hour (0-23), h hour (1-12), P am/pm,
// m minute, s second, f milliseconds, Z / z time zone ("+01:00" / "GMT+01:00"), C calendar and E
// era (both "ISO"). Presentation modifiers as $formatInteger's pictures, plus n / N / Nn for
// names (months, days, am/pm) and a trailing o (ordinal), t (Z for a zero offset), c or a; a
// width ",min-max" pads numbers and truncates names ("[MNn,3-3]" gives "Mar"). "[[" and "]]"
// are literal brackets. Names and words are English.
//
// Strings are UTF-8. Thread-safe. Nothing here reads the system clock or time zone: "now" is
// passed in.

// $fromMillis(millis, picture, timezone): formats the instant millis (ms since the Unix epoch;
// the fraction is dropped) in the offset `timezone` ("+0100", "-0500"; read as JavaScript's
// parseInt reads it, hours * 100 + minutes; absent means UTC). Without a picture the result is
// ISO 8601 with milliseconds and offset: "2018-10-21T08:05:00.000-05:00", "...Z" at UTC.
// Errors: D3135, D3132, D3131 (bad picture), D3133 (names for a numeric-only component), D3134
// (a time zone picture of five or more digits), D3130 (unsupported numbering sequence).
Result<std::string> FormatDateTime(double millis, std::optional<std::string_view> picture,
                                   std::optional<std::string_view> timezone);

// $toMillis(text, picture): the instant `text` names, in ms since the Unix epoch.
//
// Without a picture, `text` must match the reference's ISO 8601 pattern ("2018", "2017-10-30",
// "2017-10-30T15:28:34.5Z", "...+01:00", "...+0100"), else error D3110; a timestamp that matches
// it but names no valid date ("2018-13-01") is NaN. A date-time without an offset is read as UTC
// (the reference reads it in its host's time zone).
//
// With a picture, `text` must match the picture as a whole (letters case-insensitively), else the
// result is nullopt, as it is when the picture has no markers. Components the picture leaves out
// default: to the left of the given ones from `now_millis` (a time alone is on today's date),
// to the right to their minimum (a date alone is at midnight). Errors: those of the picture,
// D3133 (names for a component other than M, x, F, P), D3130, D3136 (a gap in the components, or
// week-based dates, which the reference cannot parse). NaN where a component has an impossible
// value the reference cannot read.
//
// `now_millis` should be the evaluation's fixed timestamp (the one $now() and $millis() give).
Result<std::optional<double>> ParseDateTime(std::string_view text,
                                            std::optional<std::string_view> picture,
                                            double now_millis);

}  // namespace stepwise::jsonata::format
