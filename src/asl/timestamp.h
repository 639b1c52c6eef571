#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace stepwise::asl {

// An instant read from an RFC 3339 timestamp, as Wait's Timestamp and Choice's Timestamp*
// comparisons use them: "2016-03-14T01:59:00Z", "2016-03-14T01:59:00.123+01:00".
struct Timestamp {
  int64_t epoch_seconds = 0;  // UTC
  int32_t nanos = 0;

  auto operator<=>(const Timestamp&) const = default;
};

// Parses an RFC 3339 date-time: a full date, 'T', a full time with seconds and an optional
// fraction of up to 9 digits, and 'Z' or a numeric offset. 'T' and 'Z' may be lower case.
// Returns nullopt for anything else, including impossible dates (2016-02-30) and times (25:00:00).
std::optional<Timestamp> ParseTimestamp(std::string_view text);

// Formats an instant as AWS prints them: "2016-03-14T01:59:00.123Z" (milliseconds, UTC).
std::string FormatTimestamp(const Timestamp& timestamp);

}  // namespace stepwise::asl
