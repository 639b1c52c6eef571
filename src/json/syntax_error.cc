#include "json/syntax_error.h"

#include <cctype>
#include <cstdint>
#include <cstdio>

namespace stepwise::json {
namespace {

class Scanner {
 public:
  Scanner(std::string_view text, size_t max_depth) : text_(text), max_depth_(max_depth) {}

  std::optional<SyntaxError> Run() {
    SkipSpace();
    if (AtEnd()) return Error("No content to map due to end-of-input");
    if (!Value(1)) return error_;
    SkipSpace();
    if (!AtEnd()) {
      Unexpected("Expected space separating root-level values");
      return error_;
    }
    return std::nullopt;
  }

 private:
  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return text_[pos_]; }

  void SkipSpace() {
    while (!AtEnd() && (Peek() == ' ' || Peek() == '\t' || Peek() == '\n' || Peek() == '\r')) {
      ++pos_;
    }
  }

  std::optional<SyntaxError> Error(std::string what) {
    error_ = SyntaxError{std::move(what), pos_};
    return error_;
  }
  bool Fail(std::string what) {
    Error(std::move(what));
    return false;
  }
  bool Unexpected(std::string_view expectation) {
    unsigned char c = static_cast<unsigned char>(Peek());
    std::string shown = c >= 0x20 && c < 0x7F ? std::string(1, static_cast<char>(c)) : "?";
    return Fail("Unexpected character ('" + shown + "' (code " + std::to_string(c) + ")): " +
                std::string(expectation));
  }

  bool Value(size_t depth) {
    if (AtEnd()) return Fail("Unexpected end-of-input: expected a value");
    if (depth > max_depth_) {
      return Fail("Document nesting depth exceeds the maximum allowed (" +
                  std::to_string(max_depth_) + ")");
    }
    switch (Peek()) {
      case '{': return Object(depth);
      case '[': return Array(depth);
      case '"': return String("VALUE_STRING");
      case ']':
      case '}':
      case ',':
      case ':': return Unexpected("expected a value");
      default:
        if (Peek() == '-' || (Peek() >= '0' && Peek() <= '9')) return Number();
        return Literal();
    }
  }

  // true, false, null, or an unrecognized token (reported after its last character, as Jackson
  // does).
  bool Literal() {
    size_t start = pos_;
    while (!AtEnd() && IsTokenChar(Peek())) ++pos_;
    std::string_view token = text_.substr(start, pos_ - start);
    if (token == "true" || token == "false" || token == "null") return true;
    if (token.empty()) {
      return Unexpected(
          "expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or "
          "'false')");
    }
    return Fail("Unrecognized token '" + std::string(token) +
                "': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or "
                "'false')");
  }

  static bool IsTokenChar(char c) {
    return !(c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ':' ||
             c == '[' || c == ']' || c == '{' || c == '}' || c == '"');
  }

  bool Digits() {
    size_t start = pos_;
    while (!AtEnd() && Peek() >= '0' && Peek() <= '9') ++pos_;
    return pos_ > start;
  }

  bool Number() {
    size_t start = pos_;
    if (Peek() == '-') ++pos_;
    if (!AtEnd() && Peek() == '0') {
      ++pos_;
      if (!AtEnd() && Peek() >= '0' && Peek() <= '9') {
        return Fail("Invalid numeric value: Leading zeroes not allowed");
      }
    } else if (!Digits()) {
      return Fail("Invalid numeric value: No digit following minus sign");
    }
    if (!AtEnd() && Peek() == '.') {
      ++pos_;
      if (!Digits()) return Fail("Unexpected character: Decimal point not followed by a digit");
    }
    if (!AtEnd() && (Peek() == 'e' || Peek() == 'E')) {
      ++pos_;
      if (!AtEnd() && (Peek() == '+' || Peek() == '-')) ++pos_;
      if (!Digits()) return Fail("Unexpected character: Exponent indicator not followed by a digit");
    }
    if (!AtEnd() && IsTokenChar(Peek())) {
      while (!AtEnd() && IsTokenChar(Peek())) ++pos_;
      return Fail("Unrecognized token '" + std::string(text_.substr(start, pos_ - start)) +
                  "': was expecting a number");
    }
    return true;
  }

  bool String(std::string_view what) {
    ++pos_;  // the opening quote
    while (!AtEnd()) {
      unsigned char c = static_cast<unsigned char>(Peek());
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c < 0x20) {
        return Fail("Illegal unquoted character ((CTRL-CHAR, code " + std::to_string(c) +
                    ")): has to be escaped using backslash to be included in string value");
      }
      if (c == '\\') {
        ++pos_;
        if (AtEnd()) break;
        char e = Peek();
        if (e == 'u') {
          for (int i = 0; i < 4; ++i) {
            ++pos_;
            if (AtEnd()) break;
            if (!std::isxdigit(static_cast<unsigned char>(Peek()))) {
              return Fail("Unexpected character: expected a hex-digit for character escape sequence");
            }
          }
        } else if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) {
          return Fail("Unrecognized character escape '" + std::string(1, e) + "' (code " +
                      std::to_string(static_cast<unsigned char>(e)) + ")");
        }
        ++pos_;
        continue;
      }
      if (c >= 0x80 && !Utf8Sequence()) return false;
      if (c < 0x80) ++pos_;
    }
    return Fail("Unexpected end-of-input in " + std::string(what));
  }

  // Consumes one multi-byte UTF-8 sequence.
  bool Utf8Sequence() {
    unsigned char c = static_cast<unsigned char>(Peek());
    size_t length = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
    if (length == 0 || c > 0xF4) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02x", c);
      return Fail(std::string("Invalid UTF-8 start byte ") + hex);
    }
    for (size_t i = 1; i < length; ++i) {
      if (pos_ + i >= text_.size() ||
          (static_cast<unsigned char>(text_[pos_ + i]) & 0xC0) != 0x80) {
        pos_ += i;
        return Fail("Invalid UTF-8 middle byte");
      }
    }
    pos_ += length;
    return true;
  }

  bool Array(size_t depth) {
    ++pos_;
    SkipSpace();
    if (!AtEnd() && Peek() == ']') {
      ++pos_;
      return true;
    }
    while (true) {
      SkipSpace();
      if (!Value(depth + 1)) return false;
      SkipSpace();
      if (AtEnd()) return Fail("Unexpected end-of-input: expected close marker for ARRAY");
      if (Peek() == ']') {
        ++pos_;
        return true;
      }
      if (Peek() != ',') return Unexpected("was expecting comma to separate Array entries");
      ++pos_;
    }
  }

  bool Object(size_t depth) {
    ++pos_;
    SkipSpace();
    if (!AtEnd() && Peek() == '}') {
      ++pos_;
      return true;
    }
    while (true) {
      SkipSpace();
      if (AtEnd()) return Fail("Unexpected end-of-input: expected close marker for OBJECT");
      if (Peek() != '"') return Unexpected("was expecting double-quote to start field name");
      if (!String("FIELD_NAME")) return false;
      SkipSpace();
      if (AtEnd()) return Fail("Unexpected end-of-input: expected close marker for OBJECT");
      if (Peek() != ':') return Unexpected("was expecting a colon to separate field name and value");
      ++pos_;
      SkipSpace();
      if (!Value(depth + 1)) return false;
      SkipSpace();
      if (AtEnd()) return Fail("Unexpected end-of-input: expected close marker for OBJECT");
      if (Peek() == '}') {
        ++pos_;
        return true;
      }
      if (Peek() != ',') return Unexpected("was expecting comma to separate Object entries");
      ++pos_;
    }
  }

  std::string_view text_;
  size_t max_depth_;
  size_t pos_ = 0;
  SyntaxError error_;
};

}  // namespace

std::optional<SyntaxError> FindSyntaxError(std::string_view text, size_t max_depth) {
  return Scanner(text, max_depth).Run();
}

}  // namespace stepwise::json
