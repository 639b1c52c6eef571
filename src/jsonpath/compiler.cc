#include "jsonpath/compiler.h"

#include <charconv>
#include <cstdio>
#include <optional>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "jsonpath/regex.h"
#include "jsonpath/unicode.h"

namespace stepwise::jsonpath::detail {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Inside a filter a dot-notation name is followed by an operator, a closing parenthesis or a
// space, so those end it.
bool EndsNameInFilter(char c) {
  return IsSpace(c) || c == ')' || c == '<' || c == '>' || c == '=' || c == '!' || c == '&' ||
         c == '|' || c == ',' || c == ']';
}

// Characters that a dot-notation name may not contain; keys with them need bracket notation.
// Jayway stops a name only at '.', '[' and '(' and refuses spaces; we also refuse the characters
// that can only be a typo there (']' ')' quotes '*') and control characters.
bool ForbiddenInName(char c) {
  auto byte = static_cast<unsigned char>(c);
  return byte < 0x20 || byte == 0x7F || c == ' ' || c == ']' || c == ')' || c == '\'' || c == '"' ||
         c == '*';
}

// A recursive-descent compiler over the bytes of the text. Positions are byte offsets; messages
// convert them to 1-based character positions.
class Compiler {
 public:
  explicit Compiler(std::string_view text) : full_(text) {
    // Jayway trims the path before compiling it.
    size_t end = full_.size();
    while (end > 0 && IsSpace(full_[end - 1])) --end;
    text_ = full_.substr(0, end);
    while (pos_ < text_.size() && IsSpace(text_[pos_])) ++pos_;
  }

  Result<std::shared_ptr<const CompiledPath>> Run() {
    if (pos_ >= text_.size()) return Fail("Empty path", pos_);
    if (text_[pos_] != '$') return Expected("'$' at the start of the path", pos_);
    auto path = std::make_shared<CompiledPath>();
    path->text = std::string(full_);
    TRY(ParseRoot(*path, Context::kTopLevel));
    TRY(ParseSteps(*path, Context::kTopLevel));
    if (pos_ < text_.size()) return Unexpected(pos_);
    Finish(*path);
    return std::shared_ptr<const CompiledPath>(std::move(path));
  }

 private:
  enum class Context { kTopLevel, kFilter };

  // ---- Errors
  // ------------------------------------------------------------------------------------

  Error Fail(const std::string& what, size_t at) const {
    size_t position = CodePointCount(full_.substr(0, at)) + 1;
    return Error("InvalidPath", what + " at position " + std::to_string(position) + " in '" +
                                    std::string(full_) + "'");
  }

  std::string Describe(size_t at) const {
    if (at >= text_.size()) return "end of path";
    size_t next = at;
    char32_t cp = DecodeUtf8(text_, &next);
    char buffer[16];
    if (cp < 0x20 || cp == 0x7F) {
      std::snprintf(buffer, sizeof(buffer), "\\u%04X", static_cast<unsigned>(cp));
      return std::string("character '") + buffer + "'";
    }
    if (cp == kReplacementCharacter && next - at == 1) {
      std::snprintf(buffer, sizeof(buffer), "\\x%02X", static_cast<unsigned char>(text_[at]));
      return std::string("byte '") + buffer + "'";
    }
    return "character '" + std::string(text_.substr(at, next - at)) + "'";
  }

  Error Unexpected(size_t at) const { return Fail("Unexpected " + Describe(at), at); }

  Error Expected(const std::string& what, size_t at) const {
    return Fail("Expected " + what + " but found " + Describe(at), at);
  }

  // ---- Scanning
  // ----------------------------------------------------------------------------------

  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek(size_t ahead = 0) const {
    return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
  }
  bool LookingAt(std::string_view token) const { return text_.substr(pos_).starts_with(token); }
  void SkipSpaces() {
    while (!AtEnd() && IsSpace(text_[pos_])) ++pos_;
  }
  Result<void> Expect(char c) {
    if (Peek() != c || AtEnd()) return Expected(std::string("'") + c + "'", pos_);
    ++pos_;
    return Ok();
  }

  // Filters, parentheses and '!' each open a level; the parser and the evaluator recurse once
  // per level, so the depth is what bounds their stacks.
  Result<void> Enter(size_t at) {
    if (++depth_ > kMaxFilterDepth) {
      return Fail(
          "Filter expression nested more than " + std::to_string(kMaxFilterDepth) + " levels deep",
          at);
    }
    return Ok();
  }
  void Leave() { --depth_; }

  // ---- Paths
  // -------------------------------------------------------------------------------------

  // At '$' or '@'.
  Result<void> ParseRoot(CompiledPath& path, Context context) {
    if (text_[pos_] == '@') {
      if (context != Context::kFilter) return Unexpected(pos_);
      path.root = PathRoot::kCurrent;
      ++pos_;
      return Ok();
    }
    ++pos_;
    if (Peek() == '$' && !AtEnd()) {
      path.root = PathRoot::kContext;
      ++pos_;
      return Ok();
    }
    path.root = PathRoot::kInput;
    // `$name`: a variable, whose name is a Unicode identifier of at most 80 characters.
    size_t start = pos_;
    size_t count = 0;
    while (!AtEnd()) {
      size_t next = pos_;
      char32_t cp = DecodeUtf8(text_, &next);
      if (!(count == 0 ? IsIdStart(cp) : IsIdContinue(cp))) break;
      pos_ = next;
      ++count;
    }
    if (count == 0) return Ok();
    if (count > kMaxVariableNameLength) {
      return Fail(
          "Variable name longer than " + std::to_string(kMaxVariableNameLength) + " characters",
          start);
    }
    path.root = PathRoot::kVariable;
    path.variable = std::string(text_.substr(start, pos_ - start));
    return Ok();
  }

  // Reads steps until the end of the text or, in a filter, until a character that cannot continue
  // a path (an operator, ')', a space, ...).
  Result<void> ParseSteps(CompiledPath& path, Context context) {
    while (!AtEnd()) {
      char c = text_[pos_];
      bool after_length = !path.steps.empty() && path.steps.back().kind == StepKind::kLength;
      if (after_length && (c == '.' || c == '[')) {
        return Fail("Nothing may follow length()", pos_);
      }
      if (c == '.') {
        TRY(ParseDot(path, context));
      } else if (c == '[') {
        TRY(ParseBracket(path));
      } else if (context == Context::kFilter) {
        return Ok();
      } else {
        return Unexpected(pos_);
      }
      if (path.steps.size() > kMaxSteps) {
        return Fail("Path has more than " + std::to_string(kMaxSteps) + " steps", pos_);
      }
    }
    return Ok();
  }

  // At '.' or '..'.
  Result<void> ParseDot(CompiledPath& path, Context context) {
    if (Peek(1) == '.') {
      pos_ += 2;
      path.steps.push_back({.kind = StepKind::kDescendant});
      if (Peek() == '[' && !AtEnd()) return Ok();  // the bracket, parsed next, is the target
      return ParseDotMember(path, context, "after '..'", /*after_descendant=*/true);
    }
    ++pos_;
    // Jayway accepts a dot before a bracket: `$.['a']` is `$['a']`.
    if (Peek() == '[' && !AtEnd()) return Ok();
    return ParseDotMember(path, context, "after '.'", /*after_descendant=*/false);
  }

  // A name, '*' or 'length()' after '.' or '..'.
  Result<void> ParseDotMember(CompiledPath& path, Context context, const char* where,
                              bool after_descendant) {
    size_t start = pos_;
    if (Peek() == '*' && !AtEnd()) {
      ++pos_;
      path.steps.push_back({.kind = StepKind::kWildcard});
      return Ok();
    }
    while (!AtEnd()) {
      char c = text_[pos_];
      if (c == '.' || c == '[' || c == '(') break;
      if (context == Context::kFilter && EndsNameInFilter(c)) break;
      if (ForbiddenInName(c)) return Unexpected(pos_);
      ++pos_;
    }
    if (pos_ == start) return Expected(std::string("a name, '*' or '[' ") + where, start);
    std::string name(text_.substr(start, pos_ - start));
    if (Peek() == '(' && !AtEnd()) {
      if (name != "length") {
        return Fail("Unknown function '" + name + "()'; only length() is supported", start);
      }
      if (after_descendant) return Fail("length() cannot follow '..'", start);
      ++pos_;
      TRY(Expect(')'));
      path.steps.push_back({.kind = StepKind::kLength});
      return Ok();
    }
    path.steps.push_back({.kind = StepKind::kName, .name = std::move(name)});
    return Ok();
  }

  // At '['.
  Result<void> ParseBracket(CompiledPath& path) {
    size_t open = pos_;
    ++pos_;
    SkipSpaces();
    char c = Peek();
    Step step{.kind = StepKind::kWildcard};
    if (AtEnd()) {
      return Expected("a quoted name, an index, a slice, '*' or '?(' after '['", pos_);
    } else if (c == '\'' || c == '"') {
      step = TRY(ParseNames());
    } else if (c == '*') {
      ++pos_;
    } else if (c == '?') {
      ++pos_;
      SkipSpaces();
      TRY(Expect('('));
      TRY(Enter(open));
      FilterExpr filter = TRY(ParseOr());
      Leave();
      SkipSpaces();
      TRY(Expect(')'));
      step.kind = StepKind::kFilter;
      step.filter = std::make_shared<const FilterExpr>(std::move(filter));
    } else if (c == '-' || c == ':' || IsDigit(c)) {
      step = TRY(ParseIndexOrSlice());
    } else if (c == '(') {
      step = TRY(ParseLengthIndex());
    } else {
      return Expected("a quoted name, an index, a slice, '*' or '?(' after '['", pos_);
    }
    SkipSpaces();
    TRY(Expect(']'));
    path.steps.push_back(std::move(step));
    return Ok();
  }

  // [(@.length-N)], the script-expression form of the index -N (the N-th element from the end)
  // that JSONPath's original description uses; at the '('.
  Result<Step> ParseLengthIndex() {
    ++pos_;
    SkipSpaces();
    if (!LookingAt("@.length")) return Expected("'@.length' after '[('", pos_);
    pos_ += std::string_view("@.length").size();
    SkipSpaces();
    if (Peek() != '-') return Expected("'-' after '@.length'", pos_);
    ++pos_;
    SkipSpaces();
    size_t digits = pos_;
    while (IsDigit(Peek())) ++pos_;
    int64_t n = 0;
    auto [end, error] = std::from_chars(text_.data() + digits, text_.data() + pos_, n);
    if (pos_ == digits || error != std::errc() || n < 1) {
      return Expected("a positive integer in '(@.length-N)'", digits);
    }
    SkipSpaces();
    if (Peek() != ')') return Expected("')'", pos_);
    ++pos_;
    return Step{.kind = StepKind::kIndex, .index = -n};
  }

  // ['a'] or ['a', "b", ...], at the first quote.
  Result<Step> ParseNames() {
    char quote = Peek();
    std::vector<std::string> names;
    while (true) {
      names.push_back(TRY(ParseQuotedName()));
      SkipSpaces();
      if (Peek() != ',' || AtEnd()) break;
      ++pos_;
      SkipSpaces();
      if (Peek() != '\'' && Peek() != '"') return Expected("a quoted name after ','", pos_);
    }
    if (names.size() == 1) {
      return Step{.kind = StepKind::kName, .quote = quote, .name = std::move(names.front())};
    }
    return Step{.kind = StepKind::kNames, .quote = quote, .names = std::move(names)};
  }

  // A bracketed property name, 'single' or "double" quoted, at the quote. As Jayway reads it (and
  // so AWS): a backslash escapes only the delimiting quote; every other backslash is the name's
  // own character (AWS finds the key Test\""Name" with $['Test\""Name"']).
  Result<std::string> ParseQuotedName() {
    size_t start = pos_;
    char quote = text_[pos_++];
    std::string out;
    while (true) {
      if (AtEnd()) return Fail("Unterminated string", start);
      char c = text_[pos_];
      if (c == quote) {
        ++pos_;
        return out;
      }
      if (c == '\\' && pos_ + 1 < text_.size() && text_[pos_ + 1] == quote) {
        out += quote;
        pos_ += 2;
        continue;
      }
      out += c;
      ++pos_;
    }
  }

  // A 'single' or "double" quoted string literal in a filter, at the quote. Escapes as in JSON; as Jayway's unescape
  // does, a backslash before any other character keeps that character.
  Result<std::string> ParseQuoted() {
    size_t start = pos_;
    char quote = text_[pos_++];
    std::string out;
    while (true) {
      if (AtEnd()) return Fail("Unterminated string", start);
      char c = text_[pos_];
      if (c == quote) {
        ++pos_;
        return out;
      }
      if (c != '\\') {
        out += c;
        ++pos_;
        continue;
      }
      size_t escape_at = pos_;
      if (pos_ + 1 >= text_.size()) return Fail("Unterminated string", start);
      char escaped = text_[pos_ + 1];
      pos_ += 2;
      switch (escaped) {
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u':
          AppendUtf8(out, TRY(ParseUnicodeEscape(escape_at)));
          break;
        default:
          out += escaped;
      }
    }
  }

  // After "\u": four hex digits, or a surrogate pair written as two escapes.
  Result<char32_t> ParseUnicodeEscape(size_t escape_at) {
    char32_t unit = TRY(ParseHex4(escape_at));
    if (unit >= 0xDC00 && unit <= 0xDFFF) return Fail("Invalid \\u escape", escape_at);
    if (unit < 0xD800 || unit > 0xDBFF) return unit;
    if (!LookingAt("\\u")) return Fail("Invalid \\u escape", escape_at);
    pos_ += 2;
    char32_t low = TRY(ParseHex4(escape_at));
    if (low < 0xDC00 || low > 0xDFFF) return Fail("Invalid \\u escape", escape_at);
    return 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
  }

  Result<char32_t> ParseHex4(size_t escape_at) {
    char32_t value = 0;
    for (int i = 0; i < 4; ++i) {
      char c = Peek();
      int digit;
      if (AtEnd()) {
        digit = -1;
      } else if (IsDigit(c)) {
        digit = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        digit = c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        digit = c - 'A' + 10;
      } else {
        digit = -1;
      }
      if (digit < 0) return Fail("Invalid \\u escape", escape_at);
      value = value * 16 + static_cast<char32_t>(digit);
      ++pos_;
    }
    return value;
  }

  // [0], [-1], [0,2], [1:3], [:2], [-2:], [::2], at the first character after '[' and spaces.
  Result<Step> ParseIndexOrSlice() {
    std::optional<int64_t> first;
    if (Peek() != ':') first = TRY(ParseInteger());
    SkipSpaces();
    if (Peek() == ':' && !AtEnd()) {
      Step step{.kind = StepKind::kSlice};
      step.slice.start = first;
      ++pos_;
      SkipSpaces();
      if (IsDigit(Peek()) || Peek() == '-') {
        step.slice.end = TRY(ParseInteger());
        SkipSpaces();
      }
      if (Peek() == ':' && !AtEnd()) {
        ++pos_;
        SkipSpaces();
        if (IsDigit(Peek()) || Peek() == '-') {
          size_t at = pos_;
          step.slice.step = TRY(ParseInteger());
          if (step.slice.step == 0) return Fail("Slice step must not be 0", at);
          SkipSpaces();
        }
      }
      return step;
    }
    std::vector<int64_t> indices{*first};
    while (Peek() == ',' && !AtEnd()) {
      ++pos_;
      SkipSpaces();
      indices.push_back(TRY(ParseInteger()));
      SkipSpaces();
    }
    if (indices.size() == 1) return Step{.kind = StepKind::kIndex, .index = indices.front()};
    return Step{.kind = StepKind::kIndices, .indices = std::move(indices)};
  }

  Result<int64_t> ParseInteger() {
    size_t start = pos_;
    if (Peek() == '-' && !AtEnd()) ++pos_;
    size_t digits = pos_;
    while (IsDigit(Peek())) ++pos_;
    if (pos_ == digits) return Expected("a digit", pos_);
    int64_t value = 0;
    auto [end, error] = std::from_chars(text_.data() + start, text_.data() + pos_, value);
    if (error != std::errc() || end != text_.data() + pos_) {
      return Fail("Integer out of range", start);
    }
    return value;
  }

  // Records the properties the evaluator relies on (see CompiledPath).
  static void Finish(CompiledPath& path) {
    const std::vector<Step>& steps = path.steps;
    path.ends_with_length = !steps.empty() && steps.back().kind == StepKind::kLength;
    size_t count = steps.size() - (path.ends_with_length ? 1 : 0);
    path.definite = !path.ends_with_length;
    path.single_result = true;
    for (size_t i = 0; i < count; ++i) {
      StepKind kind = steps[i].kind;
      if (kind == StepKind::kName || kind == StepKind::kIndex) continue;
      path.definite = false;
      bool merges = kind == StepKind::kNames && i + 1 == steps.size();
      if (!merges) path.single_result = false;
    }
  }

  // ---- Filters
  // -----------------------------------------------------------------------------------
  //
  //   or      := and ('||' and)*
  //   and     := unary ('&&' unary)*
  //   unary   := '!' unary | primary
  //   primary := '(' or ')' | operand (op operand)?      (a lone operand must be a path: existence)
  //   op      := '==' | '!=' | '<' | '<=' | '>' | '>=' | '=~'

  Result<FilterExpr> ParseOr() {
    FilterExpr first = TRY(ParseAnd());
    SkipSpaces();
    if (!LookingAt("||")) return first;
    FilterExpr any{.kind = FilterExpr::Kind::kOr};
    any.children.push_back(std::move(first));
    while (LookingAt("||")) {
      pos_ += 2;
      any.children.push_back(TRY(ParseAnd()));
      SkipSpaces();
    }
    return any;
  }

  Result<FilterExpr> ParseAnd() {
    FilterExpr first = TRY(ParseUnary());
    SkipSpaces();
    if (!LookingAt("&&")) return first;
    FilterExpr all{.kind = FilterExpr::Kind::kAnd};
    all.children.push_back(std::move(first));
    while (LookingAt("&&")) {
      pos_ += 2;
      all.children.push_back(TRY(ParseUnary()));
      SkipSpaces();
    }
    return all;
  }

  Result<FilterExpr> ParseUnary() {
    SkipSpaces();
    if (LookingAt("!") && !LookingAt("!=")) {
      TRY(Enter(pos_));
      ++pos_;
      FilterExpr inner = TRY(ParseUnary());
      Leave();
      FilterExpr negation{.kind = FilterExpr::Kind::kNot};
      negation.children.push_back(std::move(inner));
      return negation;
    }
    return ParsePrimary();
  }

  Result<FilterExpr> ParsePrimary() {
    SkipSpaces();
    if (LookingAt("(")) {
      TRY(Enter(pos_));
      ++pos_;
      FilterExpr inner = TRY(ParseOr());
      Leave();
      SkipSpaces();
      TRY(Expect(')'));
      return inner;
    }
    Operand left = TRY(ParseOperand());
    SkipSpaces();
    size_t op_at = pos_;
    std::optional<CompareOp> op = TRY(ParseOperator());
    if (!op) {
      if (left.kind != Operand::Kind::kPath) return Expected("a comparison operator", pos_);
      FilterExpr exists{.kind = FilterExpr::Kind::kExists};
      exists.left = std::move(left);
      return exists;
    }
    Operand right = TRY(ParseOperand());
    bool left_regex = left.kind == Operand::Kind::kRegex;
    bool right_regex = right.kind == Operand::Kind::kRegex;
    if (*op == CompareOp::kMatch && left_regex == right_regex) {
      return Fail("'=~' compares a value with one /regular expression/", op_at);
    }
    if (*op != CompareOp::kMatch && (left_regex || right_regex)) {
      return Fail("A /regular expression/ can only be used with '=~'", op_at);
    }
    FilterExpr compare{.kind = FilterExpr::Kind::kCompare, .op = *op};
    compare.left = std::move(left);
    compare.right = std::move(right);
    return compare;
  }

  // A comparison operator, consumed; nullopt when none follows.
  Result<std::optional<CompareOp>> ParseOperator() {
    static constexpr std::pair<std::string_view, CompareOp> kOperators[] = {
        {"==", CompareOp::kEq}, {"!=", CompareOp::kNe},    {"<=", CompareOp::kLe},
        {">=", CompareOp::kGe}, {"=~", CompareOp::kMatch}, {"<", CompareOp::kLt},
        {">", CompareOp::kGt},
    };
    for (const auto& [token, op] : kOperators) {
      if (LookingAt(token)) {
        pos_ += token.size();
        return std::optional<CompareOp>(op);
      }
    }
    if (LookingAt("=")) return Fail("Use '==' to compare", pos_);
    return std::optional<CompareOp>();
  }

  Result<Operand> ParseOperand() {
    SkipSpaces();
    char c = Peek();
    if (AtEnd()) return Expected("a value or a path", pos_);
    if (c == '@' || c == '$') {
      return Operand{.kind = Operand::Kind::kPath, .path = TRY(ParseSubPath())};
    }
    if (c == '\'' || c == '"') {
      return Operand{.literal = json::Value::String(TRY(ParseQuoted()))};
    }
    if (c == '/') return ParseRegex();
    if (c == '-' || IsDigit(c)) return ParseNumber();
    for (auto [word, value] :
         {std::pair{"true", json::Value::Bool(true)}, std::pair{"false", json::Value::Bool(false)},
          std::pair{"null", json::Value::Null()}}) {
      std::string_view token(word);
      if (LookingAt(token) && !IsAsciiLetter(Peek(token.size())) && !IsDigit(Peek(token.size())) &&
          Peek(token.size()) != '_') {
        pos_ += token.size();
        return Operand{.literal = value};
      }
    }
    // A bare word compares as a string, as ASL validators accept in `@.key == Value`.
    if (IsAsciiLetter(c) || c == '_') {
      size_t start = pos_;
      while (IsAsciiLetter(Peek()) || IsDigit(Peek()) || Peek() == '_' || Peek() == '-') ++pos_;
      return Operand{.literal = json::Value::String(text_.substr(start, pos_ - start))};
    }
    return Expected("a value or a path", pos_);
  }

  // A path inside a filter, from `@`, `$`, `$$` or `$name`.
  Result<std::shared_ptr<const CompiledPath>> ParseSubPath() {
    size_t start = pos_;
    auto path = std::make_shared<CompiledPath>();
    TRY(ParseRoot(*path, Context::kFilter));
    TRY(ParseSteps(*path, Context::kFilter));
    path->text = std::string(text_.substr(start, pos_ - start));
    Finish(*path);
    return std::shared_ptr<const CompiledPath>(std::move(path));
  }

  // -?digits(.digits)?([eE][+-]?digits)?: an integer when it has neither fraction nor exponent
  // and fits in 64 bits, a double otherwise.
  Result<Operand> ParseNumber() {
    size_t start = pos_;
    if (Peek() == '-') ++pos_;
    auto digits = [&]() -> Result<void> {
      size_t first = pos_;
      while (IsDigit(Peek())) ++pos_;
      if (pos_ == first) return Expected("a digit", pos_);
      return Ok();
    };
    TRY(digits());
    bool integral = true;
    if (Peek() == '.' && IsDigit(Peek(1))) {
      integral = false;
      ++pos_;
      TRY(digits());
    }
    if (Peek() == 'e' || Peek() == 'E') {
      integral = false;
      ++pos_;
      if (Peek() == '+' || Peek() == '-') ++pos_;
      TRY(digits());
    }
    const char* first = text_.data() + start;
    const char* last = text_.data() + pos_;
    if (integral) {
      int64_t value = 0;
      auto [end, error] = std::from_chars(first, last, value);
      if (error == std::errc() && end == last) return Operand{.literal = json::Value::Int(value)};
    }
    double value = 0;
    auto [end, error] = std::from_chars(first, last, value);
    if (error != std::errc() || end != last) return Fail("Number out of range", start);
    return Operand{.literal = json::Value::Double(value)};
  }

  // /pattern/flags, at the first slash. "\/" stands for a slash inside the pattern.
  Result<Operand> ParseRegex() {
    size_t start = pos_;
    ++pos_;
    std::string pattern;
    while (true) {
      if (AtEnd()) return Fail("Unterminated regular expression", start);
      char c = text_[pos_];
      if (c == '/') {
        ++pos_;
        break;
      }
      if (c == '\\' && pos_ + 1 < text_.size()) {
        if (text_[pos_ + 1] != '/') pattern += c;
        pattern += text_[pos_ + 1];
        pos_ += 2;
        continue;
      }
      pattern += c;
      ++pos_;
    }
    uint32_t flags = 0;
    while (IsAsciiLetter(Peek())) {
      char flag = text_[pos_];
      if (flag == 'i') {
        flags |= Regex::kIgnoreCase;
      } else if (flag == 'm') {
        flags |= Regex::kMultiline;
      } else {
        return Fail(std::string("Unsupported regular expression flag '") + flag + "'", pos_);
      }
      ++pos_;
    }
    Result<Regex> regex = Regex::Compile(pattern, flags);
    if (!regex.ok()) {
      return Fail("Invalid regular expression /" + pattern + "/ (" + regex.error().message() + ")",
                  start);
    }
    return Operand{.kind = Operand::Kind::kRegex,
                   .regex = std::make_shared<const Regex>(regex.release_value())};
  }

  std::string_view full_;  // the text as given, for messages
  std::string_view text_;  // the text without trailing spaces
  size_t pos_ = 0;
  int depth_ = 0;
};

}  // namespace

Result<std::shared_ptr<const CompiledPath>> CompilePath(std::string_view text) {
  return Compiler(text).Run();
}

}  // namespace stepwise::jsonpath::detail
