#include "jsonata/signature.h"

#include <optional>
#include <utility>

namespace stepwise::jsonata {
namespace {

// The offset of the bracket that closes the one at start, or text.size() when none does.
size_t FindClosingBracket(std::string_view text, size_t start, char open, char close) {
  int depth = 1;
  size_t position = start;
  while (position < text.size()) {
    ++position;
    if (position >= text.size()) break;
    if (text[position] == close) {
      if (--depth == 0) break;
    } else if (text[position] == open) {
      ++depth;
    }
  }
  return position;
}

}  // namespace

Result<Signature> ParseSignature(std::string_view definition, size_t position, ParseError* error) {
  auto fail = [&](std::string_view code, size_t offset, std::optional<std::string> value) -> Error {
    *error = MakeParseError(code, position + offset, std::nullopt, std::move(value));
    return error->ToError();
  };
  Signature signature;
  signature.definition = std::string(definition);
  // As in the reference, modifiers apply to the previous parameter; before the first one they
  // apply to the parameter being built (and its type then replaces any quantifier).
  SignatureParam current;
  bool has_previous = false;
  auto previous = [&]() -> SignatureParam& {
    return has_previous ? signature.params.back() : current;
  };
  auto finish = [&](std::string type, std::string accepts) {
    current.type = std::move(type);
    current.accepts = std::move(accepts);
    current.quantifier.clear();
    signature.params.push_back(std::move(current));
    current = SignatureParam();
    has_previous = true;
  };
  for (size_t i = 1; i < definition.size(); ++i) {
    char symbol = definition[i];
    if (symbol == ':') break;  // The return type is not checked.
    switch (symbol) {
      case 's':
      case 'n':
      case 'b':
      case 'l':
      case 'o':
        finish(std::string(1, symbol), std::string(1, symbol) + "m");
        break;
      case 'a':
        finish("a", "asnblfom");
        break;
      case 'f':
        finish("f", "f");
        break;
      case 'j':
        finish("j", "asnblom");
        break;
      case 'x':
        finish("x", "asnblfom");
        break;
      case '-': {
        SignatureParam& param = previous();
        param.use_context = true;
        param.context_accepts = param.accepts;
        param.quantifier += '?';
        break;
      }
      case '?':
      case '+':
        previous().quantifier += symbol;
        break;
      case '(': {
        size_t end = FindClosingBracket(definition, i, '(', ')');
        std::string choice(definition.substr(i + 1, end - i - 1));
        if (choice.find('<') != std::string::npos) return fail("S0402", i, JsonText(choice));
        finish("(" + choice + ")", choice + "m");
        i = end;
        break;
      }
      case '<': {
        SignatureParam& param = previous();
        if (param.type != "a" && param.type != "f") {
          std::optional<std::string> type;
          if (!param.type.empty()) type = JsonText(param.type);
          return fail("S0401", i, std::move(type));
        }
        size_t end = FindClosingBracket(definition, i, '<', '>');
        param.subtype = std::string(definition.substr(i + 1, end - i - 1));
        i = end;
        break;
      }
      default:
        break;
    }
  }
  return signature;
}

}  // namespace stepwise::jsonata
