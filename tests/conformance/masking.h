#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json/value.h"

// How the execution conformance runner compares our results with what AWS recorded
// (../shared/conformance/README.md, "aws-recorded" and "Masked values").
//
// The recorder replaced values that change from run to run before it stored them; Mask applies
// the same replacements, and the runner applies it to both sides, so that a value that is
// already masked is left as it is. Then FirstDifference compares, honouring the placeholders
// of cases recorded with `placeholders: true`.
//
// Stateless functions; thread-safe.
namespace stepwise::conformance {

// The account id in every recording. The runner's identity uses it too.
inline constexpr std::string_view kRecordedAccount = "111111111111";

// Whether s is, in its entirety, an ISO 8601 date-time:
// YYYY-MM-DDThh:mm:ss, an optional fraction, an optional "Z" or ±hh:mm (or ±hhmm) offset.
// A date-time inside a longer string (an error's cause, say) is not one: the recorder left
// those alone.
bool IsIsoDateTime(std::string_view s);

// The recorder's replacements inside one string:
// - the whole string is an ISO 8601 date-time: "date";
// - "arn:aws:" becomes "arn:<partition>:";
// - an AWS region ("us-east-1", "eu-central-2", "us-gov-west-1", ... delimited by characters
//   that are neither letters nor digits) becomes "<region>";
// - a 12-digit account id between ':' and ':' (where ARNs carry it) becomes kRecordedAccount.
std::string MaskString(std::string_view s);

// Mask applied to every string of value, and the value of every object member whose key
// contains "timestamp" (case-sensitive, as the recorder matched it) replaced by "timestamp".
// Keys themselves are not masked.
json::Value Mask(const json::Value& value);

enum class Placeholders {
  kLiteral,    // expected strings are compared as they are
  kWildcards,  // "<...>" tokens in expected strings match anything (the case's `placeholders`)
};

// With kWildcards: whether expected is exactly one "<...>" token (e.g. "<uuid:1>"), which then
// stands for any value at all, a string or not.
bool IsWholePlaceholder(std::string_view expected);

// Whether actual matches expected: equal, or, with kWildcards, equal when each "<...>" token of
// expected (a '<', then characters other than '<' and '>', then '>') matches any text,
// including none.
bool StringMatches(std::string_view expected, std::string_view actual, Placeholders placeholders);

// Deep comparison of two (masked) values. Numbers compare by value (1 equals 1.0); objects as
// sets of members (order does not matter); arrays element by element; strings with
// StringMatches. Returns nothing when they match, else the first difference, as
// "at $.a[2]: expected <json>, actual <json>".
std::optional<std::string> FirstDifference(const json::Value& expected, const json::Value& actual,
                                           Placeholders placeholders);

enum class EventOrder {
  kExact,           // the sequences of event types must be equal
  kParallelSorted,  // the case's `events_normalized: "parallel-sorted"`; see CompareEvents
};

// Compares history event types. Returns nothing when they match, else what differs.
//
// kParallelSorted: the recorder sorted the events inside each Parallel by branch, and it also
// lost some of them (in every such recording the Parallel's ParallelStateSucceeded or
// ParallelStateFailed is missing, and so is a nested Parallel's ParallelStateExited). We accept
// when our sequence, cut into
//   - events outside any Parallel, in order (a top-level Parallel's ParallelStateEntered and
//     ParallelStateStarted, its closing ParallelState{Succeeded,Failed,Aborted} and its
//     ParallelStateExited are outside), and
//   - one block per top-level Parallel: every event between its ParallelStateStarted and its
//     closing event, nested Parallels included, as a multiset,
// can be matched against the expected sequence in that order, where each outside event is
// either the next expected event or is dropped, and each block matches a contiguous run of
// expected events that is a sub-multiset of the block; and where everything dropped (outside
// events or the rest of a block) is a Parallel or Map bookkeeping event: a Parallel*, Map* or
// MapIteration* event other than ParallelStateEntered and MapStateEntered (see IsBookkeeping).
std::optional<std::string> CompareEvents(const std::vector<std::string>& expected,
                                         const std::vector<std::string>& actual, EventOrder order);

// The events kParallelSorted may find in our history but not in the recording.
bool IsBookkeeping(std::string_view event_type);

// s, cut to at most max_chars with "..." appended when longer.
std::string Truncate(std::string_view s, size_t max_chars = 300);

}  // namespace stepwise::conformance
