#include "jsonata/parser.h"

#include <memory>
#include <string>
#include <utility>

#include "jsonata/ast_builder.h"
#include "jsonata/js_number.h"
#include "jsonata/lexer.h"
#include "jsonata/signature.h"
#include "jsonata/syntax_tree.h"

namespace stepwise::jsonata {
namespace {

using internal::SortTermSyntax;
using internal::SyntaxArena;
using internal::SyntaxKind;
using internal::SyntaxNode;

// The reference's symbol id of a token: the operator itself, or a class of operand.
std::string_view Id(const Token& token) {
  switch (token.kind) {
    case TokenKind::kEnd:
      return "(end)";
    case TokenKind::kOperator:
      return token.text;
    case TokenKind::kName:
    case TokenKind::kVariable:
      return "(name)";
    case TokenKind::kString:
    case TokenKind::kNumber:
    case TokenKind::kValue:
      return "(literal)";
    case TokenKind::kRegex:
      return "(regex)";
  }
  return "";
}

// Left binding powers (the reference's operator table, as its symbols register them: ':', ';',
// '..', '**' and '|' are symbols without an infix meaning and bind at 0).
int LeftBindingPower(const Token& token) {
  if (token.kind != TokenKind::kOperator) return 0;
  const std::string& op = token.text;
  if (op == "[" || op == "(" || op == "@" || op == "#") return 80;
  if (op == ".") return 75;
  if (op == "{") return 70;
  if (op == "*" || op == "/" || op == "%") return 60;
  if (op == "+" || op == "-" || op == "&") return 50;
  if (op == "=" || op == "!=" || op == "<" || op == "<=" || op == ">" || op == ">=" || op == "^" ||
      op == "~>" || op == "in" || op == "??" || op == "?:") {
    return 40;
  }
  if (op == "and") return 30;
  if (op == "or") return 25;
  if (op == "?") return 20;
  if (op == ":=") return 10;
  return 0;
}

// '!' and '~' end names like operators but are no operators on their own.
bool IsKnownOperator(std::string_view op) { return op != "!" && op != "~"; }

// JSON.stringify of a token's value, for error messages.
std::string TokenJson(const Token& token) {
  switch (token.kind) {
    case TokenKind::kEnd:
      return JsonText("(end)");
    case TokenKind::kNumber:
      return FormatJsNumber(token.number);
    case TokenKind::kValue:
      return token.text;
    case TokenKind::kRegex:
      return "{}";
    default:
      return JsonText(token.text);
  }
}

// String(value) of a token's value in JavaScript, from which the reference rebuilds a lambda's
// signature text.
std::string TokenString(const Token& token) {
  switch (token.kind) {
    case TokenKind::kEnd:
      return "(end)";
    case TokenKind::kNumber:
      return FormatJsNumber(token.number);
    case TokenKind::kRegex: {
      std::string text = "/" + token.text + "/g";
      if (token.flags.find('i') != std::string::npos) text += 'i';
      if (token.flags.find('m') != std::string::npos) text += 'm';
      return text;
    }
    default:
      return token.text;
  }
}

// JSON.stringify of a syntax node's value (its token's value), for error messages.
std::string NodeJson(const SyntaxNode& node) {
  switch (node.kind) {
    case SyntaxKind::kName:
    case SyntaxKind::kVariable:
    case SyntaxKind::kString:
    case SyntaxKind::kOperator:
      return JsonText(node.text);
    case SyntaxKind::kNumber:
      return FormatJsNumber(node.number);
    case SyntaxKind::kValue:
      return node.text;
    case SyntaxKind::kRegex:
      return "{}";
    case SyntaxKind::kEnd:
      return JsonText("(end)");
    default:
      return JsonText(node.op);
  }
}

// A Pratt (top-down operator precedence) parser following the reference's nud/led table.
class Parser {
 public:
  Parser(std::string_view text, SyntaxArena* arena, ParseError* error)
      : lexer_(text), arena_(arena), error_(error) {}

  Result<SyntaxNode*> ParseAll() {
    TRY(Advance());
    SyntaxNode* root = TRY(Expression(0));
    if (current_.kind != TokenKind::kEnd) {
      return Fail(MakeParseError("S0201", current_.position, TokenJson(current_)));
    }
    return root;
  }

 private:
  Error Fail(ParseError error) {
    *error_ = std::move(error);
    return error_->ToError();
  }

  bool At(std::string_view id) const { return Id(current_) == id; }

  SyntaxNode* Make(SyntaxKind kind, const Token& token) {
    return arena_->Make(kind, token.text, token.position);
  }

  // Checks that the current token is `expected` (when given) and moves to the next one. slash
  // says what a '/' starting the next token means.
  Result<void> Advance(std::string_view expected = {}, SlashMeaning slash = SlashMeaning::kRegex) {
    if (!expected.empty() && Id(current_) != expected) {
      bool at_end = current_.kind == TokenKind::kEnd;
      return Fail(MakeParseError(at_end ? "S0203" : "S0202", current_.position, TokenJson(current_),
                                 JsonText(expected)));
    }
    Result<Token> next = lexer_.Next(slash);
    if (!next.ok()) {
      *error_ = lexer_.last_error();
      return next.release_error();
    }
    current_ = next.release_value();
    if (current_.kind == TokenKind::kOperator && !IsKnownOperator(current_.text)) {
      return Fail(MakeParseError("S0204", current_.position, JsonText(current_.text)));
    }
    return Ok();
  }

  Result<SyntaxNode*> Expression(int rbp) {
    if (++depth_ > kMaxNestingDepth) {
      return Fail(MakeParseError("U1001", current_.position));
    }
    Token token = std::move(current_);
    TRY(Advance({}, SlashMeaning::kDivide));
    SyntaxNode* left = TRY(Nud(token));
    while (rbp < LeftBindingPower(current_)) {
      token = std::move(current_);
      TRY(Advance());
      left = TRY(Led(token, left));
    }
    --depth_;
    return left;
  }

  // The prefix meaning of a token.
  Result<SyntaxNode*> Nud(const Token& token) {
    switch (token.kind) {
      case TokenKind::kEnd:
        return Make(SyntaxKind::kEnd, token);
      case TokenKind::kName:
        return Operand(SyntaxKind::kName, token);
      case TokenKind::kVariable:
        return Operand(SyntaxKind::kVariable, token);
      case TokenKind::kString:
        return Operand(SyntaxKind::kString, token);
      case TokenKind::kValue:
        return Operand(SyntaxKind::kValue, token);
      case TokenKind::kNumber: {
        SyntaxNode* node = Make(SyntaxKind::kNumber, token);
        node->number = token.number;
        return node;
      }
      case TokenKind::kRegex: {
        SyntaxNode* node = Operand(SyntaxKind::kRegex, token);
        node->flags = token.flags;
        return node;
      }
      case TokenKind::kOperator:
        break;
    }
    const std::string& op = token.text;
    if (op == "and" || op == "or" || op == "in") return Operand(SyntaxKind::kOperator, token);
    if (op == "*") return Make(SyntaxKind::kWildcard, token);
    if (op == "**") return Make(SyntaxKind::kDescendant, token);
    if (op == "%") return Make(SyntaxKind::kParent, token);
    if (op == "-") {
      SyntaxNode* node = Make(SyntaxKind::kNegate, token);
      node->lhs = TRY(Expression(70));
      return node;
    }
    if (op == "(") return Block(token);
    if (op == "[") return ArrayConstructor(token);
    if (op == "{") return ObjectConstructor(token, nullptr);
    if (op == "|") return Transform(token);
    return Fail(MakeParseError("S0211", token.position, JsonText(op)));
  }

  SyntaxNode* Operand(SyntaxKind kind, const Token& token) {
    SyntaxNode* node = arena_->Make(kind, "", token.position);
    node->text = token.text;
    return node;
  }

  // The infix meaning of an operator token (only tokens with a left binding power get here).
  Result<SyntaxNode*> Led(const Token& token, SyntaxNode* left) {
    const std::string& op = token.text;
    if (op == "(") return Call(token, left);
    if (op == "[") return Predicate(token, left);
    if (op == "^") return Sort(token, left);
    if (op == "{") return ObjectConstructor(token, left);
    if (op == "?") {
      SyntaxNode* node = Make(SyntaxKind::kCondition, token);
      node->lhs = left;
      node->rhs = TRY(Expression(0));
      if (At(":")) {
        TRY(Advance(":"));
        node->extra = TRY(Expression(0));
      }
      return node;
    }
    if (op == "??" || op == "?:") {
      SyntaxNode* node = Make(op == "??" ? SyntaxKind::kCoalesce : SyntaxKind::kDefault, token);
      node->lhs = left;
      node->rhs = TRY(Expression(0));
      return node;
    }
    SyntaxNode* node = Make(SyntaxKind::kBinary, token);
    node->lhs = left;
    if (op == ":=") {
      if (left->kind != SyntaxKind::kVariable) {
        return Fail(MakeParseError("S0212", left->position, NodeJson(*left)));
      }
      // Right-associative: one less than its binding power.
      node->rhs = TRY(Expression(9));
      return node;
    }
    node->rhs = TRY(Expression(LeftBindingPower(token)));
    if ((op == "@" || op == "#") && node->rhs->kind != SyntaxKind::kVariable) {
      return Fail(MakeParseError("S0214", node->rhs->position, JsonText(op)));
    }
    return node;
  }

  // f(args), f(?, args) and function($a, $b)<signature>{body}.
  Result<SyntaxNode*> Call(const Token& token, SyntaxNode* left) {
    SyntaxNode* node = Make(SyntaxKind::kFunction, token);
    node->lhs = left;
    if (!At(")")) {
      for (;;) {
        if (current_.IsOperator("?")) {
          node->kind = SyntaxKind::kPartial;
          node->items.push_back(Operand(SyntaxKind::kOperator, current_));
          TRY(Advance("?"));
        } else {
          node->items.push_back(TRY(Expression(0)));
        }
        if (!At(",")) break;
        TRY(Advance(","));
      }
    }
    TRY(Advance(")", SlashMeaning::kDivide));
    if (left->kind != SyntaxKind::kName || (left->text != "function" && left->text != "\u03BB")) {
      return node;
    }
    for (size_t i = 0; i < node->items.size(); ++i) {
      const SyntaxNode& param = *node->items[i];
      if (param.kind != SyntaxKind::kVariable) {
        return Fail(
            MakeParseError("S0208", param.position, NodeJson(param), std::to_string(i + 1)));
      }
    }
    node->kind = SyntaxKind::kLambda;
    if (At("<")) {
      // The reference rebuilds the signature's text from the tokens up to the matching '>'.
      size_t signature_position = current_.position;
      int depth = 1;
      std::string text = "<";
      while (depth > 0 && !At("{") && !At("(end)")) {
        TRY(Advance());
        if (At(">")) {
          --depth;
        } else if (At("<")) {
          ++depth;
        }
        text += TokenString(current_);
      }
      TRY(Advance(">"));
      node->signature = TRY(ParseSignature(text, signature_position, error_));
    }
    TRY(Advance("{"));
    node->rhs = TRY(Expression(0));
    TRY(Advance("}"));
    return node;
  }

  // a[predicate], and a[] (keep singleton arrays), which marks the step and makes no node.
  Result<SyntaxNode*> Predicate(const Token& token, SyntaxNode* left) {
    if (At("]")) {
      SyntaxNode* step = left;
      while (step->kind == SyntaxKind::kBinary && step->op == "[") step = step->lhs;
      step->keep_array = true;
      TRY(Advance("]"));
      return left;
    }
    SyntaxNode* node = Make(SyntaxKind::kBinary, token);
    node->lhs = left;
    node->rhs = TRY(Expression(0));
    TRY(Advance("]", SlashMeaning::kDivide));
    return node;
  }

  // a^(<b, >c).
  Result<SyntaxNode*> Sort(const Token& token, SyntaxNode* left) {
    TRY(Advance("("));
    SyntaxNode* node = Make(SyntaxKind::kBinary, token);
    node->lhs = left;
    for (;;) {
      SortTermSyntax term;
      if (At("<")) {
        TRY(Advance("<"));
      } else if (At(">")) {
        term.descending = true;
        TRY(Advance(">"));
      }
      term.expression = TRY(Expression(0));
      node->terms.push_back(term);
      if (!At(",")) break;
      TRY(Advance(","));
    }
    TRY(Advance(")"));
    return node;
  }

  // {k: v, ...} as an operand (left is null), or a{k: v, ...} grouping.
  Result<SyntaxNode*> ObjectConstructor(const Token& token, SyntaxNode* left) {
    SyntaxNode* node = Make(left == nullptr ? SyntaxKind::kObject : SyntaxKind::kBinary, token);
    node->lhs = left;
    if (!At("}")) {
      for (;;) {
        SyntaxNode* key = TRY(Expression(0));
        TRY(Advance(":"));
        SyntaxNode* value = TRY(Expression(0));
        node->pairs.emplace_back(key, value);
        if (!At(",")) break;
        TRY(Advance(","));
      }
    }
    TRY(Advance("}", SlashMeaning::kDivide));
    return node;
  }

  // (a; b; c).
  Result<SyntaxNode*> Block(const Token& token) {
    SyntaxNode* node = Make(SyntaxKind::kBlock, token);
    while (!At(")")) {
      node->items.push_back(TRY(Expression(0)));
      if (!At(";")) break;
      TRY(Advance(";"));
    }
    TRY(Advance(")", SlashMeaning::kDivide));
    return node;
  }

  // [a, b, c..d].
  Result<SyntaxNode*> ArrayConstructor(const Token& token) {
    SyntaxNode* node = Make(SyntaxKind::kArray, token);
    if (!At("]")) {
      for (;;) {
        SyntaxNode* item = TRY(Expression(0));
        if (At("..")) {
          SyntaxNode* range = Make(SyntaxKind::kBinary, current_);
          range->lhs = item;
          TRY(Advance(".."));
          range->rhs = TRY(Expression(0));
          item = range;
        }
        node->items.push_back(item);
        if (!At(",")) break;
        TRY(Advance(","));
      }
    }
    TRY(Advance("]", SlashMeaning::kDivide));
    return node;
  }

  // | pattern | update, delete |.
  Result<SyntaxNode*> Transform(const Token& token) {
    SyntaxNode* node = Make(SyntaxKind::kTransform, token);
    node->lhs = TRY(Expression(0));
    TRY(Advance("|"));
    node->rhs = TRY(Expression(0));
    if (At(",")) {
      TRY(Advance(","));
      node->extra = TRY(Expression(0));
    }
    TRY(Advance("|"));
    return node;
  }

  Lexer lexer_;
  Token current_;
  SyntaxArena* arena_;
  ParseError* error_;
  int depth_ = 0;
};

}  // namespace

Result<Expression> Parse(std::string_view text, ParseError* error) {
  ParseError detail;
  if (error == nullptr) error = &detail;
  SyntaxArena arena;
  Parser parser(text, &arena, error);
  SyntaxNode* syntax = TRY(parser.ParseAll());
  auto ast = std::make_shared<Ast>();
  const Node* root = TRY(internal::BuildAst(syntax, ast.get(), error));
  ast->set_root(root);
  return Expression(std::string(text), std::move(ast));
}

}  // namespace stepwise::jsonata
