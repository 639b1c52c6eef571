#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"
#include "jsonata/parse_error.h"

namespace stepwise::jsonata {

enum class TokenKind : uint8_t {
  kEnd,       // the end of the input
  kOperator,  // punctuation, and the words "and", "or" and "in"; text is the operator
  kName,      // a field name, plain or `backquoted`; text is the name
  kVariable,  // $name; text is the name without the $ ("" for $, "$" for $$)
  kString,    // a '...' or "..." literal; text is the decoded value, as UTF-8
  kNumber,    // a number literal; number is its value
  kValue,     // true, false or null; text is the word
  kRegex,     // a /pattern/flags literal; text is the pattern, flags the flags as written
};

// One token. position is where the reference puts it: the UTF-16 offset just past the token's
// last character (the reference counts JavaScript string indices). Intentionally copyable.
struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;
  std::string flags;
  double number = 0;
  size_t position = 0;

  bool IsOperator(std::string_view op) const { return kind == TokenKind::kOperator && text == op; }
};

// What a '/' at the start of a token begins. The grammar decides: where an operand is expected
// (at the start and after an operator) it begins a regular expression, elsewhere it divides.
enum class SlashMeaning : uint8_t { kRegex, kDivide };

// Splits a JSONata expression into tokens, one at a time, as the reference's tokenizer does
// (jsonata-js 2.x): whitespace is ' ', \t, \n, \r and \v; /* comments */ are skipped; a name runs
// up to whitespace or an operator character, so "a$b" and "a'b" are single names; numbers follow
// JSON's grammar without a sign ("-1" is the operator "-" and the number 1); strings take JSON's
// escapes, and \uXXXX escapes that form a surrogate pair become one code point (a lone surrogate
// becomes U+FFFD, since UTF-8 cannot carry it).
//
// Regular expression patterns are not checked beyond S0301/S0302 here: the reference hands them
// to JavaScript's RegExp, and the evaluator compiles them.
//
// The lexer holds a view of the source, which must outlive it. Not thread-safe.
class Lexer {
 public:
  explicit Lexer(std::string_view source) : source_(source) {}
  Lexer(const Lexer&) = delete;
  Lexer& operator=(const Lexer&) = delete;

  // The next token (kEnd, repeatedly, once the input is used up). On a lexical error (S0101 to
  // S0106, S0301, S0302) returns its Error and keeps the detail in last_error().
  Result<Token> Next(SlashMeaning slash);

  // The detail of the error the last failing Next returned.
  const ParseError& last_error() const { return last_error_; }

  // The UTF-16 length of the source: the position of the end of the input.
  size_t end_position() { return Utf16Position(source_.size()); }

  // The UTF-16 offset of a byte offset into the source; offsets past the end count one unit per
  // byte beyond it (the reference's position can overshoot the end after a truncated \u escape).
  size_t Utf16Position(size_t byte_offset);

 private:
  Error Fail(ParseError error);
  Result<Token> ScanString();
  Result<Token> ScanRegex();
  Token Make(TokenKind kind, std::string text);

  std::string_view source_;
  size_t pos_ = 0;
  // A cursor for Utf16Position, which is mostly asked about increasing offsets.
  size_t cursor_byte_ = 0;
  size_t cursor_units_ = 0;
  ParseError last_error_;
};

}  // namespace stepwise::jsonata
