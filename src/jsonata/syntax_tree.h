#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "jsonata/signature.h"

// Internal to src/jsonata: the tree the Pratt parser builds before post-processing turns it into
// the AST (ast.h). It mirrors the reference's parse tree, operator by operator, so that the
// post-processing can reproduce the reference's errors in the reference's order.
namespace stepwise::jsonata::internal {

enum class SyntaxKind : uint8_t {
  kName,        // text: the name
  kVariable,    // text: the name without $
  kString,      // text: the value
  kNumber,      // number
  kValue,       // text: "true", "false" or "null"
  kRegex,       // text: the pattern; flags
  kOperator,    // text: "and", "or", "in" used as an operand, or "?" (a partial's placeholder)
  kEnd,         // the end of the input where an operand was expected
  kWildcard,    // *
  kDescendant,  // **
  kParent,      // %
  kNegate,      // - lhs
  kArray,       // [items]
  kObject,      // {pairs}
  kBinary,      // lhs op rhs; op "[" is a predicate, "{" a grouping (pairs), "^" a sort (terms)
  kFunction,    // lhs(items)
  kPartial,     // lhs(items) with a ? among them
  kLambda,      // function(items)<signature>{rhs}
  kCondition,   // lhs ? rhs : extra
  kCoalesce,    // lhs ?? rhs
  kDefault,     // lhs ?: rhs
  kTransform,   // | lhs | rhs, extra |
  kBlock,       // (items; ...)
};

struct SortTermSyntax {
  bool descending = false;
  struct SyntaxNode* expression = nullptr;
};

struct SyntaxNode {
  SyntaxKind kind = SyntaxKind::kEnd;
  // The text of the token the node was made from: the operator for operator-made nodes.
  std::string op;
  size_t position = 0;
  std::string text;
  std::string flags;
  double number = 0;
  SyntaxNode* lhs = nullptr;
  SyntaxNode* rhs = nullptr;
  SyntaxNode* extra = nullptr;
  std::vector<SyntaxNode*> items;
  std::vector<std::pair<SyntaxNode*, SyntaxNode*>> pairs;
  std::vector<SortTermSyntax> terms;
  std::optional<Signature> signature;
  bool keep_array = false;
};

// Owns the syntax nodes of one parse; nodes are freed together, without recursion.
class SyntaxArena {
 public:
  SyntaxNode* Make(SyntaxKind kind, std::string op, size_t position) {
    nodes_.push_back(std::make_unique<SyntaxNode>());
    SyntaxNode* node = nodes_.back().get();
    node->kind = kind;
    node->op = std::move(op);
    node->position = position;
    return node;
  }

 private:
  std::vector<std::unique_ptr<SyntaxNode>> nodes_;
};

}  // namespace stepwise::jsonata::internal
