#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/result.h"

namespace stepwise::jsonata::regex {

enum class CaseMode { kSensitive, kInsensitive };
enum class LineMode { kSingle, kMulti };

// A JavaScript pattern rewritten in PCRE2 syntax with the same meaning.
struct Translation {
  std::string pcre2_pattern;
  // The pattern's own capturing groups; the PCRE2 pattern numbers them 1..capture_count in the
  // same order and adds none.
  size_t capture_count = 0;
};

// Parses `pattern` with the grammar JavaScript's RegExp uses without the u flag (ECMAScript 2023
// section 22.2.1 plus the web-compatibility grammar of Annex B.1.2) and rewrites it for PCRE2
// compiled with PCRE2_UTF | PCRE2_DOLLAR_ENDONLY | PCRE2_MATCH_UNSET_BACKREF, and PCRE2_CASELESS
// for CaseMode::kInsensitive. `display_flags` only appears in error messages.
//
// Errors: "RegexSyntax" for a pattern JavaScript rejects (the message is V8's, e.g. "Invalid
// regular expression: /a**/: Nothing to repeat"); "RegexUnsupported" for a pattern JavaScript
// accepts that PCRE2 cannot express (a quantifier minimum above 65535); "RegexLimit" for groups
// nested deeper than kMaxNesting.
Result<Translation> TranslatePattern(std::string_view pattern, std::string_view display_flags,
                                     CaseMode case_mode, LineMode line_mode);

// Deeper nesting than this is refused rather than risking the translator's and PCRE2's stacks.
inline constexpr size_t kMaxNesting = 200;

}  // namespace stepwise::jsonata::regex
