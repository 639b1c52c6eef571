#include "jsonata/regex/regex.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "jsonata/regex/translate.h"

namespace stepwise::jsonata::regex {
namespace {

struct CodeDeleter {
  void operator()(pcre2_code* code) const { pcre2_code_free(code); }
};
struct MatchDataDeleter {
  void operator()(pcre2_match_data* data) const { pcre2_match_data_free(data); }
};
struct CompileContextDeleter {
  void operator()(pcre2_compile_context* context) const { pcre2_compile_context_free(context); }
};

std::string Pcre2Message(int code) {
  PCRE2_UCHAR buffer[256];
  int length = pcre2_get_error_message(code, buffer, sizeof(buffer));
  if (length < 0) return "PCRE2 error " + std::to_string(code);
  return std::string(reinterpret_cast<const char*>(buffer), static_cast<size_t>(length));
}

// Shared by every search, never written after it is built, and kept for the process's lifetime.
pcre2_match_context* MatchContext() {
  static pcre2_match_context* const context = [] {
    pcre2_match_context* c = pcre2_match_context_create(nullptr);
    pcre2_set_match_limit(c, Regex::kMatchLimit);
    pcre2_set_heap_limit(c, Regex::kHeapLimitKiB);
    return c;
  }();
  return context;
}

// One match data per thread, grown to the largest group count it has met. Reusing it also keeps
// PCRE2's backtracking frames (which live in the match data) instead of allocating them again on
// every search.
thread_local std::unique_ptr<pcre2_match_data, MatchDataDeleter> thread_match_data;
thread_local uint32_t thread_match_pairs = 0;

pcre2_match_data* ThreadMatchData(uint32_t pairs) {
  if (thread_match_data == nullptr || thread_match_pairs < pairs) {
    thread_match_data.reset(pcre2_match_data_create(pairs, nullptr));
    thread_match_pairs = pairs;
  }
  return thread_match_data.get();
}

size_t NextCharacter(std::string_view s, size_t at) {
  ++at;
  while (at < s.size() && (static_cast<unsigned char>(s[at]) & 0xC0) == 0x80) ++at;
  return at;
}

}  // namespace

struct Regex::Compiled {
  std::string pattern;
  std::string flags;
  size_t group_count = 0;
  std::unique_ptr<pcre2_code, CodeDeleter> code;
};

Result<Regex> Regex::Compile(std::string_view pattern, std::string_view flags) {
  CaseMode case_mode = CaseMode::kSensitive;
  LineMode line_mode = LineMode::kSingle;
  for (char flag : flags) {
    if (flag == 'i' && case_mode == CaseMode::kSensitive) {
      case_mode = CaseMode::kInsensitive;
    } else if (flag == 'm' && line_mode == LineMode::kSingle) {
      line_mode = LineMode::kMulti;
    } else {
      return Error("RegexSyntax",
                   "Invalid flags supplied to RegExp constructor '" + std::string(flags) + "'");
    }
  }
  Translation translation = TRY(TranslatePattern(pattern, flags, case_mode, line_mode));

  // The translation is ASCII and uses no PCRE2 syntax beyond what it means to, so the options
  // only fix the matching rules: UTF-8 characters, $ only at the very end (JavaScript's $
  // without m), a backreference to an unset group matching the empty string, and invalid UTF-8
  // in subjects tolerated without a validity pass over the subject on every search.
  uint32_t options = PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_DOLLAR_ENDONLY |
                     PCRE2_MATCH_UNSET_BACKREF | PCRE2_NEVER_BACKSLASH_C;
  if (case_mode == CaseMode::kInsensitive) options |= PCRE2_CASELESS;
  std::unique_ptr<pcre2_compile_context, CompileContextDeleter> context(
      pcre2_compile_context_create(nullptr));
  // The translation wraps some atoms in groups of its own: at most two levels per level of the
  // pattern's.
  pcre2_set_parens_nest_limit(context.get(), 2 * kMaxNesting + 8);
  int error_code = 0;
  PCRE2_SIZE error_offset = 0;
  pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(translation.pcre2_pattern.data()),
                                   translation.pcre2_pattern.size(), options, &error_code,
                                   &error_offset, context.get());
  if (code == nullptr) {
    std::string message = "Invalid regular expression: /" + std::string(pattern) + "/" +
                          std::string(flags) + ": " + Pcre2Message(error_code);
    switch (error_code) {
      case PCRE2_ERROR_LOOKBEHIND_NOT_FIXED_LENGTH:
      case PCRE2_ERROR_LOOKBEHIND_TOO_COMPLICATED:
      case PCRE2_ERROR_LOOKBEHIND_TOO_LONG:
        return Error("RegexUnsupported", std::move(message));
      default:
        return Error("RegexLimit", std::move(message));
    }
  }
  auto compiled = std::make_shared<Compiled>();
  compiled->pattern = std::string(pattern);
  compiled->flags = std::string(flags);
  compiled->group_count = translation.capture_count;
  compiled->code.reset(code);
  return Regex(std::move(compiled));
}

Result<std::optional<Regex::Match>> Regex::Find(std::string_view subject, size_t from) const {
  if (from > subject.size()) return std::optional<Match>();
  const auto pairs = static_cast<uint32_t>(compiled_->group_count + 1);
  pcre2_match_data* data = ThreadMatchData(pairs);
  // PCRE2 rejects a null subject even when it is empty.
  const char* text = subject.empty() ? "" : subject.data();
  int rc = pcre2_match(compiled_->code.get(), reinterpret_cast<PCRE2_SPTR>(text), subject.size(),
                       from, 0, data, MatchContext());
  if (rc == PCRE2_ERROR_NOMATCH) return std::optional<Match>();
  if (rc < 0) {
    // Do not keep the frames of a runaway search for the rest of the thread's life.
    thread_match_data.reset();
    return Error("RegexLimit", "Regular expression /" + compiled_->pattern + "/" +
                                   compiled_->flags + ": " + Pcre2Message(rc));
  }
  const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(data);
  Match match;
  match.begin = ovector[0];
  match.end = ovector[1];
  match.groups.resize(compiled_->group_count);
  for (size_t i = 1; i < pairs && i < static_cast<size_t>(rc); ++i) {
    if (ovector[2 * i] != PCRE2_UNSET)
      match.groups[i - 1].emplace(ovector[2 * i], ovector[2 * i + 1]);
  }
  return std::optional<Match>(std::move(match));
}

Result<std::vector<Regex::Match>> Regex::FindAll(std::string_view subject,
                                                 size_t max_matches) const {
  std::vector<Match> matches;
  size_t from = 0;
  while (matches.size() < max_matches) {
    std::optional<Match> match = TRY(Find(subject, from));
    if (!match) break;
    // ECMAScript RegExpBuiltinExec leaves lastIndex at the end of the match; String.prototype
    // .replace and .match then advance it past an empty match (AdvanceStringIndex), so that the
    // next search starts one character on rather than rejecting an empty match at the same place.
    from = match->end == match->begin ? NextCharacter(subject, match->end) : match->end;
    matches.push_back(std::move(*match));
  }
  return matches;
}

const std::string& Regex::pattern() const { return compiled_->pattern; }
const std::string& Regex::flags() const { return compiled_->flags; }
size_t Regex::group_count() const { return compiled_->group_count; }

size_t Utf16Index(std::string_view s, size_t byte_offset) {
  size_t index = 0;
  for (size_t i = 0; i < byte_offset; ++i) {
    auto byte = static_cast<unsigned char>(s[i]);
    if ((byte & 0xC0) != 0x80) ++index;
    if (byte >= 0xF0) ++index;  // the lead byte of a character written as a surrogate pair
  }
  return index;
}

size_t ByteOffset(std::string_view s, size_t utf16_index) {
  size_t index = 0;
  size_t i = 0;
  while (i < s.size() && index < utf16_index) {
    index += static_cast<unsigned char>(s[i]) >= 0xF0 ? 2 : 1;
    i = NextCharacter(s, i);
  }
  return i;
}

}  // namespace stepwise::jsonata::regex
