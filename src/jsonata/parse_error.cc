#include "jsonata/parse_error.h"

#include <array>
#include <utility>

#include "json/string_escape.h"

namespace stepwise::jsonata {
namespace {

struct CodeMessage {
  std::string_view code;
  std::string_view message;
};

// The reference's message templates for the codes this component raises (jsonata-js 2.x,
// errorCodes), plus U1001 for the nesting limit, which the reference hits as a JavaScript stack
// overflow instead.
constexpr std::array kParseErrorCodes = {
    CodeMessage{"S0101", "String literal must be terminated by a matching quote"},
    CodeMessage{"S0102", "Number out of range: {{token}}"},
    CodeMessage{"S0103", "Unsupported escape sequence: \\{{token}}"},
    CodeMessage{"S0104", "The escape sequence \\u must be followed by 4 hex digits"},
    CodeMessage{"S0105", "Quoted property name must be terminated with a backquote (`)"},
    CodeMessage{"S0106", "Comment has no closing tag"},
    CodeMessage{"S0201", "Syntax error: {{token}}"},
    CodeMessage{"S0202", "Expected {{value}}, got {{token}}"},
    CodeMessage{"S0203", "Expected {{value}} before end of expression"},
    CodeMessage{"S0204", "Unknown operator: {{token}}"},
    CodeMessage{"S0205", "Unexpected token: {{token}}"},
    CodeMessage{"S0206", "Unknown expression type: {{token}}"},
    CodeMessage{"S0207", "Unexpected end of expression"},
    CodeMessage{
        "S0208",
        "Parameter {{value}} of function definition must be a variable name (start with $)"},
    CodeMessage{"S0209", "A predicate cannot follow a grouping expression in a step"},
    CodeMessage{"S0210", "Each step can only have one grouping expression"},
    CodeMessage{"S0211", "The symbol {{token}} cannot be used as a unary operator"},
    CodeMessage{"S0212", "The left side of := must be a variable name (start with $)"},
    CodeMessage{"S0213",
                "The literal value {{value}} cannot be used as a step within a path expression"},
    CodeMessage{"S0214", "The right side of {{token}} must be a variable name (start with $)"},
    CodeMessage{"S0215", "A context variable binding must precede any predicates on a step"},
    CodeMessage{"S0216", "A context variable binding must precede the 'order-by' clause on a step"},
    CodeMessage{"S0217",
                "The object representing the 'parent' cannot be derived from this expression"},
    CodeMessage{"S0301", "Empty regular expressions are not allowed"},
    CodeMessage{"S0302", "No terminating / in regular expression"},
    CodeMessage{"S0401", "Type parameters can only be applied to functions and arrays"},
    CodeMessage{"S0402", "Choice groups containing parameterized types are not supported"},
    CodeMessage{"U1001",
                "Stack overflow error: the expression is nested too deeply to be compiled"},
};

std::string_view TemplateFor(std::string_view code) {
  for (const CodeMessage& entry : kParseErrorCodes) {
    if (entry.code == code) return entry.message;
  }
  return {};
}

// Replaces every "{{name}}" in the template by the JSON text of the named field.
std::string FillTemplate(std::string_view text, const std::optional<std::string>& token,
                         const std::optional<std::string>& value) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    if (text.compare(i, 2, "{{") == 0) {
      size_t close = text.find("}}", i + 2);
      if (close != std::string_view::npos) {
        std::string_view name = text.substr(i + 2, close - i - 2);
        const std::optional<std::string>& field = name == "token" ? token : value;
        out += field.has_value() ? *field : "undefined";
        i = close + 2;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

}  // namespace

Error ParseError::ToError() const {
  std::string text = message;
  if (position != kNoPosition) {
    text += " at position ";
    text += std::to_string(position);
  }
  return Error(code, std::move(text));
}

ParseError MakeParseError(std::string_view code, size_t position, std::optional<std::string> token,
                          std::optional<std::string> value) {
  ParseError error;
  error.code = std::string(code);
  error.position = position;
  error.message = FillTemplate(TemplateFor(code), token, value);
  error.token = std::move(token);
  error.value = std::move(value);
  return error;
}

std::string JsonText(std::string_view s) {
  std::string out;
  json::AppendQuoted(out, s);
  return out;
}

}  // namespace stepwise::jsonata
