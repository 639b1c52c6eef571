#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"

namespace stepwise::jsonpath {

// The regular expressions of the filter operator `=~ /pattern/flags`.
//
// Jayway evaluates `=~` with java.util.regex and Matcher.matches(), so a pattern must match the
// *whole* string: `/b.*/` does not match "abc". This engine implements the subset of Java's syntax
// that paths use, with Java's meanings:
//   literals and escapes (\t \n \r \f \e \xHH \uHHHH \\ and escaped punctuation), `.` (any
//   character but a line terminator), classes [a-z] [^...] with \d \w \s \D \W \S inside and out,
//   anchors ^ $ \A \z \b \B, groups (...) and (?:...), alternation |, and the greedy or lazy
//   quantifiers * + ? {n} {n,} {n,m} (n, m <= 1000).
// Flags: `i` (ASCII case-insensitive, as Java's CASE_INSENSITIVE) and `m` (^ and $ at line
// breaks). Backreferences, lookaround, possessive quantifiers, inline flags, \p{...} and nested
// classes are compile errors rather than silently different behaviour.
//
// Matching simulates the NFA (a Pike VM): time is O(text length x program size), memory is
// O(program size), there is no backtracking and no recursion, so neither a hostile pattern nor a
// 256 KiB payload can make it run exponentially or exhaust the stack. Compile bounds the program
// at kMaxProgramSize instructions and group nesting at kMaxNesting.
//
// Text is matched by code point (UTF-8; an invalid byte is one U+FFFD).
//
// Thread safety: immutable after Compile. Intentionally copyable.
class Regex {
 public:
  enum Flag : uint32_t {
    kIgnoreCase = 1,
    kMultiline = 2,
  };
  static constexpr size_t kMaxProgramSize = 2000;
  static constexpr int kMaxNesting = 64;
  static constexpr int kMaxRepeat = 1000;

  // Compiles pattern (the text between the slashes, with "\/" already unescaped to "/"). Errors
  // are named "InvalidRegex", with a message that names the problem and the 1-based position of
  // the character in the pattern, e.g. "Dangling quantifier '*' at position 1".
  static Result<Regex> Compile(std::string_view pattern, uint32_t flags = 0);

  // Whether the whole of text matches.
  bool FullMatch(std::string_view text) const;

  const std::string& pattern() const { return pattern_; }
  uint32_t flags() const { return flags_; }

 private:
  friend class RegexCompiler;  // builds program_ and classes_ (regex.cc)

  struct Instruction {
    enum class Op : uint8_t {
      kChar,             // consume ch
      kAny,              // consume anything but a line terminator
      kClass,            // consume a member of classes_[arg]
      kSplit,            // continue at arg and at arg2
      kJump,             // continue at arg
      kMatch,            // accept
      kTextStart,        // assert: start of text (\A)
      kTextEnd,          // assert: end of text (\z)
      kLineStart,        // assert: ^
      kLineEnd,          // assert: $
      kWordBoundary,     // assert: \b
      kNotWordBoundary,  // assert: \B
    };
    Op op;
    char32_t ch = 0;
    uint32_t arg = 0;
    uint32_t arg2 = 0;
  };
  struct CharClass {
    std::vector<std::pair<char32_t, char32_t>> ranges;  // sorted, disjoint, inclusive
    bool negated = false;
  };

  Regex() = default;
  bool Consumes(const Instruction& instruction, char32_t c) const;

  std::string pattern_;
  uint32_t flags_ = 0;
  std::vector<Instruction> program_;
  std::vector<CharClass> classes_;
};

}  // namespace stepwise::jsonpath
