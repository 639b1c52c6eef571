#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace stepwise::tasks {

// Which end of a text an excerpt keeps.
enum class ExcerptEnd {
  kHead,  // the first bytes (the start of a command's output, where a parse error usually is)
  kTail,  // the last bytes (the end of stderr, where a traceback names the exception)
};

// A piece of a command's output that is safe to put in an error's Cause: at most max_bytes of
// text taken from the chosen end, cut at a UTF-8 character boundary, marked with "…" where text was
// cut off, and with every byte that is not part of valid UTF-8 replaced by U+FFFD (so the Cause
// stays valid JSON text whatever the command printed). Replacement characters may make the
// result a little longer than max_bytes.
std::string Excerpt(std::string_view text, size_t max_bytes, ExcerptEnd keep);

// text without leading and trailing ASCII whitespace. The view points into text.
std::string_view TrimWhitespace(std::string_view text);

}  // namespace stepwise::tasks
