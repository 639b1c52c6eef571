#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"

namespace stepwise::jsonata::regex {

// A JSONata regular expression literal (/pattern/flags) compiled once, with the meaning
// JavaScript's `new RegExp(pattern, flags + "g")` gives it (no u flag), matched by PCRE2 over
// UTF-8 text. See README.md for how each JavaScript feature is mapped and the few differences.
//
// Immutable after Compile; copies share the compiled code, and any number of threads may match
// with one Regex at once (each thread keeps its own PCRE2 match data).
//
// Offsets are bytes into the UTF-8 subject and always fall on character boundaries;
// Utf16Index() converts them to the code-unit indexes JavaScript reports.
//
// Subjects should be valid UTF-8. An invalid sequence is not an error: it matches nothing,
// not even [^a] or [^], and no match spans it.
class Regex {
 public:
  // One match: [begin, end) of the whole match and of each capturing group (group 1 first); a
  // group that did not take part is nullopt, as JavaScript's undefined.
  struct Match {
    size_t begin = 0;
    size_t end = 0;
    std::vector<std::optional<std::pair<size_t, size_t>>> groups;
  };

  // Compiles `pattern` (the text between the slashes, as written) with `flags`, a combination of
  // "i" and "m", each at most once.
  //
  // Errors: "RegexSyntax" when JavaScript's RegExp would throw a SyntaxError (the message is
  // V8's, e.g. "Invalid regular expression: /a**/: Nothing to repeat"); "RegexUnsupported" when
  // JavaScript accepts the pattern but PCRE2 cannot express it (a lookbehind whose alternatives
  // are not of fixed length, a quantifier minimum above 65535); "RegexLimit" when the pattern is
  // too large or nested too deeply.
  static Result<Regex> Compile(std::string_view pattern, std::string_view flags);

  // The first match starting at or after `from` (a byte offset on a character boundary), as
  // RegExp.prototype.exec finds it with lastIndex = from: the pattern still sees the text before
  // `from` (lookbehind, \b, ^ with m). nullopt when there is none or from > subject.size().
  //
  // Error: "RegexLimit" when the search needs more backtracking than kMatchLimit steps or more
  // than kHeapLimitKiB of memory (catastrophic patterns such as /^(a+)+$/ on a long line of a's).
  Result<std::optional<Match>> Find(std::string_view subject, size_t from = 0) const;

  // All matches from the start of the subject, at most `max_matches` of them, in the order
  // String.prototype.match/replace with a global regex find them: after an empty match the
  // search resumes one character further on. Errors as for Find.
  Result<std::vector<Match>> FindAll(std::string_view subject, size_t max_matches = SIZE_MAX) const;

  const std::string& pattern() const;
  const std::string& flags() const;
  // The number of capturing groups; every Match has this many `groups`.
  size_t group_count() const;

  // Backtracking steps (PCRE2's match limit) one search may take: about a tenth of a second.
  static constexpr uint32_t kMatchLimit = 10'000'000;
  // Memory one search may use for backtracking (PCRE2's heap limit).
  static constexpr uint32_t kHeapLimitKiB = 64 * 1024;

  // Intentionally copyable: copies share the compiled code.

 private:
  struct Compiled;
  explicit Regex(std::shared_ptr<const Compiled> compiled) : compiled_(std::move(compiled)) {}

  std::shared_ptr<const Compiled> compiled_;
};

// The UTF-16 code-unit index (JavaScript's string index) of byte `byte_offset` of the UTF-8
// text `s`: characters above U+FFFF count two. Precondition: byte_offset <= s.size().
size_t Utf16Index(std::string_view s, size_t byte_offset);

// The byte offset of UTF-16 index `utf16_index` in `s`, the inverse of Utf16Index. An index
// inside a character above U+FFFF (between its surrogates) gives the byte after that character;
// an index past the end gives s.size().
size_t ByteOffset(std::string_view s, size_t utf16_index);

}  // namespace stepwise::jsonata::regex
