// The evaluator's errors: the reference's message templates (jsonata-js 2.x, errorCodes) for the
// dynamic errors, and how an error's inserts fill them in.

#include <array>
#include <string>
#include <string_view>
#include <utility>

#include "jsonata/evaluator.h"

namespace stepwise::jsonata {
namespace {

struct CodeMessage {
  std::string_view code;
  std::string_view message;
};

// {{name}} inserts the JSON text of the field, {{{name}}} its raw text (as the reference does).
constexpr std::array kEvalErrorCodes = {
    CodeMessage{"T0410",
                "Argument {{index}} of function {{token}} does not match function signature"},
    CodeMessage{"T0411",
                "Context value is not a compatible type with argument {{index}} of function "
                "{{token}}"},
    CodeMessage{"T0412", "Argument {{index}} of function {{token}} must be an array of {{type}}"},
    CodeMessage{"D1001", "Number out of range: {{value}}"},
    CodeMessage{"D1002", "Cannot negate a non-numeric value: {{value}}"},
    CodeMessage{"T1003", "Key in object structure must evaluate to a string; got: {{value}}"},
    CodeMessage{"D1004", "Regular expression matches zero length string"},
    CodeMessage{"T1005", "Attempted to invoke a non-function. Did you mean ${{{token}}}?"},
    CodeMessage{"T1006", "Attempted to invoke a non-function"},
    CodeMessage{"T1007", "Attempted to partially apply a non-function. Did you mean ${{{token}}}?"},
    CodeMessage{"T1008", "Attempted to partially apply a non-function"},
    CodeMessage{"D1009", "Multiple key definitions evaluate to same key: {{value}}"},
    CodeMessage{"T1010",
                "The matcher function argument passed to function {{token}} does not return the "
                "correct object structure"},
    CodeMessage{"T2001", "The left side of the {{token}} operator must evaluate to a number"},
    CodeMessage{"T2002", "The right side of the {{token}} operator must evaluate to a number"},
    CodeMessage{"T2003", "The left side of the range operator (..) must evaluate to an integer"},
    CodeMessage{"T2004", "The right side of the range operator (..) must evaluate to an integer"},
    CodeMessage{"T2006",
                "The right side of the function application operator ~> must be a function"},
    CodeMessage{"T2007",
                "Type mismatch when comparing values {{value}} and {{value2}} in order-by clause"},
    CodeMessage{"T2008",
                "The expressions within an order-by clause must evaluate to numeric or string "
                "values"},
    CodeMessage{"T2009",
                "The values {{value}} and {{value2}} either side of operator {{token}} must be of "
                "the same data type"},
    CodeMessage{"T2010",
                "The expressions either side of operator {{token}} must evaluate to numeric or "
                "string values"},
    CodeMessage{"T2011",
                "The insert/update clause of the transform expression must evaluate to an "
                "object: {{value}}"},
    CodeMessage{"T2012",
                "The delete clause of the transform expression must evaluate to a string or "
                "array of strings: {{value}}"},
    CodeMessage{"T2013",
                "The transform expression clones the input object using the $clone() function.  "
                "This has been overridden in the current scope by a non-function."},
    CodeMessage{"D2014",
                "The size of the sequence allocated by the range operator (..) must not exceed "
                "1e7.  Attempted to allocate {{value}}."},
    CodeMessage{"D3001", "Attempting to invoke string function on Infinity or NaN"},
    CodeMessage{"D3010", "Second argument of replace function cannot be an empty string"},
    CodeMessage{"D3011", "Fourth argument of replace function must evaluate to a positive number"},
    CodeMessage{"D3012", "Attempted to replace a matched string with a non-string value"},
    CodeMessage{"D3020", "Third argument of split function must evaluate to a positive number"},
    CodeMessage{"D3030", "Unable to cast value to a number: {{value}}"},
    CodeMessage{"D3040", "Third argument of match function must evaluate to a positive number"},
    CodeMessage{"D3050",
                "The second argument of reduce function must be a function with at least two "
                "arguments"},
    CodeMessage{"D3060", "The sqrt function cannot be applied to a negative number: {{value}}"},
    CodeMessage{"D3061",
                "The power function has resulted in a value that cannot be represented as a JSON "
                "number: base={{value}}, exponent={{exp}}"},
    CodeMessage{"D3070",
                "The single argument form of the sort function can only be applied to an array "
                "of strings or an array of numbers.  Use the second argument to specify a "
                "comparison function"},
    CodeMessage{"D3100",
                "The radix of the formatBase function must be between 2 and 36.  It was given "
                "{{value}}"},
    CodeMessage{"D3110",
                "The argument of the toMillis function must be an ISO 8601 formatted timestamp. "
                "Given {{value}}"},
    CodeMessage{"D3120", "Syntax error in expression passed to function eval: {{value}}"},
    CodeMessage{"D3121",
                "Dynamic error evaluating the expression passed to function eval: {{value}}"},
    CodeMessage{"D3138",
                "The $single() function expected exactly 1 matching result.  Instead it matched "
                "more."},
    CodeMessage{"D3139",
                "The $single() function expected exactly 1 matching result.  Instead it matched "
                "0."},
    CodeMessage{"D3140", "Malformed URL passed to ${{{functionName}}}(): {{value}}"},
    CodeMessage{"U1001",
                "Stack overflow error: Check for non-terminating recursive function.  Consider "
                "rewriting as tail-recursive."},
    CodeMessage{"U1002", "Expression evaluation timeout: Check for infinite loop"},
};

}  // namespace

Error EvalError::ToError() const {
  std::string text = message;
  if (position != kNoPosition) {
    text += " at position ";
    text += std::to_string(position);
  }
  return Error(code, std::move(text));
}

Error Evaluator::Fail(std::string_view code, size_t position, std::optional<std::string> token,
                      const Value* value, const Value* value2) {
  error_ = EvalError();
  inserts_.clear();
  error_.code = std::string(code);
  error_.position = position;
  error_.token = std::move(token);
  if (value != nullptr) error_.value = ValueText(*value);
  if (value2 != nullptr) inserts_.emplace_back("value2", ValueText(*value2));
  return Error(error_.code, "");
}

Error Evaluator::FailWithMessage(std::string_view code, std::string message, size_t position) {
  error_ = EvalError();
  inserts_.clear();
  error_.code = std::string(code);
  error_.position = position;
  error_.message = std::move(message);
  inserts_.emplace_back("message", "");
  return Error(error_.code, "");
}

void Evaluator::SetErrorInsert(std::string_view name, std::string text) {
  inserts_.emplace_back(std::string(name), std::move(text));
}

void Evaluator::Annotate(size_t position, std::string_view token) {
  if (error_.position == kNoPosition) error_.position = position;
  if (!error_.token.has_value() && !token.empty()) error_.token = JsonText(token);
}

std::string Evaluator::ErrorMessage() const {
  for (const auto& [name, text] : inserts_) {
    if (name == "message") return error_.message;
  }
  if (!error_.message.empty()) return error_.message;
  std::string_view text;
  for (const CodeMessage& entry : kEvalErrorCodes) {
    if (entry.code == error_.code) text = entry.message;
  }
  if (text.empty()) return error_.code;
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    if (text.compare(i, 2, "{{") == 0) {
      bool raw = text.compare(i, 3, "{{{") == 0;
      size_t open = i + (raw ? 3 : 2);
      size_t close = text.find(raw ? "}}}" : "}}", open);
      if (close != std::string_view::npos) {
        std::string_view name = text.substr(open, close - open);
        std::optional<std::string> field;
        if (name == "token") {
          field = error_.token;
        } else if (name == "value") {
          field = error_.value;
        } else {
          for (const auto& [key, insert] : inserts_) {
            if (key == name) field = insert;
          }
        }
        if (raw && field.has_value() && field->size() >= 2 && (*field)[0] == '"') {
          out += field->substr(1, field->size() - 2);
        } else {
          out += field.has_value() ? *field : "undefined";
        }
        i = close + (raw ? 3 : 2);
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

}  // namespace stepwise::jsonata
