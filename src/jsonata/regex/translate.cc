#include "jsonata/regex/translate.h"

#include <array>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "common/utf8.h"

namespace stepwise::jsonata::regex {
namespace {

// PCRE2's largest quantifier bound (MAX_REPEAT_COUNT); JavaScript has none.
constexpr uint64_t kMaxQuantifierBound = 65535;

struct Range {
  char32_t lo;
  char32_t hi;
};

// ECMAScript WhiteSpace and LineTerminator, the set \s stands for (V8 uses Unicode's Zs as of its
// ICU; U+180E left Zs in Unicode 6.3 and is not in it).
constexpr std::array<Range, 10> kWhitespace = {{{0x09, 0x0D},
                                                {0x20, 0x20},
                                                {0xA0, 0xA0},
                                                {0x1680, 0x1680},
                                                {0x2000, 0x200A},
                                                {0x2028, 0x2029},
                                                {0x202F, 0x202F},
                                                {0x205F, 0x205F},
                                                {0x3000, 0x3000},
                                                {0xFEFF, 0xFEFF}}};

bool IsSurrogate(char32_t c) { return c >= 0xD800 && c <= 0xDFFF; }
bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }
bool IsOctal(char32_t c) { return c >= '0' && c <= '7'; }
bool IsAsciiLetter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsWordChar(char32_t c) { return IsAsciiLetter(c) || IsDigit(c) || c == '_'; }
bool IsWhitespace(char32_t c) {
  for (const Range& r : kWhitespace) {
    if (c >= r.lo && c <= r.hi) return true;
  }
  return false;
}

int HexValue(char32_t c) {
  if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<int>(c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return static_cast<int>(c - 'A' + 10);
  return -1;
}

void AppendHex(std::string& out, char32_t c) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  char buffer[8];
  int n = 0;
  do {
    buffer[n++] = kDigits[c & 0xF];
    c >>= 4;
  } while (c != 0);
  out += "\\x{";
  while (n > 0) out += buffer[--n];
  out += '}';
}

// A code point as a PCRE2 literal: letters and digits as themselves, everything else as \x{..},
// which is literal in and outside classes whatever the character.
void AppendCodePoint(std::string& out, char32_t c) {
  if (IsAsciiLetter(c) || IsDigit(c)) {
    out += static_cast<char>(c);
  } else {
    AppendHex(out, c);
  }
}

// A class range without the surrogate block: UTF-8 cannot hold surrogates, and PCRE2 refuses
// them in UTF mode.
void AppendClassRange(std::string& out, char32_t lo, char32_t hi) {
  if (lo < 0xD800 && hi >= 0xD800) {
    AppendClassRange(out, lo, 0xD7FF);
    AppendClassRange(out, 0xE000, hi);
    return;
  }
  if (IsSurrogate(lo)) lo = 0xE000;
  if (IsSurrogate(hi)) hi = 0xD7FF;
  if (lo > hi) return;
  AppendCodePoint(out, lo);
  if (hi != lo) {
    out += '-';
    AppendCodePoint(out, hi);
  }
}

void AppendWhitespace(std::string& out, bool negated) {
  if (!negated) {
    for (const Range& r : kWhitespace) AppendClassRange(out, r.lo, r.hi);
    return;
  }
  char32_t next = 0;
  for (const Range& r : kWhitespace) {
    if (r.lo > next) AppendClassRange(out, next, r.lo - 1);
    next = r.hi + 1;
  }
  AppendClassRange(out, next, 0x10FFFF);
}

// The class escapes \d \D \s \S \w \W.
enum class ClassEscape : uint8_t { kDigit, kNotDigit, kSpace, kNotSpace, kWord, kNotWord };

std::optional<ClassEscape> ClassEscapeFor(char32_t c) {
  switch (c) {
    case 'd':
      return ClassEscape::kDigit;
    case 'D':
      return ClassEscape::kNotDigit;
    case 's':
      return ClassEscape::kSpace;
    case 'S':
      return ClassEscape::kNotSpace;
    case 'w':
      return ClassEscape::kWord;
    case 'W':
      return ClassEscape::kNotWord;
    default:
      return std::nullopt;
  }
}

bool EscapeContains(ClassEscape e, char32_t c) {
  switch (e) {
    case ClassEscape::kDigit:
      return IsDigit(c);
    case ClassEscape::kNotDigit:
      return !IsDigit(c);
    case ClassEscape::kSpace:
      return IsWhitespace(c);
    case ClassEscape::kNotSpace:
      return !IsWhitespace(c);
    case ClassEscape::kWord:
      return IsWordChar(c);
    case ClassEscape::kNotWord:
      return !IsWordChar(c);
  }
  return false;
}

// PCRE2 (without UCP) gives \d and \w JavaScript's ASCII meaning; \s it does not.
void AppendEscapeInClass(std::string& out, ClassEscape e) {
  switch (e) {
    case ClassEscape::kDigit:
      out += "\\d";
      break;
    case ClassEscape::kNotDigit:
      out += "\\D";
      break;
    case ClassEscape::kSpace:
      AppendWhitespace(out, false);
      break;
    case ClassEscape::kNotSpace:
      AppendWhitespace(out, true);
      break;
    case ClassEscape::kWord:
      out += "\\w";
      break;
    case ClassEscape::kNotWord:
      out += "\\W";
      break;
  }
}

// Case-insensitive matching: JavaScript without the u flag compares characters by
// Canonicalize (ECMAScript 22.2.2.7.3), toUpperCase except that a non-ASCII character never
// becomes equal to an ASCII one. PCRE2 10.42 compares by Unicode case folding, which makes K
// equal to KELVIN SIGN and s equal to LONG S; these two orbits are rewritten with case
// sensitivity turned off around them (PCRE2 10.43's PCRE2_EXTRA_CASELESS_RESTRICT would do it).
struct CaselessOrbit {
  std::array<char32_t, 2> ascii;  // equal to each other in both engines
  char32_t other;                 // equal to the ascii pair in PCRE2 only
};
constexpr std::array<CaselessOrbit, 2> kOrbits = {{{{'k', 'K'}, 0x212A}, {{'s', 'S'}, 0x17F}}};

const CaselessOrbit* OrbitOf(char32_t c) {
  for (const CaselessOrbit& orbit : kOrbits) {
    if (c == orbit.ascii[0] || c == orbit.ascii[1] || c == orbit.other) return &orbit;
  }
  return nullptr;
}

// A bracketed class as parsed, before it is written out.
struct ClassSet {
  bool negated = false;
  std::vector<Range> ranges;
  std::vector<ClassEscape> escapes;

  bool RangesContain(char32_t c) const {
    for (const Range& r : ranges) {
      if (c >= r.lo && c <= r.hi) return true;
    }
    return false;
  }
  bool EscapesContain(char32_t c) const {
    for (ClassEscape e : escapes) {
      if (EscapeContains(e, c)) return true;
    }
    return false;
  }
  bool Contains(char32_t c) const { return RangesContain(c) || EscapesContain(c); }
};

class Translator {
 public:
  Translator(std::string_view pattern, std::string_view flags, CaseMode case_mode,
             LineMode line_mode)
      : pattern_(pattern), flags_(flags), case_mode_(case_mode), line_mode_(line_mode) {}

  Result<Translation> Run() {
    TRY(Decode());
    TRY(ScanGroups());
    TRY(Disjunction(0));
    if (pos_ < chars_.size()) return Fail("Unmatched ')'");
    return Translation{std::move(out_), group_names_.size()};
  }

 private:
  Result<void> Decode() {
    size_t i = 0;
    while (i < pattern_.size()) {
      auto byte = static_cast<unsigned char>(pattern_[i]);
      size_t length = byte < 0x80   ? 1
                      : byte < 0xC2 ? 0
                      : byte < 0xE0 ? 2
                      : byte < 0xF0 ? 3
                      : byte < 0xF5 ? 4
                                    : 0;
      if (length == 0 || i + length > pattern_.size()) return Fail("Invalid UTF-8");
      char32_t c = length == 1 ? byte : byte & (0x7F >> length);
      for (size_t k = 1; k < length; ++k) {
        auto next = static_cast<unsigned char>(pattern_[i + k]);
        if ((next & 0xC0) != 0x80) return Fail("Invalid UTF-8");
        c = (c << 6) | (next & 0x3F);
      }
      bool overlong = (length == 3 && c < 0x800) || (length == 4 && c < 0x10000);
      if (overlong || IsSurrogate(c) || c > 0x10FFFF) return Fail("Invalid UTF-8");
      chars_.push_back(c);
      i += length;
    }
    return Ok();
  }

  // Backreferences depend on the whole pattern: \2 is a backreference only if the pattern has two
  // capturing groups (anywhere, Annex B.1.2), and \k is one only if the pattern has a named group.
  Result<void> ScanGroups() {
    bool in_class = false;
    for (size_t i = 0; i < chars_.size(); ++i) {
      char32_t c = chars_[i];
      if (c == '\\') {
        ++i;
      } else if (in_class) {
        in_class = c != ']';
      } else if (c == '[') {
        in_class = true;
      } else if (c == '(') {
        if (At(i + 1) != '?') {
          group_names_.emplace_back();
        } else if (At(i + 2) == '<' && At(i + 3) != '=' && At(i + 3) != '!') {
          size_t end = i + 3;
          std::string name = TRY(GroupName(end));
          for (const std::string& other : group_names_) {
            if (other == name) return Fail("Duplicate capture group name");
          }
          group_names_.push_back(std::move(name));
          has_named_groups_ = true;
        }
      }
    }
    return Ok();
  }

  // A group name at `at`, through the closing '>', which `at` is left after. JavaScript allows
  // any identifier; PCRE2 never sees the names (groups are referenced by number).
  Result<std::string> GroupName(size_t& at) {
    std::string name;
    for (;; ++at) {
      char32_t c = At(at);
      if (c == '>' && !name.empty()) break;
      bool start = IsAsciiLetter(c) || c == '$' || c == '_' || (c >= 0x80 && c != kEnd);
      if (!start && !(IsDigit(c) && !name.empty())) return Fail("Invalid capture group name");
      AppendUtf8(name, c);
    }
    ++at;
    return name;
  }

  Result<void> Disjunction(size_t depth) {
    if (depth > kMaxNesting) {
      return Error("RegexLimit",
                   Message("groups nested deeper than " + std::to_string(kMaxNesting)));
    }
    TRY(Alternative(depth));
    while (Peek() == '|') {
      ++pos_;
      out_ += '|';
      TRY(Alternative(depth));
    }
    return Ok();
  }

  Result<void> Alternative(size_t depth) {
    while (pos_ < chars_.size() && Peek() != '|' && Peek() != ')') TRY(Term(depth));
    return Ok();
  }

  Result<void> Term(size_t depth) {
    char32_t c = Peek();
    switch (c) {
      case '^':
        ++pos_;
        out_ += line_mode_ == LineMode::kMulti ? "(?<![^\\n\\r\\x{2028}\\x{2029}])" : "^";
        return Unquantifiable("Nothing to repeat");
      case '$':
        ++pos_;
        out_ += line_mode_ == LineMode::kMulti ? "(?![^\\n\\r\\x{2028}\\x{2029}])" : "$";
        return Unquantifiable("Nothing to repeat");
      case '\\':
        if (At(pos_ + 1) == 'b' || At(pos_ + 1) == 'B') {
          out_ += "\\";
          out_ += static_cast<char>(At(pos_ + 1));
          pos_ += 2;
          return Unquantifiable("Nothing to repeat");
        }
        TRY(AtomEscape());
        break;
      case '(':
        if (TRY(Group(depth))) return Unquantifiable("Invalid quantifier");
        break;
      case '[':
        TRY(CharacterClass());
        break;
      case '.':
        ++pos_;
        out_ += "[^\\n\\r\\x{2028}\\x{2029}]";
        break;
      case '*':
      case '+':
      case '?':
        return Fail("Nothing to repeat");
      case '{':
        // Annex B.1.2: a brace that cannot start a quantifier is a literal.
        if (BracedQuantifierAt(pos_)) return Fail("Nothing to repeat");
        ++pos_;
        AppendLiteral(c);
        break;
      default:
        ++pos_;
        AppendLiteral(c);
        break;
    }
    return Quantifier();
  }

  // After an assertion: a quantifier there is an error.
  Result<void> Unquantifiable(std::string_view message) {
    char32_t c = Peek();
    if (c == '*' || c == '+' || c == '?' || (c == '{' && BracedQuantifierAt(pos_))) {
      return Fail(message);
    }
    return Ok();
  }

  // {n}, {n,} or {n,m} at `at`.
  bool BracedQuantifierAt(size_t at) const {
    size_t i = at + 1;
    if (!IsDigit(At(i))) return false;
    while (IsDigit(At(i))) ++i;
    if (At(i) == ',') {
      ++i;
      while (IsDigit(At(i))) ++i;
    }
    return At(i) == '}';
  }

  uint64_t ReadNumber() {
    uint64_t value = 0;
    while (IsDigit(Peek())) {
      // JavaScript reads any number of digits; past PCRE2's bound the exact value is moot.
      if (value <= kMaxQuantifierBound) value = value * 10 + (Peek() - '0');
      ++pos_;
    }
    return value;
  }

  Result<void> Quantifier() {
    char32_t c = Peek();
    if (c == '*' || c == '+' || c == '?') {
      ++pos_;
      out_ += static_cast<char>(c);
    } else if (c == '{' && BracedQuantifierAt(pos_)) {
      ++pos_;
      const uint64_t min = ReadNumber();
      uint64_t max = min;
      bool unbounded = false;
      if (Peek() == ',') {
        ++pos_;
        unbounded = !IsDigit(Peek());
        if (!unbounded) max = ReadNumber();
      }
      ++pos_;  // '}'
      if (max < min) return Fail("numbers out of order in {} quantifier");
      if (min > kMaxQuantifierBound) {
        return Error("RegexUnsupported",
                     Message("quantifier bounds above " + std::to_string(kMaxQuantifierBound) +
                             " are not supported"));
      }
      // A larger upper bound becomes none: the two differ only where the subject offers more
      // repetitions than PCRE2 can count.
      if (max > kMaxQuantifierBound) unbounded = true;
      out_ += '{' + std::to_string(min);
      if (unbounded) {
        out_ += ',';
      } else if (max != min) {
        out_ += ',' + std::to_string(max);
      }
      out_ += '}';
    } else {
      return Ok();
    }
    if (Peek() == '?') {
      ++pos_;
      out_ += '?';
    }
    return Ok();
  }

  // A parenthesised group. Returns whether it is a lookbehind, which takes no quantifier.
  Result<bool> Group(size_t depth) {
    ++pos_;
    bool lookbehind = false;
    // Lookaheads may take a quantifier (Annex B.1.2); PCRE2 wants them wrapped for that.
    bool wrap = false;
    if (Peek() != '?') {
      out_ += '(';
    } else if (At(pos_ + 1) == ':') {
      pos_ += 2;
      out_ += "(?:";
    } else if (At(pos_ + 1) == '=' || At(pos_ + 1) == '!') {
      out_ += "(?:(?";
      out_ += static_cast<char>(At(pos_ + 1));
      pos_ += 2;
      wrap = true;
    } else if (At(pos_ + 1) == '<' && (At(pos_ + 2) == '=' || At(pos_ + 2) == '!')) {
      out_ += "(?<";
      out_ += static_cast<char>(At(pos_ + 2));
      pos_ += 3;
      lookbehind = true;
    } else if (At(pos_ + 1) == '<') {
      pos_ += 2;
      TRY(GroupName(pos_));  // validated by ScanGroups; numbered in order like the others
      out_ += '(';
    } else {
      return Fail("Invalid group");
    }
    TRY(Disjunction(depth + 1));
    if (Peek() != ')') return Fail("Unterminated group");
    ++pos_;
    out_ += wrap ? "))" : ")";
    return lookbehind;
  }

  void AppendBackreference(size_t group) { out_ += "(?:\\g{" + std::to_string(group) + "})"; }

  // After a backslash outside a class (\b and \B are assertions, handled by Term).
  Result<void> AtomEscape() {
    ++pos_;
    char32_t c = Peek();
    if (c == kEnd) return Fail("\\ at end of pattern");
    if (IsDigit(c) && c != '0') {
      size_t start = pos_;
      uint64_t group = ReadNumber();
      if (group <= group_names_.size()) {
        AppendBackreference(group);
        return Ok();
      }
      pos_ = start;
    }
    if (c == 'k' && has_named_groups_) {
      if (At(pos_ + 1) != '<') return Fail("Invalid named reference");
      size_t at = pos_ + 2;
      Result<std::string> name = GroupName(at);
      if (!name.ok()) return Fail("Invalid named reference");
      for (size_t i = 0; i < group_names_.size(); ++i) {
        if (group_names_[i] == name.value()) {
          pos_ = at;
          AppendBackreference(i + 1);
          return Ok();
        }
      }
      return Fail("Invalid named capture referenced");
    }
    if (std::optional<ClassEscape> escape = ClassEscapeFor(c)) {
      ++pos_;
      if (*escape == ClassEscape::kSpace || *escape == ClassEscape::kNotSpace) {
        out_ += '[';
        AppendEscapeInClass(out_, *escape);
        out_ += ']';
      } else {
        AppendEscapeInClass(out_, *escape);
      }
      return Ok();
    }
    if (c == 'c' && !IsAsciiLetter(At(pos_ + 1))) {
      // Annex B.1.2: "\c" not followed by a letter is a literal backslash; the c is read next.
      AppendLiteral('\\');
      return Ok();
    }
    std::optional<char32_t> unit = CharacterEscape(/*in_class=*/false);
    if (!unit) return Fail("Invalid escape");
    AppendLiteral(*unit);
    return Ok();
  }

  // A character escape after the backslash (pos_ at the character after it): control escapes,
  // \cX, \0, legacy octal, \xHH, \uHHHH and identity escapes. Returns the UTF-16 code unit or
  // character it denotes, with a \uHHHH\uHHHH surrogate pair combined.
  std::optional<char32_t> CharacterEscape(bool in_class) {
    char32_t c = Peek();
    ++pos_;
    switch (c) {
      case 'f':
        return 0x0C;
      case 'n':
        return 0x0A;
      case 'r':
        return 0x0D;
      case 't':
        return 0x09;
      case 'v':
        return 0x0B;
      case 'c': {
        char32_t letter = Peek();
        ++pos_;
        return letter % 32;  // callers checked it is a letter (or, in a class, a digit or _)
      }
      case 'x': {
        int high = HexValue(At(pos_));
        int low = HexValue(At(pos_ + 1));
        if (high < 0 || low < 0) return 'x';
        pos_ += 2;
        return static_cast<char32_t>(high * 16 + low);
      }
      case 'u': {
        std::optional<char32_t> unit = Hex4(pos_);
        if (!unit) return 'u';
        pos_ += 4;
        if (*unit >= 0xD800 && *unit <= 0xDBFF && At(pos_) == '\\' && At(pos_ + 1) == 'u') {
          std::optional<char32_t> low = Hex4(pos_ + 2);
          if (low && *low >= 0xDC00 && *low <= 0xDFFF) {
            pos_ += 6;
            return 0x10000 + ((*unit - 0xD800) << 10) + (*low - 0xDC00);
          }
        }
        return *unit;
      }
      case 'k':
        if (has_named_groups_ && in_class) return std::nullopt;
        return c;
      default:
        break;
    }
    if (IsOctal(c)) {
      // \0 alone is NUL; otherwise Annex B's LegacyOctalEscapeSequence, at most \377.
      char32_t value = c - '0';
      if (IsOctal(Peek())) {
        value = value * 8 + (Peek() - '0');
        ++pos_;
        if (c <= '3' && IsOctal(Peek())) {
          value = value * 8 + (Peek() - '0');
          ++pos_;
        }
      }
      return value;
    }
    return c;  // an identity escape: \8, \/, \A, \z all mean the character itself
  }

  std::optional<char32_t> Hex4(size_t at) const {
    char32_t value = 0;
    for (size_t i = 0; i < 4; ++i) {
      int digit = HexValue(At(at + i));
      if (digit < 0) return std::nullopt;
      value = value * 16 + static_cast<char32_t>(digit);
    }
    return value;
  }

  // A class atom: a character, or a class escape.
  struct ClassAtom {
    char32_t c = 0;
    std::optional<ClassEscape> escape;
  };

  Result<ClassAtom> ReadClassAtom() {
    char32_t c = Peek();
    ++pos_;
    if (c != '\\') return ClassAtom{c, std::nullopt};
    char32_t e = Peek();
    if (e == kEnd) return Fail("\\ at end of pattern");
    if (std::optional<ClassEscape> escape = ClassEscapeFor(e)) {
      ++pos_;
      return ClassAtom{0, escape};
    }
    if (e == 'b') {
      ++pos_;
      return ClassAtom{0x08, std::nullopt};
    }
    if (e == 'c') {
      // Annex B.1.2 ClassControlLetter: digits and _ are allowed too; anything else makes the
      // backslash literal and leaves the c to be read as the next atom.
      char32_t next = At(pos_ + 1);
      if (!IsAsciiLetter(next) && !IsDigit(next) && next != '_') return ClassAtom{'\\', {}};
    }
    // In a class, \1 is never a backreference: digits are octal or identity escapes.
    std::optional<char32_t> unit = CharacterEscape(/*in_class=*/true);
    if (!unit) return Fail("Invalid escape");
    return ClassAtom{*unit, std::nullopt};
  }

  Result<void> CharacterClass() {
    ++pos_;
    ClassSet set;
    if (Peek() == '^') {
      set.negated = true;
      ++pos_;
    }
    while (Peek() != ']') {
      if (Peek() == kEnd) return Fail("Unterminated character class");
      ClassAtom first = TRY(ReadClassAtom());
      if (Peek() == '-' && At(pos_ + 1) != ']' && At(pos_ + 1) != kEnd) {
        ++pos_;
        ClassAtom last = TRY(ReadClassAtom());
        if (!first.escape && !last.escape) {
          if (first.c > last.c) return Fail("Range out of order in character class");
          set.ranges.push_back({first.c, last.c});
          continue;
        }
        // Annex B.1.2: next to a class escape, the dash is a literal.
        AddAtom(set, first);
        set.ranges.push_back({'-', '-'});
        AddAtom(set, last);
        continue;
      }
      AddAtom(set, first);
    }
    ++pos_;
    AppendClass(set);
    return Ok();
  }

  static void AddAtom(ClassSet& set, const ClassAtom& atom) {
    if (atom.escape) {
      set.escapes.push_back(*atom.escape);
    } else {
      set.ranges.push_back({atom.c, atom.c});
    }
  }

  static void AppendClassBody(std::string& out, const ClassSet& set) {
    out += set.negated ? "[^" : "[";
    for (const Range& r : set.ranges) AppendClassRange(out, r.lo, r.hi);
    for (ClassEscape e : set.escapes) AppendEscapeInClass(out, e);
    out += ']';
  }

  void AppendClass(const ClassSet& set) {
    if (set.ranges.empty() && set.escapes.empty()) {
      // [] matches nothing and [^] anything; PCRE2 would read the ] as a member.
      out_ += set.negated ? "[\\x{0}-\\x{10FFFF}]" : "(?:(?!))";
      return;
    }
    if (case_mode_ == CaseMode::kSensitive) {
      AppendClassBody(out_, set);
      return;
    }
    // The characters of the KELVIN SIGN and LONG S orbits that this class matches in
    // JavaScript, where PCRE2's answer for any of them differs.
    std::string exceptions;
    bool differs = false;
    for (const CaselessOrbit& orbit : kOrbits) {
      bool ascii_js = set.Contains(orbit.ascii[0]) || set.Contains(orbit.ascii[1]);
      bool other_js = set.Contains(orbit.other);
      bool any_range = set.RangesContain(orbit.ascii[0]) || set.RangesContain(orbit.ascii[1]) ||
                       set.RangesContain(orbit.other);
      for (char32_t c : {orbit.ascii[0], orbit.ascii[1], orbit.other}) {
        bool js = (c == orbit.other ? other_js : ascii_js) != set.negated;
        bool pcre2 = (any_range || set.EscapesContain(c)) != set.negated;
        differs = differs || js != pcre2;
        if (js) AppendCodePoint(exceptions, c);
      }
    }
    if (!differs) {
      AppendClassBody(out_, set);
      return;
    }
    out_ += "(?:(?![kKsS\\x{212A}\\x{17F}])";
    AppendClassBody(out_, set);
    if (!exceptions.empty()) out_ += "|(?-i:[" + exceptions + "])";
    out_ += ')';
  }

  void AppendLiteral(char32_t c) {
    if (IsSurrogate(c)) {
      // A lone surrogate code unit cannot occur in a UTF-8 subject.
      out_ += "(?:(?!))";
      return;
    }
    const CaselessOrbit* orbit = case_mode_ == CaseMode::kInsensitive ? OrbitOf(c) : nullptr;
    if (orbit == nullptr) {
      AppendCodePoint(out_, c);
    } else if (c == orbit->other) {
      out_ += "(?-i:";
      AppendCodePoint(out_, c);
      out_ += ')';
    } else {
      out_ += "(?-i:[";
      AppendCodePoint(out_, orbit->ascii[0]);
      AppendCodePoint(out_, orbit->ascii[1]);
      out_ += "])";
    }
  }

  static constexpr char32_t kEnd = 0xFFFFFFFF;
  char32_t At(size_t i) const { return i < chars_.size() ? chars_[i] : kEnd; }
  char32_t Peek() const { return At(pos_); }

  std::string Message(std::string_view what) const {
    std::string message = "Invalid regular expression: /";
    message += pattern_;
    message += '/';
    message += flags_;
    message += ": ";
    message += what;
    return message;
  }
  Error Fail(std::string_view what) const { return Error("RegexSyntax", Message(what)); }

  std::string_view pattern_;
  std::string_view flags_;
  CaseMode case_mode_;
  LineMode line_mode_;
  std::vector<char32_t> chars_;
  size_t pos_ = 0;
  std::vector<std::string> group_names_;  // one per capturing group; "" when unnamed
  bool has_named_groups_ = false;
  std::string out_;
};

}  // namespace

Result<Translation> TranslatePattern(std::string_view pattern, std::string_view display_flags,
                                     CaseMode case_mode, LineMode line_mode) {
  return Translator(pattern, display_flags, case_mode, line_mode).Run();
}

}  // namespace stepwise::jsonata::regex
