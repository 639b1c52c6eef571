#pragma once

namespace stepwise::jsonata::format {

// The value of an integer-valued date/time component (one of "YMDdFWwXxHhmsf") at a time value,
// as the reference's getDateTimeFragment computes it in UTC: M is 1-12, F is 1-7 from Monday,
// W / w count weeks from the one holding the year's / month's first Thursday (ISO 8601, and
// XPath's extension to months), and X / x name the year / month those weeks belong to. NaN for
// NaN (an invalid date). Internal to the format library.
double IntegerFragment(double time, char16_t component);

}  // namespace stepwise::jsonata::format
