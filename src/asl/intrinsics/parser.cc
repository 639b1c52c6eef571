#include "asl/intrinsics/parser.h"

#include <charconv>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "asl/intrinsics/format_template.h"
#include "asl/intrinsics/function_table.h"

namespace stepwise::asl::detail {

namespace {

constexpr std::string_view kStatesPrefix = "States.";

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '_';
}
// What may follow a literal: the end of the argument.
bool IsDelimiter(std::string_view text, size_t i) {
  return i >= text.size() || IsSpace(text[i]) || text[i] == ',' || text[i] == ')';
}

// The character at text[i] for a message: the whole UTF-8 sequence when it is valid and
// printable, otherwise U+00XX (a control character, or a byte that does not start valid UTF-8).
struct Character {
  std::string text;
  bool printable;
};
Character CharacterAt(std::string_view text, size_t i) {
  auto c = static_cast<unsigned char>(text[i]);
  size_t length = c < 0x80           ? 1
                  : (c >> 5) == 0x6  ? 2
                  : (c >> 4) == 0xE  ? 3
                  : (c >> 3) == 0x1E ? 4
                                     : 0;
  if (i + length > text.size()) length = 0;
  for (size_t k = 1; k < length; ++k) {
    if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) length = 0;
  }
  if (length == 0 || c < 0x20 || c == 0x7F) {
    char buffer[8];
    std::snprintf(buffer, sizeof(buffer), "U+%04X", c);
    return {buffer, false};
  }
  return {std::string(text.substr(i, length)), true};
}

// 'x' for a printable character, U+000A otherwise.
std::string DescribeCharacter(std::string_view text, size_t i) {
  Character character = CharacterAt(text, i);
  return character.printable ? "'" + character.text + "'" : character.text;
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  Result<std::shared_ptr<const IntrinsicNode>> Parse() {
    if (text_.substr(0, kStatesPrefix.size()) != kStatesPrefix) {
      return Fail("Expected an intrinsic function call such as States.Format(...)", 0);
    }
    IntrinsicNode call = TRY(ParseCall(1));
    SkipSpace();
    if (!AtEnd()) {
      return Fail("Unexpected character " + DescribeCharacter(text_, pos_) + " after the call",
                  pos_);
    }
    return std::make_shared<const IntrinsicNode>(std::move(call));
  }

 private:
  // The 1-based character position of a byte offset. Nodes are created in text order, so the
  // count resumes from the previous answer and the whole parse stays linear.
  size_t Position(size_t offset) {
    if (offset < counted_offset_) {
      counted_offset_ = 0;
      counted_characters_ = 0;
    }
    for (; counted_offset_ < offset && counted_offset_ < text_.size(); ++counted_offset_) {
      if ((static_cast<unsigned char>(text_[counted_offset_]) & 0xC0) != 0x80) {
        ++counted_characters_;
      }
    }
    return counted_characters_ + 1;
  }

  Error FailAtPosition(std::string_view what, size_t position) const {
    std::string message(what);
    message += " at position ";
    message += std::to_string(position);
    message += " in '";
    message += text_;
    message += "'";
    return Error("InvalidIntrinsic", std::move(message));
  }
  Error Fail(std::string_view what, size_t offset) {
    return FailAtPosition(what, Position(offset));
  }

  bool AtEnd() const { return pos_ >= text_.size(); }
  void SkipSpace() {
    while (!AtEnd() && IsSpace(text_[pos_])) ++pos_;
  }
  bool StartsWithAt(size_t offset, std::string_view prefix) const {
    return text_.substr(offset, prefix.size()) == prefix;
  }

  // call := "States." name "(" [ argument { "," argument } ] ")"
  Result<IntrinsicNode> ParseCall(size_t depth) {
    const size_t start = pos_;
    if (depth > kMaxNestedCalls) {
      return Fail("More than " + std::to_string(kMaxNestedCalls) +
                      " intrinsic functions are nested in one another",
                  start);
    }
    pos_ += kStatesPrefix.size();
    while (!AtEnd() && IsWordChar(text_[pos_])) ++pos_;
    const std::string_view name = text_.substr(start, pos_ - start);
    if (name.size() == kStatesPrefix.size()) {
      return Fail("Expected a function name after 'States.'", pos_);
    }
    const FunctionSpec* function = FindFunction(name);
    if (function == nullptr) {
      return Fail("Unknown intrinsic function '" + std::string(name) + "'", start);
    }
    if (AtEnd() || text_[pos_] != '(') {
      return Fail("Expected '(' after '" + std::string(name) + "'", pos_);
    }
    ++pos_;

    IntrinsicNode call;
    call.type = IntrinsicNode::Type::kCall;
    call.position = Position(start);
    call.function = function;
    SkipSpace();
    if (!AtEnd() && text_[pos_] == ')') {
      ++pos_;
    } else {
      for (;;) {
        call.args.push_back(TRY(ParseArgument(*function, call.args.size(), depth)));
        SkipSpace();
        if (AtEnd()) return Fail("Unexpected end of input, expected ',' or ')'", pos_);
        if (text_[pos_] == ')') {
          ++pos_;
          break;
        }
        if (text_[pos_] != ',') {
          return Fail(
              "Unexpected character " + DescribeCharacter(text_, pos_) + ", expected ',' or ')'",
              pos_);
        }
        ++pos_;
        SkipSpace();
      }
    }
    call.source = std::string(text_.substr(start, pos_ - start));
    TRY(CheckArguments(call));
    return call;
  }

  // argument := string | number | "true" | "false" | "null" | path | call
  Result<IntrinsicNode> ParseArgument(const FunctionSpec& function, size_t index, size_t depth) {
    if (AtEnd()) return Fail("Unexpected end of input, expected an argument", pos_);
    const char c = text_[pos_];
    if (c == '\'') {
      return ParseString(/*is_format_template=*/function.name == "States.Format" && index == 0);
    }
    if (c == '-' || IsDigit(c)) return ParseNumber();
    if (c == '$') return ParsePath();
    if (StartsWithAt(pos_, kStatesPrefix)) return ParseCall(depth + 1);
    if (c == ',' || c == ')') return Fail("Expected an argument", pos_);
    if (IsWordChar(c)) {
      const size_t start = pos_;
      size_t end = pos_;
      while (end < text_.size() && IsWordChar(text_[end])) ++end;
      const std::string_view word = text_.substr(start, end - start);
      IntrinsicNode literal;
      literal.position = Position(start);
      if (word == "true" || word == "false") {
        literal.literal = json::Value::Bool(word == "true");
      } else if (word == "null") {
        literal.literal = json::Value::Null();
      } else {
        return Fail("Unexpected '" + std::string(word) +
                        "': an argument is a 'string', a number, true, false, null, a path or "
                        "an intrinsic function",
                    start);
      }
      pos_ = end;
      return literal;
    }
    return Fail("Unexpected character " + DescribeCharacter(text_, pos_), pos_);
  }

  // string := "'" { character | "\'" | "\{" | "\}" | "\\" } "'"
  Result<IntrinsicNode> ParseString(bool is_format_template) {
    const size_t start = pos_;
    ++pos_;
    std::string value;
    std::vector<size_t> unescaped_braces;
    for (;;) {
      if (AtEnd()) return Fail("Unterminated string literal", start);
      const char c = text_[pos_];
      if (c == '\'') {
        ++pos_;
        break;
      }
      if (c == '\\') {
        // AWS: "If an open escape backslash \ is found in the intrinsic invocation string, the
        // interpreter will return a runtime error." A definition that cannot run is rejected here.
        if (pos_ + 1 >= text_.size()) return Fail("Unterminated string literal", start);
        const char escaped = text_[pos_ + 1];
        if (escaped != '\'' && escaped != '{' && escaped != '}' && escaped != '\\') {
          return Fail("Invalid escape sequence '\\" + CharacterAt(text_, pos_ + 1).text +
                          "' (the escapes are \\' \\{ \\} and \\\\)",
                      pos_);
        }
        value += escaped;
        pos_ += 2;
        continue;
      }
      if (c == '{' || c == '}') unescaped_braces.push_back(value.size());
      value += c;
      ++pos_;
    }
    IntrinsicNode literal;
    literal.position = Position(start);
    if (is_format_template) {
      literal.literal_template = std::make_shared<const FormatTemplate>(
          FormatTemplateFromLiteral(value, unescaped_braces));
    }
    literal.literal = json::Value::String(value);
    return literal;
  }

  // number := JSON's number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
  Result<IntrinsicNode> ParseNumber() {
    const size_t start = pos_;
    size_t i = pos_;
    bool valid = true;
    bool integral = true;
    if (text_[i] == '-') ++i;
    if (i < text_.size() && text_[i] == '0') {
      ++i;
    } else if (i < text_.size() && IsDigit(text_[i])) {
      while (i < text_.size() && IsDigit(text_[i])) ++i;
    } else {
      valid = false;
    }
    if (valid && i < text_.size() && text_[i] == '.') {
      integral = false;
      ++i;
      if (i >= text_.size() || !IsDigit(text_[i])) valid = false;
      while (i < text_.size() && IsDigit(text_[i])) ++i;
    }
    if (valid && i < text_.size() && (text_[i] == 'e' || text_[i] == 'E')) {
      integral = false;
      ++i;
      if (i < text_.size() && (text_[i] == '+' || text_[i] == '-')) ++i;
      if (i >= text_.size() || !IsDigit(text_[i])) valid = false;
      while (i < text_.size() && IsDigit(text_[i])) ++i;
    }
    if (!valid || !IsDelimiter(text_, i)) {
      size_t end = i;
      while (!IsDelimiter(text_, end)) ++end;
      return Fail("Invalid number '" + std::string(text_.substr(start, end - start)) + "'", start);
    }
    const std::string_view token = text_.substr(start, i - start);
    IntrinsicNode literal;
    literal.position = Position(start);
    if (integral) {
      int64_t value = 0;
      auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), value);
      if (error == std::errc() && end == token.data() + token.size()) {
        literal.literal = json::Value::Int(value);
        pos_ = i;
        return literal;
      }
    }
    double value = 0;
    auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), value);
    if (error != std::errc() || end != token.data() + token.size()) {
      return Fail("Number '" + std::string(token) + "' is out of range", start);
    }
    literal.literal = json::Value::Double(value);
    pos_ = i;
    return literal;
  }

  // path := "$" ... up to a "," or ")" (or whitespace) outside brackets, quotes and parentheses,
  // so that filters such as $.a[?(@.b == 'x, y')] and $.a.length() stay whole.
  Result<IntrinsicNode> ParsePath() {
    const size_t start = pos_;
    size_t brackets = 0;
    size_t parentheses = 0;
    char quote = 0;
    for (; !AtEnd(); ++pos_) {
      const char c = text_[pos_];
      if (quote != 0) {
        if (c == '\\' && pos_ + 1 < text_.size()) {
          ++pos_;
        } else if (c == quote) {
          quote = 0;
        }
        continue;
      }
      const bool nested = brackets > 0 || parentheses > 0;
      if (nested && (c == '\'' || c == '"')) {
        quote = c;
      } else if (c == '[') {
        ++brackets;
      } else if (c == ']' && brackets > 0) {
        --brackets;
      } else if (c == '(') {
        ++parentheses;
      } else if (c == ')' && parentheses > 0) {
        --parentheses;
      } else if (!nested && (c == ',' || c == ')' || IsSpace(c))) {
        break;
      }
    }
    if (quote != 0 || brackets > 0 || parentheses > 0) {
      return Fail(quote != 0     ? "Unterminated quoted name in path"
                  : brackets > 0 ? "Unclosed '[' in path"
                                 : "Unclosed '(' in path",
                  start);
    }
    const std::string_view text = text_.substr(start, pos_ - start);
    Result<jsonpath::Path> path = jsonpath::Path::Compile(text);
    if (!path.ok()) {
      return Fail("Invalid path '" + std::string(text) + "' (" + path.error().message() + ")",
                  start);
    }
    IntrinsicNode node;
    node.type = IntrinsicNode::Type::kPath;
    node.position = Position(start);
    node.path.emplace(path.release_value());
    return node;
  }

  // The argument count, and the kinds of the arguments whose kind is known before evaluation:
  // literals, and calls by what they can return. Paths are checked when the call runs.
  Result<void> CheckArguments(const IntrinsicNode& call) {
    const FunctionSpec& function = *call.function;
    const size_t count = call.args.size();
    if (count < function.min_args ||
        (function.max_args != FunctionSpec::kVariadic && count > function.max_args)) {
      return FailAtPosition(DescribeArity(function, count), call.position);
    }
    for (size_t i = 0; i < count; ++i) {
      const IntrinsicNode& arg = call.args[i];
      const KindSet allowed = function.ArgumentKinds(i);
      std::string actual;
      if (arg.type == IntrinsicNode::Type::kLiteral) {
        if ((KindOf(arg.literal) & allowed) != 0) continue;
        actual = DescribeKinds(KindOf(arg.literal));
      } else if (arg.type == IntrinsicNode::Type::kCall) {
        if ((arg.function->returns & allowed) != 0) continue;
        actual = std::string(arg.function->name) + ", which returns " +
                 DescribeKinds(arg.function->returns);
      } else {
        continue;
      }
      return FailAtPosition("Argument " + std::to_string(i + 1) + " of " +
                                std::string(function.name) + " must be " + DescribeKinds(allowed) +
                                ", not " + actual,
                            arg.position);
    }
    return Ok();
  }

  static std::string DescribeArity(const FunctionSpec& function, size_t count) {
    std::string expected;
    if (function.max_args == FunctionSpec::kVariadic) {
      expected = "at least " + std::to_string(function.min_args);
    } else if (function.min_args == function.max_args) {
      expected = function.min_args == 0 ? "no" : std::to_string(function.min_args);
    } else {
      expected = std::to_string(function.min_args) + " or " + std::to_string(function.max_args);
    }
    const bool one = function.max_args == 1 ||
                     (function.max_args == FunctionSpec::kVariadic && function.min_args == 1);
    return std::string(function.name) + " takes " + expected + (one ? " argument" : " arguments") +
           ", not " + std::to_string(count);
  }

  std::string_view text_;
  size_t pos_ = 0;
  size_t counted_offset_ = 0;
  size_t counted_characters_ = 0;
};

}  // namespace

Result<std::shared_ptr<const IntrinsicNode>> ParseIntrinsic(std::string_view text) {
  return Parser(text).Parse();
}

}  // namespace stepwise::asl::detail
