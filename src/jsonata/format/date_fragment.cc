#include "jsonata/format/date_fragment.h"

#include <cmath>
#include <limits>

#include "jsonata/format/calendar.h"

namespace stepwise::jsonata::format {
namespace {

constexpr double kMsPerWeek = 7 * kMsPerDay;

struct YearMonth {
  double year;
  double month;  // 0-11
  YearMonth Next() const {
    return month == 11 ? YearMonth{year + 1, 0} : YearMonth{year, month + 1};
  }
  YearMonth Previous() const {
    return month == 0 ? YearMonth{year - 1, 11} : YearMonth{year, month - 1};
  }
};

// Midnight on the Monday that starts week 1 of the month (or, with month 0, of the year): the week
// holding its first Thursday.
double StartOfFirstWeek(YearMonth ym) {
  double first = DateUtc(ym.year, ym.month);
  double weekday = FieldsOf(first).weekday;
  if (weekday == 0) weekday = 7;
  return weekday > 4 ? first + (8 - weekday) * kMsPerDay : first - (weekday - 1) * kMsPerDay;
}

double WeeksSince(double start, double day) { return (day - start) / kMsPerWeek + 1; }

double WeekOfYear(const DateFields& date) {
  YearMonth year{date.year, 0};
  double today = DateUtc(date.year, date.month, date.day);
  double week = WeeksSince(StartOfFirstWeek(year), today);
  if (week > 52) {
    if (today >= StartOfFirstWeek({year.year + 1, 0})) week = 1;
  } else if (week < 1) {
    week = WeeksSince(StartOfFirstWeek({year.year - 1, 0}), today);
  }
  return std::floor(week);
}

double WeekOfMonth(const DateFields& date) {
  YearMonth month{date.year, date.month};
  double today = DateUtc(date.year, date.month, date.day);
  double week = WeeksSince(StartOfFirstWeek(month), today);
  if (week > 4) {
    if (today >= StartOfFirstWeek(month.Next())) week = 1;
  } else if (week < 1) {
    week = WeeksSince(StartOfFirstWeek(month.Previous()), today);
  }
  return std::floor(week);
}

// X and x compare the instant itself (not its midnight) with the week boundaries.
double WeekYear(double time, const DateFields& date) {
  if (time < StartOfFirstWeek({date.year, 0})) return date.year - 1;
  if (time >= StartOfFirstWeek({date.year + 1, 0})) return date.year + 1;
  return date.year;
}

double WeekMonth(double time, const DateFields& date) {
  YearMonth month{date.year, date.month};
  if (time < StartOfFirstWeek(month)) return month.Previous().month + 1;
  if (time >= StartOfFirstWeek(month.Next())) return month.Next().month + 1;
  return month.month + 1;
}

}  // namespace

double IntegerFragment(double time, char16_t component) {
  DateFields date = FieldsOf(time);
  switch (component) {
    case u'Y':
      return date.year;
    case u'M':
      return date.month + 1;
    case u'D':
      return date.day;
    case u'd':
      return (DateUtc(date.year, date.month, date.day) - DateUtc(date.year, 0)) / kMsPerDay + 1;
    case u'F':
      return date.weekday == 0 ? 7 : date.weekday;
    case u'W':
      return WeekOfYear(date);
    case u'w':
      return WeekOfMonth(date);
    case u'X':
      return WeekYear(time, date);
    case u'x':
      return WeekMonth(time, date);
    case u'H':
      return date.hours;
    case u'h': {
      double hour = std::fmod(date.hours, 12);
      return hour == 0 ? 12 : hour;
    }
    case u'm':
      return date.minutes;
    case u's':
      return date.seconds;
    case u'f':
      return date.milliseconds;
    default:
      return std::numeric_limits<double>::quiet_NaN();
  }
}

}  // namespace stepwise::jsonata::format
