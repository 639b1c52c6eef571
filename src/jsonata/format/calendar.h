#pragma once

namespace stepwise::jsonata::format {

// ECMAScript's time values (milliseconds since 1970-01-01T00:00:00Z on the proleptic Gregorian
// calendar, no leap seconds) and the Date operations the reference's date code uses, in UTC.
// NaN stands for JavaScript's invalid date throughout. Internal to the format library.

inline constexpr double kMsPerDay = 86400000;

// TimeClip: NaN beyond +-8.64e15 ms (about +-275760 years) or when not finite; else truncated.
double TimeClip(double time);

// MakeDate(MakeDay(year, month, day), MakeTime(...)) clipped: month is 0-based and may overflow
// into the year, day may overflow into the month, and every argument is truncated first.
double MakeTimeValue(double year, double month, double day, double hours = 0, double minutes = 0,
                     double seconds = 0, double milliseconds = 0);

// Date.UTC: MakeTimeValue, except that years 0 to 99 mean 1900 to 1999.
double DateUtc(double year, double month, double day = 1, double hours = 0, double minutes = 0,
               double seconds = 0, double milliseconds = 0);

// What the getUTC* methods return for a time value; every field NaN for NaN.
struct DateFields {
  double year;
  double month;    // 0-11
  double day;      // 1-31
  double weekday;  // 0 = Sunday
  double hours;
  double minutes;
  double seconds;
  double milliseconds;
};
DateFields FieldsOf(double time);

}  // namespace stepwise::jsonata::format
