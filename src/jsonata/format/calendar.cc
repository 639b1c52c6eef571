#include "jsonata/format/calendar.h"

#include <cmath>
#include <cstdint>
#include <limits>

namespace stepwise::jsonata::format {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kMaxTime = 8.64e15;
// V8 refuses MakeDay for years beyond a million either way (long past TimeClip's range).
constexpr double kMaxYear = 1000000;

// Days from 1970-01-01 to year-month-day (month 1-12) on the proleptic Gregorian calendar, by
// counting whole 400-year eras from 0000-03-01 (so that leap days fall at the end of a year).
int64_t DaysFromCivil(int64_t year, int64_t month, int64_t day) {
  year -= month <= 2;
  int64_t era = (year >= 0 ? year : year - 399) / 400;
  int64_t year_of_era = year - era * 400;
  int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

struct Civil {
  int64_t year;
  int64_t month;  // 1-12
  int64_t day;
};

// The inverse of DaysFromCivil.
Civil CivilFromDays(int64_t days) {
  days += 719468;
  int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  int64_t day_of_era = days - era * 146097;
  int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  int64_t month_index = (5 * day_of_year + 2) / 153;  // 0 = March
  int64_t day = day_of_year - (153 * month_index + 2) / 5 + 1;
  int64_t month = month_index < 10 ? month_index + 3 : month_index - 9;
  return {year_of_era + era * 400 + (month <= 2), month, day};
}

double MakeDay(double year, double month, double day) {
  if (!std::isfinite(year) || !std::isfinite(month) || !std::isfinite(day)) return kNaN;
  double whole_year = std::trunc(year) + std::floor(std::trunc(month) / 12);
  if (std::fabs(whole_year) > kMaxYear) return kNaN;
  double month_in_year = std::trunc(month) - 12 * std::floor(std::trunc(month) / 12);
  double first = static_cast<double>(
      DaysFromCivil(static_cast<int64_t>(whole_year), static_cast<int64_t>(month_in_year) + 1, 1));
  return first + std::trunc(day) - 1;
}

}  // namespace

double TimeClip(double time) {
  if (!std::isfinite(time) || std::fabs(time) > kMaxTime) return kNaN;
  return std::trunc(time) + 0;  // + 0 turns -0 into +0
}

double MakeTimeValue(double year, double month, double day, double hours, double minutes,
                     double seconds, double milliseconds) {
  double time = std::trunc(hours) * 3600000 + std::trunc(minutes) * 60000 +
                std::trunc(seconds) * 1000 + std::trunc(milliseconds);
  return TimeClip(MakeDay(year, month, day) * kMsPerDay + time);
}

double DateUtc(double year, double month, double day, double hours, double minutes, double seconds,
               double milliseconds) {
  double whole_year = std::trunc(year);
  if (whole_year >= 0 && whole_year <= 99) year = 1900 + whole_year;
  return MakeTimeValue(year, month, day, hours, minutes, seconds, milliseconds);
}

DateFields FieldsOf(double time) {
  if (std::isnan(time)) return {kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN};
  double days = std::floor(time / kMsPerDay);
  double in_day = time - days * kMsPerDay;
  Civil civil = CivilFromDays(static_cast<int64_t>(days));
  double weekday = std::fmod(std::fmod(days + 4, 7) + 7, 7);  // 1970-01-01 was a Thursday
  return {static_cast<double>(civil.year),
          static_cast<double>(civil.month - 1),
          static_cast<double>(civil.day),
          weekday,
          std::floor(in_day / 3600000),
          std::fmod(std::floor(in_day / 60000), 60),
          std::fmod(std::floor(in_day / 1000), 60),
          std::fmod(in_day, 1000)};
}

}  // namespace stepwise::jsonata::format
