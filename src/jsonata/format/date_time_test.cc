#include "jsonata/format/date_time.h"

#include <cmath>
#include <string>

#include "gtest/gtest.h"

namespace stepwise::jsonata::format {
namespace {

// Cases from the official JSONata suite, groups function-fromMillis (formatDateTime.json,
// isoWeekDate.json, case000-002) and function-tomillis (parseDateTime.json, case001-013).

// 2023-11-14T22:13:20.000Z, a Tuesday: the evaluation's "now" for parsing.
constexpr double kNow = 1700000000000;

std::string Formatted(double millis, std::optional<std::string_view> picture,
                      std::optional<std::string_view> timezone = std::nullopt) {
  Result<std::string> result = FormatDateTime(millis, picture, timezone);
  EXPECT_TRUE(result.ok()) << (picture ? *picture : "") << ": " << result.error().message();
  return result.ok() ? result.value() : "<error>";
}

std::string FormatErrorCode(double millis, std::string_view picture) {
  Result<std::string> result = FormatDateTime(millis, picture, std::nullopt);
  return result.ok() ? "<ok: " + result.value() + ">" : result.error().name();
}

std::optional<double> Parsed(std::string_view text, std::optional<std::string_view> picture) {
  Result<std::optional<double>> result = ParseDateTime(text, picture, kNow);
  EXPECT_TRUE(result.ok()) << text << ": " << result.error().message();
  return result.ok() ? result.value() : std::nullopt;
}

std::string ParseErrorCode(std::string_view text, std::optional<std::string_view> picture) {
  Result<std::optional<double>> result = ParseDateTime(text, picture, kNow);
  return result.ok() ? "<ok>" : result.error().name();
}

// Parses with a picture and formats the instant as ISO 8601.
std::string ParsedIso(std::string_view text, std::string_view picture) {
  std::optional<double> millis = Parsed(text, picture);
  if (!millis) return "<undefined>";
  return Formatted(*millis, std::nullopt);
}

TEST(FormatDateTimeTest, DefaultPictureIsIso8601) {
  EXPECT_EQ(Formatted(1, std::nullopt), "1970-01-01T00:00:00.001Z");
  EXPECT_EQ(Formatted(1509380732935, std::nullopt), "2017-10-30T16:25:32.935Z");
  EXPECT_EQ(Formatted(1540127100000, std::nullopt), "2018-10-21T13:05:00.000Z");
  EXPECT_EQ(Formatted(1540127100000, std::nullopt, "-0500"), "2018-10-21T08:05:00.000-05:00");
  EXPECT_EQ(Formatted(1540127100000, std::nullopt, "0000"), "2018-10-21T13:05:00.000Z");
}

TEST(FormatDateTimeTest, LiteralsAndBrackets) {
  constexpr double t = 1521801216617;  // 2018-03-23T10:33:36.617Z
  EXPECT_EQ(Formatted(t, "Hello"), "Hello");
  EXPECT_EQ(Formatted(t, "Year: [Y0001]"), "Year: 2018");
  EXPECT_EQ(Formatted(t, "Year: <[Y0001]>"), "Year: <2018>");
  EXPECT_EQ(Formatted(t, "Year: <[Y9,999,*]>"), "Year: <2,018>");
  EXPECT_EQ(Formatted(t, "[[Year: <[Y0001]>"), "[Year: <2018>");
  EXPECT_EQ(Formatted(t, "Year]]: <[Y0001]>"), "Year]: <2018>");
  EXPECT_EQ(Formatted(t, "[[Year]]: [[[Y0001]]]"), "[Year]: [2018]");
}

TEST(FormatDateTimeTest, BasicPatterns) {
  constexpr double t = 1521801216617;
  EXPECT_EQ(Formatted(t, "[D#1]/[M#1]/[Y0001]"), "23/3/2018");
  EXPECT_EQ(Formatted(1522616700000, "[F0] [FNn]"), "7 Sunday");
  EXPECT_EQ(Formatted(1522703100000, "[F0] [FNn]"), "1 Monday");
  EXPECT_EQ(Formatted(t, "[Y0001]-[M01]-[D01]"), "2018-03-23");
  EXPECT_EQ(Formatted(t, "[M01]/[D01]/[Y0001] at [H01]:[m01]:[s01]"), "03/23/2018 at 10:33:36");
  EXPECT_EQ(Formatted(t, "[Y]-[M01]-[D01]T[H01]:[m]:[s].[f001][Z01:01t]"),
            "2018-03-23T10:33:36.617Z");
  EXPECT_EQ(Formatted(t, "[Y]-[ M01]-[D 01]T[H01 ]:[ m   ]:[s].[f0  01][Z01:\n 01t]"),
            "2018-03-23T10:33:36.617Z");
}

TEST(FormatDateTimeTest, TimeZones) {
  EXPECT_EQ(Formatted(1521801216617, "[Y]-[M01]-[D01]T[H01]:[m]:[s].[f001][Z0101t]", "+0100"),
            "2018-03-23T11:33:36.617+0100");
  constexpr double t = 1531310400000;  // 2018-07-11T12:00:00Z
  EXPECT_EQ(Formatted(t, "[Y]-[M01]-[D01]T[H01]:[m]:[s][Z01:01]"), "2018-07-11T12:00:00+00:00");
  EXPECT_EQ(Formatted(t, "[Y]-[M01]-[D01]T[H01]:[m]:[s][Z01:01t]"), "2018-07-11T12:00:00Z");
  EXPECT_EQ(Formatted(t, "[Y]-[M01]-[D01]T[H01]:[m]:[s][Z]", "-0500"), "2018-07-11T07:00:00-05:00");
  EXPECT_EQ(Formatted(t, "[Y]-[M01]-[D01]T[H01]:[m]:[s][Z0]", "-0500"), "2018-07-11T07:00:00-5");
  EXPECT_EQ(Formatted(t, "[Y]-[M01]-[D01]T[H01]:[m]:[s][Z]", "+1000"), "2018-07-11T22:00:00+10:00");
  EXPECT_EQ(Formatted(t, "[Y]-[M01]-[D01]T[H01]:[m]:[s][Z0]", "+1000"), "2018-07-11T22:00:00+10");
  EXPECT_EQ(Formatted(t, "[Y]-[M01]-[D01]T[H01]:[m]:[s][Z0]", "+0530"), "2018-07-11T17:30:00+5:30");
  EXPECT_EQ(Formatted(t, "[Y]-[M01]-[D01]T[H01]:[m]:[s][z]", "-0500"),
            "2018-07-11T07:00:00GMT-05:00");
}

TEST(FormatDateTimeTest, OffsetsRollOverDayAndYear) {
  EXPECT_EQ(Formatted(1204405500000, "[Y]-[M01]-[D01]T[H01]:[m]:[s].[f001][Z0101t]", "+0530"),
            "2008-03-02T02:35:00.000+0530");
  EXPECT_EQ(Formatted(1230757500000, "[Y]-[M01]-[D01]T[H01]:[m]:[s].[f001][Z0101t]", "+0530"),
            "2009-01-01T02:35:00.000+0530");
}

TEST(FormatDateTimeTest, TimeZonePictureOfSixDigitsIsAnError) {
  Result<std::string> result =
      FormatDateTime(1230757500000, "[Y]-[M01]-[D01]T[H01]:[m]:[s].[f001][Z010101t]", "+0530");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().name(), "D3134");
}

TEST(FormatDateTimeTest, WidthModifiers) {
  constexpr double t = 1521801216617;
  EXPECT_EQ(Formatted(t, "[D#1,2]/[M1,2]/[Y,2]"), "23/03/18");
  EXPECT_EQ(Formatted(t, "[D#1,2]/[M1,2]/[Y0001,2]"), "23/03/2018");
  EXPECT_EQ(Formatted(t, "[D#1,2]/[M1,2]/[Y##01,2-2]"), "23/03/18");
  EXPECT_EQ(Formatted(t, "[D#1,2]/[M1,2]/[Y0001,2-2]"), "23/03/18");
}

TEST(FormatDateTimeTest, NumeralsLettersOrdinalsAndWords) {
  constexpr double t = 1521801216617;
  EXPECT_EQ(Formatted(t, "[D1] [M01] [YI]"), "23 03 MMXVIII");
  EXPECT_EQ(Formatted(t, "[Da] [MA] [Yi]"), "w C mmxviii");
  EXPECT_EQ(Formatted(t, "[D1o] [M01] [Y]"), "23rd 03 2018");
  EXPECT_EQ(Formatted(t, "[Yw]"), "two thousand and eighteen");
  EXPECT_EQ(Formatted(t, "[Dwo] [M01] [Y]"), "twenty-third 03 2018");
}

TEST(FormatDateTimeTest, Names) {
  constexpr double t = 1521801216617;
  EXPECT_EQ(Formatted(t, "[D1o] [MNn] [Y]"), "23rd March 2018");
  EXPECT_EQ(Formatted(t, "[D1o] [MN] [Y]"), "23rd MARCH 2018");
  EXPECT_EQ(Formatted(t, "[FNn], [D1o] [MNn] [Y]"), "Friday, 23rd March 2018");
  EXPECT_EQ(Formatted(t, "[FNn], the [Dwo] of [MNn] [Y] [E]"),
            "Friday, the twenty-third of March 2018 ISO");
  EXPECT_EQ(Formatted(t, "[FNn,3-3], [D1o] [MNn,3-3] [Y] [C]"), "Fri, 23rd Mar 2018 ISO");
}

TEST(FormatDateTimeTest, DefaultPresentationModifiers) {
  EXPECT_EQ(Formatted(1521801216617, "[F], [D]/[M]/[Y] [h]:[m]:[s] [P]"),
            "friday, 23/3/2018 10:33:36 am");
  EXPECT_EQ(Formatted(1204405500000, "[F], [D]/[M]/[Y] [h]:[m]:[s] [P]"),
            "saturday, 1/3/2008 9:05:00 pm");
  EXPECT_EQ(Formatted(1199664000000, "[F], [D]/[M]/[Y] [h]:[m]:[s] [P]"),
            "monday, 7/1/2008 12:00:00 am");
  EXPECT_EQ(Formatted(1521801216617, "[F], [D]/[M]/[Y] [h]:[m]:[s] [PN]"),
            "friday, 23/3/2018 10:33:36 AM");
  EXPECT_EQ(Formatted(1521801216617, "[F], [D]/[M]/[Y] [h]:[m]:[s] [Pn]"),
            "friday, 23/3/2018 10:33:36 am");
}

TEST(FormatDateTimeTest, DayOfYear) {
  EXPECT_EQ(Formatted(1514808000000, "[dwo] day of the year"), "first day of the year");
  EXPECT_EQ(Formatted(1546257600000, "[d] days in [Y0001]"), "365 days in 2018");
  EXPECT_EQ(Formatted(1483185600000, "[d] days in [Y0001]"), "366 days in 2016");
}

TEST(FormatDateTimeTest, WeekOfYear) {
  struct {
    double millis;
    const char* week;
  } cases[] = {
      {1514808000000, "Week: 1"},   // Mon 1 Jan 2018
      {1515326400000, "Week: 1"},   // Sun 7 Jan 2018
      {1545739200000, "Week: 52"},  // Tue 25 Dec 2018
      {1388577600000, "Week: 1"},   // Wed 1 Jan 2014
      {1419854400000, "Week: 1"},   // Mon 29 Dec 2014
      {1419768000000, "Week: 52"},  // Sun 28 Dec 2014
      {1419336000000, "Week: 52"},  // Tue 23 Dec 2014
      {1420113600000, "Week: 1"},   // Thu 1 Jan 2015
      {1420459200000, "Week: 2"},   // Mon 5 Jan 2015
      {1451304000000, "Week: 53"},  // Mon 28 Dec 2015
      {1451563200000, "Week: 53"},  // Thu 31 Dec 2015
      {1451736000000, "Week: 53"},  // Sat 2 Jan 2016
  };
  for (const auto& c : cases) EXPECT_EQ(Formatted(c.millis, "Week: [W]"), c.week) << c.millis;
}

TEST(FormatDateTimeTest, WeekOfMonth) {
  struct {
    double millis;
    const char* week;
  } cases[] = {
      {1359460800000, "Week: 5 of January"},   // Tue 29 Jan 2013
      {1359633600000, "Week: 5 of January"},   // Thu 31 Jan 2013
      {1359720000000, "Week: 5 of January"},   // Fri 1 Feb 2013
      {1514808000000, "Week: 1 of January"},   // Mon 1 Jan 2018
      {1483272000000, "Week: 5 of December"},  // Sun 1 Jan 2017
      {1533038400000, "Week: 1 of August"},    // Tue 31 Jul 2018
      {1419940800000, "Week: 1 of January"},   // Tue 30 Dec 2014
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Formatted(c.millis, "Week: [w] of [xNn]"), c.week) << c.millis;
  }
}

TEST(FormatDateTimeTest, IsoWeekDates) {
  struct {
    const char* date;
    const char* week_date;
  } cases[] = {
      {"2005-01-01", "2004-W53-6"}, {"2005-01-02", "2004-W53-7"}, {"2005-12-31", "2005-W52-6"},
      {"2006-01-01", "2005-W52-7"}, {"2006-01-02", "2006-W01-1"}, {"2006-12-31", "2006-W52-7"},
      {"2007-01-01", "2007-W01-1"}, {"2007-12-30", "2007-W52-7"}, {"2007-12-31", "2008-W01-1"},
      {"2008-01-01", "2008-W01-2"}, {"2008-12-28", "2008-W52-7"}, {"2008-12-29", "2009-W01-1"},
      {"2008-12-30", "2009-W01-2"}, {"2008-12-31", "2009-W01-3"}, {"2009-01-01", "2009-W01-4"},
      {"2009-12-31", "2009-W53-4"}, {"2010-01-01", "2009-W53-5"}, {"2010-01-02", "2009-W53-6"},
      {"2010-01-03", "2009-W53-7"},
  };
  for (const auto& c : cases) {
    std::optional<double> millis = Parsed(c.date, "[Y]-[M]-[D]");
    ASSERT_TRUE(millis) << c.date;
    EXPECT_EQ(Formatted(*millis, "[X0001]-W[W01]-[F1]"), c.week_date) << c.date;
  }
}

TEST(FormatDateTimeTest, PictureErrors) {
  EXPECT_EQ(FormatErrorCode(1419940800000, "[YN]-[M]-[D]"), "D3133");
  EXPECT_EQ(FormatErrorCode(1419940800000, "[YN]-[M"), "D3135");
  EXPECT_EQ(FormatErrorCode(1419940800000, "[q]"), "D3132");
  EXPECT_EQ(FormatDateTime(0, "[YN]", std::nullopt).error().message(),
            "The 'name' modifier can only be applied to months and days in the date/time picture "
            "string, not \"Y\"");
}

TEST(FormatDateTimeTest, FractionalMillisAreDropped) {
  EXPECT_EQ(Formatted(1.9, std::nullopt), "1970-01-01T00:00:00.001Z");
  EXPECT_EQ(Formatted(-1, std::nullopt), "1969-12-31T23:59:59.999Z");
}

TEST(ParseDateTimeTest, Iso8601WithoutPicture) {
  EXPECT_EQ(Parsed("1970-01-01T00:00:00.001Z", std::nullopt), 1);
  EXPECT_EQ(Parsed("2018-02-01T09:42:13.123+0000", std::nullopt), 1517478133123);
  EXPECT_EQ(Parsed("2017-10-30", std::nullopt), 1509321600000);
  EXPECT_EQ(Parsed("2017-10-30T15:28:34Z", std::nullopt), 1509377314000);
  EXPECT_EQ(Parsed("2018", std::nullopt), 1514764800000);
  EXPECT_EQ(Parsed("2024-01-01T12:38:49Z", std::nullopt), 1704112729000);
  EXPECT_EQ(Parsed("2018-02-01T10:42:13.1+01:00", std::nullopt), 1517478133100);
}

TEST(ParseDateTimeTest, Iso8601NamingNoDateIsNaN) {
  std::optional<double> millis = Parsed("2018-13-01", std::nullopt);
  ASSERT_TRUE(millis);
  EXPECT_TRUE(std::isnan(*millis));
}

TEST(ParseDateTimeTest, NotIso8601IsAnError) {
  EXPECT_EQ(ParseErrorCode("foo", std::nullopt), "D3110");
  EXPECT_EQ(ParseErrorCode("01-02-2018", std::nullopt), "D3110");
  EXPECT_EQ(ParseErrorCode("2018-02-03 11:15:33", std::nullopt), "D3110");
  EXPECT_EQ(ParseDateTime("foo", std::nullopt, kNow).error().message(),
            "The argument of the toMillis function must be an ISO 8601 formatted timestamp. "
            "Given \"foo\"");
}

TEST(ParseDateTimeTest, AdjacentNumbersUseThePicturesWidths) {
  EXPECT_EQ(Parsed("201802", "[Y0001][M01]"), 1517443200000);
  EXPECT_EQ(Parsed("201802", "[Y,*-4][M01]"), 1517443200000);
  EXPECT_EQ(Parsed("20180205", "[Y0001][M01][D01]"), 1517788800000);
  EXPECT_EQ(Parsed("20240101123849", "[Y0000][M00][D00][H00][m00][s00]"), 1704112729000);
}

TEST(ParseDateTimeTest, NumericPictures) {
  EXPECT_EQ(Parsed("2018", "[Y1]"), 1514764800000);
  EXPECT_EQ(Parsed("2018-03-27", "[Y1]-[M01]-[D01]"), 1522108800000);
  EXPECT_EQ(Parsed("2018-03-27T14:03:00.123Z", "[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001]Z"),
            1522159380123);
  EXPECT_EQ(Parsed("27th 3 1976", "[D1o] [M#1] [Y0001]"), 196732800000);
  EXPECT_EQ(Parsed("21st 12 1881", "[D1o] [M01] [Y0001]"), -2777932800000);
  EXPECT_EQ(Parsed("2nd 12 2012", "[D1o] [M01] [Y0001]"), 1354406400000);
  EXPECT_EQ(Parsed("2018-094", "[Y0001]-[d001]"), 1522800000000);
}

TEST(ParseDateTimeTest, RomanNumeralsAndLetters) {
  EXPECT_EQ(Parsed("MCMLXXXIV", "[YI]"), 441763200000);
  EXPECT_EQ(Parsed("27 03 MMXVIII", "[D1] [M01] [YI]"), 1522108800000);
  EXPECT_EQ(Parsed("27 iii MMXVIII", "[D1] [Mi] [YI]"), 1522108800000);
  EXPECT_EQ(Parsed("w C mmxviii", "[Da] [MA] [Yi]"), 1521763200000);
  EXPECT_EQ(Parsed("ae C mmxviii", "[Da] [MA] [Yi]"), 1522454400000);
}

TEST(ParseDateTimeTest, NamesAndWords) {
  EXPECT_EQ(Parsed("27th April 2008", "[D1o] [MNn] [Y0001]"), 1209254400000);
  EXPECT_EQ(Parsed("21 August 2017", "[D1] [MNn] [Y0001]"), 1503273600000);
  EXPECT_EQ(Parsed("2 Feb 2012", "[D1] [MNn,3-3] [Y0001]"), 1328140800000);
  EXPECT_EQ(Parsed("one thousand, nine hundred and eighty-four", "[Yw]"), 441763200000);
  EXPECT_EQ(Parsed("nineteen hundred and eighty-four", "[Yw]"), 441763200000);
  EXPECT_EQ(Parsed("twenty-seven April 2008", "[Dw] [MNn] [Y0001]"), 1209254400000);
  EXPECT_EQ(Parsed("twenty-seventh April 2008", "[Dw] [MNn] [Y0001]"), 1209254400000);
  EXPECT_EQ(Parsed("twenty-first August two thousand and seventeen", "[Dw] [MNn] [Yw]"),
            1503273600000);
  EXPECT_EQ(Parsed("TWENTY-SECOND August two thousand and seventeen", "[DW] [MNn] [Yw]"),
            1503360000000);
  EXPECT_EQ(Parsed("Twentieth of August, two thousand and seventeen", "[DW] of [MNn], [Yw]"),
            1503187200000);
}

TEST(ParseDateTimeTest, TwelveHourClock) {
  EXPECT_EQ(Parsed("4/4/2018 12:06 am", "[D1]/[M1]/[Y0001] [h]:[m] [P]"), 1522800360000);
  EXPECT_EQ(Parsed("4/4/2018 06:30 am", "[D1]/[M1]/[Y0001] [h]:[m] [P]"), 1522823400000);
  EXPECT_EQ(Parsed("4/4/2018 12:06 pm", "[D1]/[M1]/[Y0001] [h]:[m] [P]"), 1522843560000);
  EXPECT_EQ(Parsed("4/4/2018 11:30 pm", "[D1]/[M1]/[Y0001] [h]:[m] [P]"), 1522884600000);
}

TEST(ParseDateTimeTest, MissingComponentsDefault) {
  // A time alone is on today's date (of `now`); lesser components default to zero.
  EXPECT_EQ(ParsedIso("13:45", "[H]:[m]"), "2023-11-14T13:45:00.000Z");
  EXPECT_EQ(ParsedIso("Wednesday, 14th November 2018", "[FNn], [D1o] [MNn] [Y]"),
            "2018-11-14T00:00:00.000Z");
  EXPECT_EQ(ParsedIso("Mon, Twelfth November 2018", "[FNn,*-3], [DWwo] [MNn] [Y]"),
            "2018-11-12T00:00:00.000Z");
  EXPECT_EQ(ParsedIso("2018--180", "[Y]--[d]"), "2018-06-29T00:00:00.000Z");
  EXPECT_EQ(ParsedIso("three hundred and sixty-fifth day of 2018", "[dwo] day of [Y]"),
            "2018-12-31T00:00:00.000Z");
}

TEST(ParseDateTimeTest, TimeZones) {
  EXPECT_EQ(ParsedIso("2020-09-09 08:00:00 +02:00", "[Y0001]-[M01]-[D01] [H01]:[m01]:[s01] [Z]"),
            "2020-09-09T06:00:00.000Z");
  EXPECT_EQ(ParsedIso("2020-09-09 08:00:00 GMT-05:00", "[Y0001]-[M01]-[D01] [H01]:[m01]:[s01] [z]"),
            "2020-09-09T13:00:00.000Z");
  EXPECT_EQ(ParsedIso("2020-09-09 12:00:00 +05:30", "[Y0001]-[M01]-[D01] [H01]:[m01]:[s01] [Z]"),
            "2020-09-09T06:30:00.000Z");
  EXPECT_EQ(ParsedIso("2020-09-09 12:00:00 GMT-5", "[Y0001]-[M01]-[D01] [H01]:[m01]:[s01] [z01]"),
            "2020-09-09T17:00:00.000Z");
  EXPECT_EQ(ParsedIso("2020-09-09 12:00:00 +0530", "[Y0001]-[M01]-[D01] [H01]:[m01]:[s01] [Z0001]"),
            "2020-09-09T06:30:00.000Z");
}

TEST(ParseDateTimeTest, FractionalSecondsAreTruncatedToMillis) {
  EXPECT_EQ(ParsedIso("2026-04-08T19:05:04.01987", "[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f1]"),
            "2026-04-08T19:05:04.019Z");
}

TEST(ParseDateTimeTest, NoMatchOrNoMarkersIsUndefined) {
  EXPECT_EQ(Parsed("Hello", "Hello"), std::nullopt);
  EXPECT_EQ(Parsed("irrelevent string", "[Y]-[M]-[D]"), std::nullopt);
}

TEST(ParseDateTimeTest, PictureErrors) {
  EXPECT_EQ(ParseErrorCode("2018-05-22", "[Y]-[M]-[q]"), "D3132");
  EXPECT_EQ(ParseErrorCode("2018-05-22", "[YN]-[M]-[D]"), "D3133");
  EXPECT_EQ(ParseErrorCode("2018-22", "[Y]-[D]"), "D3136");
  EXPECT_EQ(ParseErrorCode("5-22 23:59", "[M]-[D] [m]:[s]"), "D3136");
  EXPECT_EQ(ParseErrorCode("2018-3-2-5", "[X]-[x]-[w]-[F1]"), "D3136");
  EXPECT_EQ(ParseErrorCode("2018-32-5", "[X]-[W]-[F1]"), "D3136");
}

}  // namespace
}  // namespace stepwise::jsonata::format
