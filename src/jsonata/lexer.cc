#include "jsonata/lexer.h"

#include <locale.h>
#include <stdlib.h>

#include <algorithm>
#include <cmath>
#include <string_view>
#include <utility>

#include "common/utf8.h"

namespace stepwise::jsonata {
namespace {

bool IsWhitespace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v'; }

// The characters that are operators on their own, and that end a name. '!' and '~' are in the
// set although neither is an operator alone (the reference then reports S0204).
bool IsOperatorChar(char c) {
  constexpr std::string_view kOperatorChars = ".[]{}(),@#;:?+-*/%|=<>^&!~";
  return kOperatorChars.find(c) != std::string_view::npos;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}



// Decodes a string literal's content, pairing \uXXXX surrogate escapes.
class StringBuilder {
 public:
  void AppendByte(char c) {
    FlushSurrogate();
    out_ += c;
  }
  void AppendUnit(uint32_t unit) {
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      FlushSurrogate();
      high_surrogate_ = unit;
    } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
      if (high_surrogate_ != 0) {
        AppendUtf8(out_, 0x10000 + ((high_surrogate_ - 0xD800) << 10) + (unit - 0xDC00));
        high_surrogate_ = 0;
      } else {
        AppendUtf8(out_, kReplacementCharacter);
      }
    } else {
      FlushSurrogate();
      AppendUtf8(out_, unit);
    }
  }
  std::string Finish() {
    FlushSurrogate();
    return std::move(out_);
  }

 private:
  void FlushSurrogate() {
    if (high_surrogate_ != 0) AppendUtf8(out_, kReplacementCharacter);
    high_surrogate_ = 0;
  }
  std::string out_;
  uint32_t high_surrogate_ = 0;
};

// The length of the longest prefix of text matching the reference's number grammar,
// (0|[1-9][0-9]*)(\.[0-9]+)?([Ee][-+]?[0-9]+)?, or 0 when there is none.
size_t MatchNumber(std::string_view text) {
  size_t i = 0;
  if (i >= text.size() || !IsDigit(text[i])) return 0;
  if (text[i] == '0') {
    ++i;
  } else {
    while (i < text.size() && IsDigit(text[i])) ++i;
  }
  if (i + 1 < text.size() && text[i] == '.' && IsDigit(text[i + 1])) {
    i += 2;
    while (i < text.size() && IsDigit(text[i])) ++i;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    size_t j = i + 1;
    if (j < text.size() && (text[j] == '+' || text[j] == '-')) ++j;
    if (j < text.size() && IsDigit(text[j])) {
      while (j < text.size() && IsDigit(text[j])) ++j;
      i = j;
    }
  }
  return i;
}

// Reads a number the way JavaScript's parseFloat does (correctly rounded, overflowing to
// infinity), independent of the process locale.
double ReadNumber(std::string_view text) {
  static const locale_t c_locale = newlocale(LC_ALL_MASK, "C", static_cast<locale_t>(nullptr));
  std::string copy(text);
  return strtod_l(copy.c_str(), nullptr, c_locale);
}

// The two-character operators, in the order the reference tries them.
constexpr std::string_view kTwoCharOperators[] = {
    "..", ":=", "!=", ">=", "<=", "**", "~>", "?:", "??"};

}  // namespace

size_t Lexer::Utf16Position(size_t byte_offset) {
  if (byte_offset < cursor_byte_) {
    cursor_byte_ = 0;
    cursor_units_ = 0;
  }
  size_t limit = std::min(byte_offset, source_.size());
  while (cursor_byte_ < limit) {
    auto c = static_cast<unsigned char>(source_[cursor_byte_++]);
    // A UTF-8 lead byte starts one UTF-16 unit, or two for a four-byte sequence (a surrogate
    // pair); continuation bytes add nothing.
    if ((c & 0xC0) != 0x80) cursor_units_ += c >= 0xF0 ? 2 : 1;
  }
  return cursor_units_ + (byte_offset - limit);
}

Error Lexer::Fail(ParseError error) {
  last_error_ = std::move(error);
  return last_error_.ToError();
}

Token Lexer::Make(TokenKind kind, std::string text) {
  Token token;
  token.kind = kind;
  token.text = std::move(text);
  token.position = Utf16Position(pos_);
  return token;
}

Result<Token> Lexer::Next(SlashMeaning slash) {
  for (;;) {
    while (pos_ < source_.size() && IsWhitespace(source_[pos_])) ++pos_;
    if (pos_ >= source_.size()) {
      Token end;
      end.position = end_position();
      return end;
    }
    if (source_.compare(pos_, 2, "/*") != 0) break;
    size_t close = source_.find("*/", pos_ + 2);
    if (close == std::string_view::npos) {
      return Fail(MakeParseError("S0106", Utf16Position(pos_)));
    }
    pos_ = close + 2;
  }
  char c = source_[pos_];
  if (slash == SlashMeaning::kRegex && c == '/') {
    ++pos_;
    return ScanRegex();
  }
  for (std::string_view op : kTwoCharOperators) {
    if (source_.compare(pos_, 2, op) == 0) {
      pos_ += 2;
      return Make(TokenKind::kOperator, std::string(op));
    }
  }
  if (IsOperatorChar(c)) {
    ++pos_;
    return Make(TokenKind::kOperator, std::string(1, c));
  }
  if (c == '"' || c == '\'') return ScanString();
  if (size_t length = MatchNumber(source_.substr(pos_)); length > 0) {
    std::string_view text = source_.substr(pos_, length);
    double number = ReadNumber(text);
    if (!std::isfinite(number)) {
      return Fail(MakeParseError("S0102", Utf16Position(pos_), JsonText(text)));
    }
    pos_ += length;
    Token token = Make(TokenKind::kNumber, "");
    token.number = number;
    return token;
  }
  if (c == '`') {
    size_t close = source_.find('`', pos_ + 1);
    if (close == std::string_view::npos) {
      pos_ = source_.size();
      return Fail(MakeParseError("S0105", Utf16Position(pos_)));
    }
    std::string name(source_.substr(pos_ + 1, close - pos_ - 1));
    pos_ = close + 1;
    return Make(TokenKind::kName, std::move(name));
  }
  size_t end = pos_;
  while (end < source_.size() && !IsWhitespace(source_[end]) && !IsOperatorChar(source_[end])) {
    ++end;
  }
  std::string_view word = source_.substr(pos_, end - pos_);
  pos_ = end;
  if (word[0] == '$') return Make(TokenKind::kVariable, std::string(word.substr(1)));
  if (word == "and" || word == "or" || word == "in") {
    return Make(TokenKind::kOperator, std::string(word));
  }
  if (word == "true" || word == "false" || word == "null") {
    return Make(TokenKind::kValue, std::string(word));
  }
  return Make(TokenKind::kName, std::string(word));
}

Result<Token> Lexer::ScanString() {
  const char quote = source_[pos_++];
  StringBuilder value;
  while (pos_ < source_.size()) {
    char c = source_[pos_];
    if (c == '\\') {
      ++pos_;
      // At the end of the input the escape is '\0', which falls to the unsupported case.
      char escape = pos_ < source_.size() ? source_[pos_] : '\0';
      switch (escape) {
        case '"':
          value.AppendByte('"');
          break;
        case '\\':
          value.AppendByte('\\');
          break;
        case '/':
          value.AppendByte('/');
          break;
        case 'b':
          value.AppendByte('\b');
          break;
        case 'f':
          value.AppendByte('\f');
          break;
        case 'n':
          value.AppendByte('\n');
          break;
        case 'r':
          value.AppendByte('\r');
          break;
        case 't':
          value.AppendByte('\t');
          break;
        case 'u': {
          // The reference accepts one to four hex digits here when the input ends before four
          // (and then fails with S0101, past the end); anything else non-hex is S0104.
          std::string_view digits = source_.substr(pos_ + 1, 4);
          bool all_hex = !digits.empty() && std::all_of(digits.begin(), digits.end(),
                                                        [](char d) { return HexValue(d) >= 0; });
          if (!all_hex) return Fail(MakeParseError("S0104", Utf16Position(pos_)));
          uint32_t unit = 0;
          for (char d : digits) unit = unit * 16 + static_cast<uint32_t>(HexValue(d));
          value.AppendUnit(unit);
          pos_ += 4;
          break;
        }
        default: {
          // The unsupported character, whole (one UTF-8 sequence), or "" at the end of input.
          size_t length = 0;
          if (pos_ < source_.size()) {
            length = 1;
            while (pos_ + length < source_.size() &&
                   (static_cast<unsigned char>(source_[pos_ + length]) & 0xC0) == 0x80) {
              ++length;
            }
          }
          return Fail(
              MakeParseError("S0103", Utf16Position(pos_),
                             JsonText(source_.substr(std::min(pos_, source_.size()), length))));
        }
      }
    } else if (c == quote) {
      ++pos_;
      return Make(TokenKind::kString, value.Finish());
    } else {
      value.AppendByte(c);
    }
    ++pos_;
  }
  return Fail(MakeParseError("S0101", Utf16Position(pos_)));
}

Result<Token> Lexer::ScanRegex() {
  // The opening '/' has been consumed. The pattern ends at the first '/' that is outside (),
  // [] and {} and is preceded by an even number of backslashes.
  const size_t start = pos_;
  int depth = 0;
  while (pos_ < source_.size()) {
    char c = source_[pos_];
    if (c == '/' && depth == 0) {
      size_t backslashes = 0;
      while (backslashes < pos_ && source_[pos_ - backslashes - 1] == '\\') ++backslashes;
      if (backslashes % 2 == 0) {
        if (pos_ == start) return Fail(MakeParseError("S0301", Utf16Position(pos_)));
        std::string pattern(source_.substr(start, pos_ - start));
        ++pos_;
        size_t flags_start = pos_;
        while (pos_ < source_.size() && (source_[pos_] == 'i' || source_[pos_] == 'm')) ++pos_;
        Token token = Make(TokenKind::kRegex, std::move(pattern));
        token.flags = std::string(source_.substr(flags_start, pos_ - flags_start));
        return token;
      }
    }
    // The reference's bracket counting looks at a single preceding backslash only.
    bool escaped = source_[pos_ - 1] == '\\';
    if ((c == '(' || c == '[' || c == '{') && !escaped) ++depth;
    if ((c == ')' || c == ']' || c == '}') && !escaped) --depth;
    ++pos_;
  }
  return Fail(MakeParseError("S0302", Utf16Position(pos_)));
}

}  // namespace stepwise::jsonata
