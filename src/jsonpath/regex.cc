#include "jsonpath/regex.h"

#include <algorithm>
#include <limits>
#include <string>

#include "jsonpath/unicode.h"

namespace stepwise::jsonpath {

namespace {

// Stands for "no character": before the start and after the end of the text. DecodeUtf8 never
// yields it.
constexpr char32_t kNoChar = std::numeric_limits<char32_t>::max();
constexpr char32_t kMaxCodePoint = 0x10FFFF;

// Java's line terminators, which `.` does not match and multiline ^ and $ match beside.
bool IsLineTerminator(char32_t c) {
  return c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029;
}

// \w and \b as Java defines them without UNICODE_CHARACTER_CLASS: ASCII only.
bool IsWordChar(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Java's CASE_INSENSITIVE without UNICODE_CASE folds ASCII letters only.
char32_t SwapAsciiCase(char32_t c) {
  if (c >= 'a' && c <= 'z') return c - 'a' + 'A';
  if (c >= 'A' && c <= 'Z') return c - 'A' + 'a';
  return c;
}

bool IsHexDigit(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

uint32_t HexValue(char32_t c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

using Ranges = std::vector<std::pair<char32_t, char32_t>>;

void Normalize(Ranges& ranges) {
  std::sort(ranges.begin(), ranges.end());
  Ranges merged;
  for (const auto& range : ranges) {
    if (!merged.empty() && range.first <= merged.back().second + 1) {
      merged.back().second = std::max(merged.back().second, range.second);
    } else {
      merged.push_back(range);
    }
  }
  ranges = std::move(merged);
}

Ranges Complement(Ranges ranges) {
  Normalize(ranges);
  Ranges out;
  char32_t next = 0;
  for (const auto& [low, high] : ranges) {
    if (low > next) out.emplace_back(next, low - 1);
    next = high + 1;
  }
  if (next <= kMaxCodePoint) out.emplace_back(next, kMaxCodePoint);
  return out;
}

Ranges DigitRanges() { return {{'0', '9'}}; }
Ranges WordRanges() { return {{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}}; }
Ranges SpaceRanges() { return {{'\t', '\r'}, {' ', ' '}}; }  // [ \t\n\x0B\f\r]

bool InRanges(const Ranges& ranges, char32_t c) {
  auto it = std::upper_bound(ranges.begin(), ranges.end(), c,
                             [](char32_t value, const auto& range) { return value < range.first; });
  return it != ranges.begin() && c <= std::prev(it)->second;
}

}  // namespace

// Parses a pattern into a small syntax tree, checks the size of the program it would produce, and
// emits that program into a Regex.
class RegexCompiler {
 public:
  RegexCompiler(std::string_view pattern, Regex& out) : out_(out) {
    for (size_t pos = 0; pos < pattern.size();)
      pattern_.push_back(DecodeUtf8(pattern, &pos));
  }

  Result<void> Run() {
    uint32_t root = TRY(ParseAlternation(0));
    if (pos_ < pattern_.size()) return Fail("Unmatched ')'", pos_);
    if (Size(root) > Regex::kMaxProgramSize) {
      return Fail("Regular expression too large (more than " +
                      std::to_string(Regex::kMaxProgramSize) + " instructions)",
                  0);
    }
    Emit(root);
    out_.program_.push_back({.op = Op::kMatch});
    return Ok();
  }

 private:
  using Op = Regex::Instruction::Op;

  struct Node {
    enum class Kind : uint8_t {
      kEmpty,
      kChar,
      kAny,
      kClass,
      kAssert,
      kConcat,
      kAlternate,
      kRepeat
    };
    Kind kind;
    char32_t ch = 0;            // kChar
    uint32_t index = 0;         // kClass: into classes_
    Op assertion = Op::kMatch;  // kAssert
    int min = 0;                // kRepeat
    int max = 0;                // kRepeat; -1 for unbounded
    std::vector<uint32_t> children{};
  };

  // What an escape sequence stands for.
  struct Escape {
    enum class Kind : uint8_t { kChar, kClass, kAssert };
    Kind kind;
    char32_t ch = 0;
    Ranges ranges{};
    Op assertion = Op::kMatch;
  };

  bool AtEnd() const { return pos_ >= pattern_.size(); }
  char32_t Peek(size_t ahead = 0) const {
    return pos_ + ahead < pattern_.size() ? pattern_[pos_ + ahead] : kNoChar;
  }

  Error Fail(const std::string& what, size_t at) const {
    return Error("InvalidRegex", what + " at position " + std::to_string(at + 1));
  }

  static std::string Quote(char32_t c) {
    std::string out = "'";
    AppendUtf8(out, c);
    return out + "'";
  }

  uint32_t Add(Node node) {
    nodes_.push_back(std::move(node));
    return static_cast<uint32_t>(nodes_.size() - 1);
  }

  Result<uint32_t> ParseAlternation(int depth) {
    std::vector<uint32_t> branches;
    branches.push_back(TRY(ParseConcatenation(depth)));
    while (Peek() == '|') {
      ++pos_;
      branches.push_back(TRY(ParseConcatenation(depth)));
    }
    if (branches.size() == 1) return branches[0];
    return Add({.kind = Node::Kind::kAlternate, .children = std::move(branches)});
  }

  Result<uint32_t> ParseConcatenation(int depth) {
    std::vector<uint32_t> parts;
    while (!AtEnd() && Peek() != '|' && Peek() != ')') parts.push_back(TRY(ParseRepeat(depth)));
    if (parts.empty()) return Add({.kind = Node::Kind::kEmpty});
    if (parts.size() == 1) return parts[0];
    return Add({.kind = Node::Kind::kConcat, .children = std::move(parts)});
  }

  static bool IsQuantifierStart(char32_t c) { return c == '*' || c == '+' || c == '?' || c == '{'; }

  Result<uint32_t> ParseRepeat(int depth) {
    uint32_t atom = TRY(ParseAtom(depth));
    if (!IsQuantifierStart(Peek())) return atom;
    size_t at = pos_;
    int min = 0;
    int max = -1;
    char32_t c = pattern_[pos_++];
    if (c == '+') {
      min = 1;
    } else if (c == '?') {
      max = 1;
    } else if (c == '{') {
      min = TRY(ParseCount(at));
      max = min;
      if (Peek() == ',') {
        ++pos_;
        max = Peek() == '}' ? -1 : TRY(ParseCount(at));
      }
      if (Peek() != '}') return Fail("Invalid repetition", at);
      ++pos_;
      if (max >= 0 && max < min) return Fail("Invalid repetition range", at);
    }
    if (Peek() == '?') {
      ++pos_;  // Lazy: the same set of matches, so the same answer for a whole-string match.
    } else if (Peek() == '+') {
      return Fail("Possessive quantifiers are not supported", pos_);
    }
    if (IsQuantifierStart(Peek())) return Fail("Dangling quantifier " + Quote(Peek()), pos_);
    return Add({.kind = Node::Kind::kRepeat, .min = min, .max = max, .children = {atom}});
  }

  Result<int> ParseCount(size_t at) {
    if (!(Peek() >= '0' && Peek() <= '9')) return Fail("Invalid repetition", at);
    int value = 0;
    while (Peek() >= '0' && Peek() <= '9') {
      value = value * 10 + static_cast<int>(Peek() - '0');
      if (value > Regex::kMaxRepeat) {
        return Fail("Repetition count above " + std::to_string(Regex::kMaxRepeat), at);
      }
      ++pos_;
    }
    return value;
  }

  Result<uint32_t> ParseAtom(int depth) {
    size_t at = pos_;
    char32_t c = pattern_[pos_++];
    switch (c) {
      case '(': {
        if (Peek() == '?') {
          if (Peek(1) != ':') return Fail("Only (?:...) groups are supported", pos_);
          pos_ += 2;
        }
        if (depth + 1 > Regex::kMaxNesting) {
          return Fail("Groups nested more than " + std::to_string(Regex::kMaxNesting) + " deep",
                      at);
        }
        uint32_t inner = TRY(ParseAlternation(depth + 1));
        if (Peek() != ')') return Fail("Unclosed group", at);
        ++pos_;
        return inner;
      }
      case '[':
        return ParseClass(at);
      case '.':
        return Add({.kind = Node::Kind::kAny});
      case '^':
        return Add({.kind = Node::Kind::kAssert, .assertion = Op::kLineStart});
      case '$':
        return Add({.kind = Node::Kind::kAssert, .assertion = Op::kLineEnd});
      case '\\': {
        Escape escape = TRY(ParseEscape(/*in_class=*/false));
        switch (escape.kind) {
          case Escape::Kind::kChar:
            return Add({.kind = Node::Kind::kChar, .ch = escape.ch});
          case Escape::Kind::kClass:
            return AddClass(std::move(escape.ranges), /*negated=*/false);
          case Escape::Kind::kAssert:
            return Add({.kind = Node::Kind::kAssert, .assertion = escape.assertion});
        }
        return Fail("Invalid escape", at);
      }
      case '*':
      case '+':
      case '?':
        return Fail("Dangling quantifier " + Quote(c), at);
      case '{':
        return Fail("Invalid repetition", at);
      default:
        return Add({.kind = Node::Kind::kChar, .ch = c});
    }
  }

  uint32_t AddClass(Ranges ranges, bool negated) {
    Normalize(ranges);
    out_.classes_.push_back({.ranges = std::move(ranges), .negated = negated});
    return Add(
        {.kind = Node::Kind::kClass, .index = static_cast<uint32_t>(out_.classes_.size() - 1)});
  }

  // At the character after '['.
  Result<uint32_t> ParseClass(size_t open) {
    bool negated = false;
    if (Peek() == '^') {
      negated = true;
      ++pos_;
    }
    Ranges ranges;
    bool first = true;
    while (true) {
      if (AtEnd()) return Fail("Unclosed character class", open);
      char32_t c = Peek();
      // As in Java, a ']' right after '[' or '[^' is a literal.
      if (c == ']' && !first) {
        ++pos_;
        break;
      }
      first = false;
      if (c == '[') return Fail("Nested character classes are not supported", pos_);
      if (c == '&' && Peek(1) == '&') return Fail("Class intersections are not supported", pos_);
      size_t item_at = pos_;
      char32_t low = TRY(ParseClassChar(ranges));
      if (low == kNoChar) continue;  // a class escape such as \d, already added
      if (Peek() == '-' && Peek(1) != ']' && Peek(1) != kNoChar) {
        ++pos_;
        Ranges ignored;
        char32_t high = TRY(ParseClassChar(ignored));
        if (high == kNoChar) return Fail("Invalid class range", item_at);
        if (high < low) return Fail("Invalid class range", item_at);
        ranges.emplace_back(low, high);
      } else {
        ranges.emplace_back(low, low);
      }
    }
    return AddClass(std::move(ranges), negated);
  }

  // One class member: returns its character, or kNoChar after adding a class escape's ranges.
  Result<char32_t> ParseClassChar(Ranges& ranges) {
    char32_t c = pattern_[pos_++];
    if (c != '\\') return c;
    Escape escape = TRY(ParseEscape(/*in_class=*/true));
    if (escape.kind == Escape::Kind::kChar) return escape.ch;
    ranges.insert(ranges.end(), escape.ranges.begin(), escape.ranges.end());
    return kNoChar;
  }

  // At the character after a backslash.
  Result<Escape> ParseEscape(bool in_class) {
    size_t at = pos_ - 1;
    if (AtEnd()) return Fail("Trailing backslash", at);
    char32_t c = pattern_[pos_++];
    auto character = [](char32_t ch) { return Escape{.kind = Escape::Kind::kChar, .ch = ch}; };
    auto set = [](Ranges ranges) {
      return Escape{.kind = Escape::Kind::kClass, .ranges = std::move(ranges)};
    };
    auto assertion = [&](Op op) -> Result<Escape> {
      if (in_class) return Fail("Anchors are not allowed in a character class", at);
      return Escape{.kind = Escape::Kind::kAssert, .assertion = op};
    };
    switch (c) {
      case 'd':
        return set(DigitRanges());
      case 'D':
        return set(Complement(DigitRanges()));
      case 'w':
        return set(WordRanges());
      case 'W':
        return set(Complement(WordRanges()));
      case 's':
        return set(SpaceRanges());
      case 'S':
        return set(Complement(SpaceRanges()));
      case 'b':
        return assertion(Op::kWordBoundary);
      case 'B':
        return assertion(Op::kNotWordBoundary);
      case 'A':
        return assertion(Op::kTextStart);
      case 'z':
        return assertion(Op::kTextEnd);
      case 't':
        return character('\t');
      case 'n':
        return character('\n');
      case 'r':
        return character('\r');
      case 'f':
        return character('\f');
      case 'a':
        return character(0x07);
      case 'e':
        return character(0x1B);
      case 'x':
        return character(TRY(ParseHex(2, at)));
      case 'u': {
        char32_t unit = TRY(ParseHex(4, at));
        if (unit >= 0xDC00 && unit <= 0xDFFF) return Fail("Invalid \\u escape", at);
        if (unit >= 0xD800 && unit <= 0xDBFF) {
          // A surrogate pair written as two escapes is one character.
          if (Peek() != '\\' || Peek(1) != 'u') return Fail("Invalid \\u escape", at);
          pos_ += 2;
          char32_t low = TRY(ParseHex(4, at));
          if (low < 0xDC00 || low > 0xDFFF) return Fail("Invalid \\u escape", at);
          unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
        }
        return character(unit);
      }
      case '0': {
        // Java's octal escape: \0 followed by one to three octal digits, at most \0377.
        uint32_t value = 0;
        int digits = 0;
        while (digits < 3 && Peek() >= '0' && Peek() <= '7' && value * 8 + (Peek() - '0') <= 0377) {
          value = value * 8 + (Peek() - '0');
          ++pos_;
          ++digits;
        }
        if (digits == 0) return Fail("Invalid octal escape", at);
        return character(value);
      }
      default:
        break;
    }
    if (c >= '1' && c <= '9') return Fail("Backreferences are not supported", at);
    if (c == 'p' || c == 'P') return Fail("Unicode classes \\p{...} are not supported", at);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      return Fail("Unsupported escape '\\" + std::string(1, static_cast<char>(c)) + "'", at);
    }
    return character(c);  // an escaped punctuation character (or any other) stands for itself
  }

  Result<char32_t> ParseHex(int digits, size_t at) {
    char32_t value = 0;
    for (int i = 0; i < digits; ++i) {
      if (!IsHexDigit(Peek())) return Fail("Invalid hexadecimal escape", at);
      value = value * 16 + HexValue(pattern_[pos_++]);
    }
    return value;
  }

  // The number of instructions Emit would produce for node, saturating above the limit so that
  // nested repetitions cannot overflow. Empty nodes count as one, so that repeating nothing a
  // million times is refused too.
  uint64_t Size(uint32_t index) const {
    constexpr uint64_t kCap = Regex::kMaxProgramSize + 1;
    const Node& node = nodes_[index];
    uint64_t total = 0;
    switch (node.kind) {
      case Node::Kind::kEmpty:
      case Node::Kind::kChar:
      case Node::Kind::kAny:
      case Node::Kind::kClass:
      case Node::Kind::kAssert:
        return 1;
      case Node::Kind::kConcat:
        for (uint32_t child : node.children) total += Size(child);
        break;
      case Node::Kind::kAlternate:
        for (uint32_t child : node.children) total += Size(child) + 2;
        break;
      case Node::Kind::kRepeat: {
        uint64_t body = Size(node.children[0]);
        uint64_t optional = node.max < 0 ? 1 : static_cast<uint64_t>(node.max - node.min);
        total = body * static_cast<uint64_t>(node.min) + (body + 2) * optional;
        break;
      }
    }
    return std::min(total, kCap);
  }

  uint32_t Here() const { return static_cast<uint32_t>(out_.program_.size()); }

  uint32_t Push(Regex::Instruction instruction) {
    out_.program_.push_back(instruction);
    return Here() - 1;
  }

  void Emit(uint32_t index) {
    const Node& node = nodes_[index];
    switch (node.kind) {
      case Node::Kind::kEmpty:
        return;
      case Node::Kind::kChar:
        Push({.op = Op::kChar, .ch = node.ch});
        return;
      case Node::Kind::kAny:
        Push({.op = Op::kAny});
        return;
      case Node::Kind::kClass:
        Push({.op = Op::kClass, .arg = node.index});
        return;
      case Node::Kind::kAssert:
        Push({.op = node.assertion});
        return;
      case Node::Kind::kConcat:
        for (uint32_t child : node.children) Emit(child);
        return;
      case Node::Kind::kAlternate: {
        // split L1, next1; L1: a; jump end; next1: split L2, next2; ... last: z; end:
        std::vector<uint32_t> jumps;
        for (size_t i = 0; i < node.children.size(); ++i) {
          if (i + 1 == node.children.size()) {
            Emit(node.children[i]);
            break;
          }
          uint32_t split = Push({.op = Op::kSplit});
          out_.program_[split].arg = Here();
          Emit(node.children[i]);
          jumps.push_back(Push({.op = Op::kJump}));
          out_.program_[split].arg2 = Here();
        }
        for (uint32_t jump : jumps) out_.program_[jump].arg = Here();
        return;
      }
      case Node::Kind::kRepeat: {
        uint32_t body = node.children[0];
        for (int i = 0; i < node.min; ++i) Emit(body);
        if (node.max < 0) {
          // loop: split body, end; body: ...; jump loop; end:
          uint32_t loop = Push({.op = Op::kSplit});
          out_.program_[loop].arg = Here();
          Emit(body);
          Push({.op = Op::kJump, .arg = loop});
          out_.program_[loop].arg2 = Here();
          return;
        }
        // x{n,m}: n copies, then m-n optional copies that may each stop the repetition.
        std::vector<uint32_t> splits;
        for (int i = node.min; i < node.max; ++i) {
          uint32_t split = Push({.op = Op::kSplit});
          out_.program_[split].arg = Here();
          splits.push_back(split);
          Emit(body);
        }
        for (uint32_t split : splits) out_.program_[split].arg2 = Here();
        return;
      }
    }
  }

  std::u32string pattern_;
  size_t pos_ = 0;
  std::vector<Node> nodes_;
  Regex& out_;
};

Result<Regex> Regex::Compile(std::string_view pattern, uint32_t flags) {
  Regex regex;
  regex.pattern_ = std::string(pattern);
  regex.flags_ = flags;
  RegexCompiler compiler(pattern, regex);
  TRY(compiler.Run());
  return regex;
}

bool Regex::Consumes(const Instruction& instruction, char32_t c) const {
  bool ignore_case = (flags_ & kIgnoreCase) != 0;
  switch (instruction.op) {
    case Instruction::Op::kChar:
      return c == instruction.ch || (ignore_case && SwapAsciiCase(c) == instruction.ch);
    case Instruction::Op::kAny:
      return !IsLineTerminator(c);
    case Instruction::Op::kClass: {
      const CharClass& cls = classes_[instruction.arg];
      bool member =
          InRanges(cls.ranges, c) || (ignore_case && InRanges(cls.ranges, SwapAsciiCase(c)));
      return member != cls.negated;
    }
    default:
      return false;
  }
}

bool Regex::FullMatch(std::string_view text) const {
  using Op = Instruction::Op;
  const bool multiline = (flags_ & kMultiline) != 0;

  // The surroundings of the current position, for the assertions.
  struct Position {
    char32_t before;  // kNoChar at the start
    char32_t after;   // kNoChar at the end
    bool after_is_last;
  };
  auto holds = [&](Op op, const Position& at) {
    switch (op) {
      case Op::kTextStart:
        return at.before == kNoChar;
      case Op::kTextEnd:
        return at.after == kNoChar;
      case Op::kLineStart:
        return at.before == kNoChar ||
               (multiline && IsLineTerminator(at.before) && at.after != kNoChar);
      case Op::kLineEnd:
        // Without MULTILINE, Java's $ also matches before a final line terminator.
        return at.after == kNoChar ||
               (IsLineTerminator(at.after) && (multiline || at.after_is_last));
      case Op::kWordBoundary:
      case Op::kNotWordBoundary: {
        bool boundary = (at.before != kNoChar && IsWordChar(at.before)) !=
                        (at.after != kNoChar && IsWordChar(at.after));
        return boundary == (op == Op::kWordBoundary);
      }
      default:
        return false;
    }
  };

  // Each list holds the threads (program counters) waiting to consume the next character; a
  // generation mark keeps each counter at most once per position.
  std::vector<uint32_t> current;
  std::vector<uint32_t> next;
  std::vector<uint32_t> stack;
  std::vector<uint32_t> mark(program_.size(), 0);
  uint32_t generation = 0;
  auto add_thread = [&](std::vector<uint32_t>& list, uint32_t start, const Position& at) {
    stack.push_back(start);
    while (!stack.empty()) {
      uint32_t pc = stack.back();
      stack.pop_back();
      if (mark[pc] == generation) continue;
      mark[pc] = generation;
      const Instruction& instruction = program_[pc];
      switch (instruction.op) {
        case Op::kJump:
          stack.push_back(instruction.arg);
          break;
        case Op::kSplit:
          stack.push_back(instruction.arg2);
          stack.push_back(instruction.arg);
          break;
        case Op::kTextStart:
        case Op::kTextEnd:
        case Op::kLineStart:
        case Op::kLineEnd:
        case Op::kWordBoundary:
        case Op::kNotWordBoundary:
          if (holds(instruction.op, at)) stack.push_back(pc + 1);
          break;
        default:
          list.push_back(pc);
      }
    }
  };
  auto decode = [&](size_t pos, size_t* after) {
    if (pos >= text.size()) {
      *after = pos;
      return kNoChar;
    }
    *after = pos;
    return DecodeUtf8(text, after);
  };

  size_t after_current = 0;
  char32_t c = decode(0, &after_current);
  ++generation;
  add_thread(current, 0,
             {.before = kNoChar, .after = c, .after_is_last = after_current == text.size()});
  while (c != kNoChar) {
    if (current.empty()) return false;
    size_t after_next = 0;
    char32_t following = decode(after_current, &after_next);
    Position at{.before = c,
                .after = following,
                .after_is_last = following != kNoChar && after_next == text.size()};
    ++generation;
    next.clear();
    for (uint32_t pc : current) {
      if (Consumes(program_[pc], c)) add_thread(next, pc + 1, at);
    }
    std::swap(current, next);
    c = following;
    after_current = after_next;
  }
  for (uint32_t pc : current) {
    if (program_[pc].op == Op::kMatch) return true;
  }
  return false;
}

}  // namespace stepwise::jsonpath
