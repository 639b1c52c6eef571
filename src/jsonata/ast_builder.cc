#include "jsonata/ast_builder.h"

#include <cmath>
#include <memory>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "jsonata/js_number.h"
#include "jsonata/parser.h"

namespace stepwise::jsonata::internal {
namespace {

// A number literal's value: an integer where that is exact, so that 1 prints as 1.
json::Value NumberValue(double number) {
  constexpr double kMaxSafeInteger = 9007199254740992.0;  // 2^53
  if (number == 0 && std::signbit(number)) return json::Value::Double(number);
  if (std::trunc(number) == number && std::fabs(number) <= kMaxSafeInteger) {
    return json::Value::Int(static_cast<int64_t>(number));
  }
  return json::Value::Double(number);
}

// JSON.stringify of a literal's value, for S0213.
std::string LiteralJson(const json::Value& value) {
  if (value.is_number()) return FormatJsNumber(value.as_number());
  if (value.is_bool()) return value.as_bool() ? "true" : "false";
  if (value.is_string()) return JsonText(value.as_string());
  return "null";
}

bool IsTruthyName(const std::optional<std::string>& name) {
  return name.has_value() && !name->empty();
}

std::optional<BinaryOp> BinaryOpFor(std::string_view op) {
  if (op == "+") return BinaryOp::kAdd;
  if (op == "-") return BinaryOp::kSubtract;
  if (op == "*") return BinaryOp::kMultiply;
  if (op == "/") return BinaryOp::kDivide;
  if (op == "%") return BinaryOp::kModulo;
  if (op == "=") return BinaryOp::kEqual;
  if (op == "!=") return BinaryOp::kNotEqual;
  if (op == "<") return BinaryOp::kLess;
  if (op == "<=") return BinaryOp::kLessEqual;
  if (op == ">") return BinaryOp::kGreater;
  if (op == ">=") return BinaryOp::kGreaterEqual;
  if (op == "&") return BinaryOp::kConcat;
  if (op == "and") return BinaryOp::kAnd;
  if (op == "or") return BinaryOp::kOr;
  if (op == "in") return BinaryOp::kIn;
  if (op == "..") return BinaryOp::kRange;
  return std::nullopt;
}

// The builder creates every node itself and links them as const; it alone may still change
// them, until BuildAst returns.
Node* Mutable(const Node* node) { return const_cast<Node*>(node); }

class Builder {
 public:
  Builder(Ast* ast, ParseError* error) : ast_(ast), error_(error) {}

  Result<const Node*> Build(SyntaxNode* root) {
    Node* result = TRY(Process(root, 0));
    // The reference: "trying to derive ancestor at top level".
    if (result->kind == NodeKind::kParent || seeking_.count(result) > 0) {
      return Fail(MakeParseError("S0217", result->position, JsonText(NodeTypeName(*result))));
    }
    for (const auto& [parent, slot] : parent_slot_) {
      static_cast<ParentNode*>(Mutable(parent))->label = slots_[slot].label;
    }
    for (const auto& [step, slot] : ancestor_slot_) step->ancestor = slots_[slot].label;
    for (PathNode* path : paths_) MarkPlainNames(path);
    return result;
  }

 private:
  // The state of one %: the label its value is bound to, and how many steps up it still has to
  // go (level) while the enclosing paths are processed.
  struct Slot {
    uint32_t label = 0;
    int level = 1;
  };
  // The reference's seekingParent: the slots of the % inside a node that still look for their
  // step. Shared, because the reference shares (and appends to) these arrays between nodes.
  using SlotList = std::shared_ptr<std::vector<uint32_t>>;

  Error Fail(ParseError error) {
    *error_ = std::move(error);
    return error_->ToError();
  }

  template <typename T, typename... Args>
  T* Make(size_t position, Args&&... args) {
    T* node = ast_->Make<T>(std::forward<Args>(args)...);
    node->position = position;
    if constexpr (std::is_same_v<T, PathNode>) paths_.push_back(node);
    if constexpr (std::is_same_v<T, BindNode> || std::is_same_v<T, CallNode> ||
                  std::is_same_v<T, ApplyNode>) {
      ++scope_writers_;
    }
    return node;
  }

  // The reference's processAST.
  Result<Node*> Process(SyntaxNode* expr, int depth) {
    if (depth > kMaxNestingDepth) return Fail(MakeParseError("U1001", expr->position));
    Node* result = TRY(ProcessKind(expr, depth + 1));
    if (expr->keep_array) result->keep_array = true;
    return result;
  }

  Result<Node*> ProcessKind(SyntaxNode* expr, int depth) {
    switch (expr->kind) {
      case SyntaxKind::kBinary:
        return ProcessBinary(expr, depth);
      case SyntaxKind::kNegate: {
        Node* operand = TRY(Process(expr->lhs, depth));
        if (operand->kind == NodeKind::kLiteral) {
          auto* literal = static_cast<LiteralNode*>(operand);
          if (literal->value.is_number()) {
            literal->value = NumberValue(-literal->value.as_number());
            return literal;
          }
        }
        auto* node = Make<NegateNode>(expr->position);
        node->operand = operand;
        PushAncestry(node, operand);
        return node;
      }
      case SyntaxKind::kArray: {
        auto* node = Make<ArrayNode>(expr->position);
        for (SyntaxNode* item : expr->items) {
          Node* value = TRY(Process(item, depth));
          PushAncestry(node, value);
          node->items.push_back(value);
        }
        return node;
      }
      case SyntaxKind::kObject: {
        auto* node = Make<ObjectNode>(expr->position);
        for (auto [key_syntax, value_syntax] : expr->pairs) {
          Node* key = TRY(Process(key_syntax, depth));
          PushAncestry(node, key);
          Node* value = TRY(Process(value_syntax, depth));
          PushAncestry(node, value);
          node->pairs.emplace_back(key, value);
        }
        return node;
      }
      case SyntaxKind::kFunction:
      case SyntaxKind::kPartial: {
        auto* node = Make<CallNode>(expr->position, expr->kind == SyntaxKind::kFunction
                                                        ? NodeKind::kFunction
                                                        : NodeKind::kPartial);
        for (SyntaxNode* argument : expr->items) {
          Node* value = TRY(Process(argument, depth));
          PushAncestry(node, value);
          node->arguments.push_back(value);
        }
        node->procedure = TRY(Process(expr->lhs, depth));
        return node;
      }
      case SyntaxKind::kLambda: {
        auto* node = Make<LambdaNode>(expr->position);
        for (SyntaxNode* param : expr->items) node->params.push_back(param->text);
        node->signature = expr->signature;
        Node* body = TRY(Process(expr->rhs, depth));
        MarkTailCalls(body);
        node->body = body;
        return node;
      }
      case SyntaxKind::kCondition: {
        auto* node = Make<ConditionNode>(expr->position);
        node->condition = TRY(Process(expr->lhs, depth));
        PushAncestry(node, node->condition);
        node->then = TRY(Process(expr->rhs, depth));
        PushAncestry(node, node->then);
        if (expr->extra != nullptr) {
          node->otherwise = TRY(Process(expr->extra, depth));
          PushAncestry(node, node->otherwise);
        }
        return node;
      }
      case SyntaxKind::kCoalesce:
      case SyntaxKind::kDefault: {
        auto* node = Make<FallbackNode>(expr->position, expr->kind == SyntaxKind::kCoalesce
                                                            ? NodeKind::kCoalesce
                                                            : NodeKind::kDefault);
        node->lhs = TRY(Process(expr->lhs, depth));
        PushAncestry(node, node->lhs);
        node->rhs = TRY(Process(expr->rhs, depth));
        PushAncestry(node, node->rhs);
        return node;
      }
      case SyntaxKind::kTransform: {
        auto* node = Make<TransformNode>(expr->position);
        node->pattern = TRY(Process(expr->lhs, depth));
        node->update = TRY(Process(expr->rhs, depth));
        if (expr->extra != nullptr) node->remove = TRY(Process(expr->extra, depth));
        return node;
      }
      case SyntaxKind::kBlock: {
        auto* node = Make<BlockNode>(expr->position);
        size_t writers_before = scope_writers_;
        for (SyntaxNode* item : expr->items) {
          Node* part = TRY(Process(item, depth));
          PushAncestry(node, part);
          if (part->consarray || (part->kind == NodeKind::kPath &&
                                  static_cast<PathNode*>(part)->steps[0]->consarray)) {
            node->consarray = true;
          }
          node->expressions.push_back(part);
        }
        node->scoped = scope_writers_ != writers_before;
        return node;
      }
      case SyntaxKind::kName:
        return NamePath(expr);
      case SyntaxKind::kParent: {
        auto* node = Make<ParentNode>(kNoPosition);
        auto slot = static_cast<uint32_t>(slots_.size());
        slots_.push_back(Slot{next_label_++, 1});
        parent_slot_.emplace(node, slot);
        return node;
      }
      case SyntaxKind::kString: {
        auto* node = Make<LiteralNode>(expr->position);
        node->value = json::Value::String(expr->text);
        return node;
      }
      case SyntaxKind::kNumber: {
        auto* node = Make<LiteralNode>(expr->position);
        node->value = NumberValue(expr->number);
        return node;
      }
      case SyntaxKind::kValue: {
        auto* node = Make<LiteralNode>(expr->position);
        if (expr->text != "null") node->value = json::Value::Bool(expr->text == "true");
        return node;
      }
      case SyntaxKind::kWildcard:
        return Make<Node>(expr->position, NodeKind::kWildcard);
      case SyntaxKind::kDescendant:
        return Make<Node>(expr->position, NodeKind::kDescendant);
      case SyntaxKind::kVariable: {
        auto* node = Make<VariableNode>(expr->position);
        node->name = expr->text;
        return node;
      }
      case SyntaxKind::kRegex: {
        auto* node = Make<RegexNode>(expr->position);
        node->pattern = expr->text;
        node->flags = expr->flags;
        return node;
      }
      case SyntaxKind::kOperator:
        // "and", "or" and "in" used as operands are field names.
        if (expr->text == "and" || expr->text == "or" || expr->text == "in") {
          return NamePath(expr);
        }
        if (expr->text == "?") return Make<Node>(expr->position, NodeKind::kPlaceholder);
        return Fail(MakeParseError("S0201", expr->position, JsonText(expr->text)));
      case SyntaxKind::kEnd:
        return Fail(MakeParseError("S0207", expr->position, JsonText("(end)")));
    }
    return Fail(MakeParseError("S0206", expr->position, JsonText(expr->op)));
  }

  // A name on its own is a path of one step.
  Node* NamePath(SyntaxNode* expr) {
    auto* name = Make<NameNode>(expr->position);
    name->name = expr->text;
    name->keep_array = expr->keep_array;
    auto* path = Make<PathNode>(kNoPosition);
    path->steps.push_back(name);
    path->keep_singleton_array = expr->keep_array;
    return path;
  }

  Result<Node*> ProcessBinary(SyntaxNode* expr, int depth) {
    const std::string& op = expr->op;
    if (op == ".") return ProcessMap(expr, depth);
    if (op == "[") return ProcessPredicate(expr, depth);
    if (op == "{") {
      Node* result = TRY(Process(expr->lhs, depth));
      if (result->group.has_value()) {
        return Fail(MakeParseError("S0210", expr->position));
      }
      Group group;
      group.position = expr->position;
      for (auto [key_syntax, value_syntax] : expr->pairs) {
        Node* key = TRY(Process(key_syntax, depth));
        Node* value = TRY(Process(value_syntax, depth));
        group.pairs.emplace_back(key, value);
      }
      result->group = std::move(group);
      return result;
    }
    if (op == "^") {
      PathNode* path = AsPath(TRY(Process(expr->lhs, depth)));
      auto* sort = Make<SortNode>(expr->position);
      for (const SortTermSyntax& term : expr->terms) {
        Node* expression = TRY(Process(term.expression, depth));
        PushAncestry(sort, expression);
        sort->terms.push_back(SortTerm{term.descending, expression});
      }
      path->steps.push_back(sort);
      TRY(ResolveAncestry(path));
      return path;
    }
    if (op == ":=") {
      auto* bind = Make<BindNode>(expr->position);
      Node* variable = TRY(Process(expr->lhs, depth));
      // The parser has checked that the left side is a variable (S0212).
      bind->variable = static_cast<VariableNode*>(variable)->name;
      bind->value = TRY(Process(expr->rhs, depth));
      PushAncestry(bind, bind->value);
      return bind;
    }
    if (op == "@") {
      Node* result = TRY(Process(expr->lhs, depth));
      Node* step = LastStep(result);
      if (!step->stages.empty() || !step->predicates.empty()) {
        return Fail(MakeParseError("S0215", expr->position));
      }
      if (step->kind == NodeKind::kSort) return Fail(MakeParseError("S0216", expr->position));
      if (expr->keep_array) step->keep_array = true;
      step->focus = expr->rhs->text;
      step->tuple = true;
      return result;
    }
    if (op == "#") {
      Node* result = TRY(Process(expr->lhs, depth));
      Node* step = result;
      if (result->kind == NodeKind::kPath) {
        step = LastStep(result);
      } else {
        auto* path = Make<PathNode>(kNoPosition);
        path->steps.push_back(step);
        result = path;
        if (!step->predicates.empty()) step->stages = std::move(step->predicates);
        step->predicates.clear();
      }
      if (step->stages.empty()) {
        step->index = expr->rhs->text;
      } else {
        Stage stage;
        stage.kind = Stage::Kind::kIndex;
        stage.variable = expr->rhs->text;
        stage.position = expr->position;
        step->stages.push_back(std::move(stage));
      }
      step->tuple = true;
      return result;
    }
    if (op == "~>") {
      auto* apply = Make<ApplyNode>(expr->position);
      apply->lhs = TRY(Process(expr->lhs, depth));
      apply->rhs = TRY(Process(expr->rhs, depth));
      apply->keep_array = apply->lhs->keep_array || apply->rhs->keep_array;
      return apply;
    }
    std::optional<BinaryOp> binary_op = BinaryOpFor(op);
    if (!binary_op.has_value()) {
      return Fail(MakeParseError("S0206", expr->position, JsonText(op)));
    }
    auto* node = Make<BinaryNode>(expr->position);
    node->op = *binary_op;
    Node* lhs = TRY(Process(expr->lhs, depth));
    node->lhs = lhs;
    Node* rhs = TRY(Process(expr->rhs, depth));
    node->rhs = rhs;
    PushAncestry(node, lhs);
    PushAncestry(node, rhs);
    return node;
  }

  // lhs.rhs: a path, its steps those of both sides.
  Result<Node*> ProcessMap(SyntaxNode* expr, int depth) {
    Node* lstep = TRY(Process(expr->lhs, depth));
    PathNode* path = AsPath(lstep);
    if (lstep->kind == NodeKind::kParent) {
      seeking_[path] = std::make_shared<std::vector<uint32_t>>(1, parent_slot_.at(lstep));
    }
    Node* rest = TRY(Process(expr->rhs, depth));
    if (rest->kind == NodeKind::kPath) {
      const auto& rest_steps = static_cast<PathNode*>(rest)->steps;
      path->steps.insert(path->steps.end(), rest_steps.begin(), rest_steps.end());
    } else {
      if (!rest->predicates.empty()) {
        rest->stages = std::move(rest->predicates);
        rest->predicates.clear();
      }
      path->steps.push_back(rest);
    }
    // Number and true/false/null literals cannot be steps; string literals are names.
    for (const Node*& step : path->steps) {
      if (step->kind != NodeKind::kLiteral) continue;
      const json::Value& value = static_cast<const LiteralNode*>(step)->value;
      if (!value.is_string()) {
        return Fail(MakeParseError("S0213", step->position, std::nullopt, LiteralJson(value)));
      }
    }
    for (const Node*& step : path->steps) {
      if (step->kind == NodeKind::kLiteral) step = LiteralToName(Mutable(step));
    }
    for (const Node* step : path->steps) {
      if (step->keep_array) path->keep_singleton_array = true;
    }
    if (path->steps.front()->kind == NodeKind::kArray)
      Mutable(path->steps.front())->consarray = true;
    if (path->steps.back()->kind == NodeKind::kArray) Mutable(path->steps.back())->consarray = true;
    TRY(ResolveAncestry(path));
    return path;
  }

  // lhs[rhs]: a filter on the last step of a path, or on the node itself.
  Result<Node*> ProcessPredicate(SyntaxNode* expr, int depth) {
    Node* result = TRY(Process(expr->lhs, depth));
    Node* step = LastStep(result);
    bool on_path_step = result->kind == NodeKind::kPath;
    if (step->group.has_value()) return Fail(MakeParseError("S0209", expr->position));
    Node* predicate = TRY(Process(expr->rhs, depth));
    if (auto it = seeking_.find(predicate); it != seeking_.end()) {
      SlotList slots = it->second;
      for (size_t i = 0; i < slots->size(); ++i) {
        uint32_t slot = (*slots)[i];
        if (slots_[slot].level == 1) {
          TRY(SeekParent(step, slot));
        } else {
          --slots_[slot].level;
        }
      }
      PushAncestry(step, predicate);
    }
    Stage stage;
    stage.filter = predicate;
    stage.position = expr->position;
    (on_path_step ? step->stages : step->predicates).push_back(std::move(stage));
    return result;
  }

  PathNode* AsPath(Node* node) {
    if (node->kind == NodeKind::kPath) return static_cast<PathNode*>(node);
    auto* path = Make<PathNode>(kNoPosition);
    path->steps.push_back(node);
    return path;
  }

  // The last step of a path, or the node itself when it is no path.
  static Node* LastStep(Node* node) {
    if (node->kind != NodeKind::kPath) return node;
    return Mutable(static_cast<PathNode*>(node)->steps.back());
  }

  // A string literal used as a path step becomes a name, keeping everything attached to it.
  Node* LiteralToName(Node* literal) {
    auto* name = Make<NameNode>(literal->position);
    name->name = std::string(static_cast<LiteralNode*>(literal)->value.as_string());
    name->keep_array = literal->keep_array;
    name->tuple = literal->tuple;
    name->consarray = literal->consarray;
    name->predicates = std::move(literal->predicates);
    name->stages = std::move(literal->stages);
    name->group = std::move(literal->group);
    name->focus = std::move(literal->focus);
    name->index = std::move(literal->index);
    if (auto it = seeking_.find(literal); it != seeking_.end()) {
      seeking_[name] = it->second;
      seeking_.erase(literal);
    }
    if (auto it = ancestor_slot_.find(literal); it != ancestor_slot_.end()) {
      ancestor_slot_[name] = it->second;
      ancestor_slot_.erase(literal);
    }
    return name;
  }

  // The reference's pushAncestry: value's unresolved % (and value itself, if it is one) are
  // carried up to result.
  void PushAncestry(Node* result, const Node* value) {
    auto it = seeking_.find(value);
    bool is_parent = value->kind == NodeKind::kParent;
    if (it == seeking_.end() && !is_parent) return;
    SlotList slots = it != seeking_.end() ? it->second : std::make_shared<std::vector<uint32_t>>();
    if (is_parent) slots->push_back(parent_slot_.at(value));
    SlotList& target = seeking_[result];
    if (target == nullptr) {
      target = slots;
    } else {
      std::vector<uint32_t> copy = *slots;
      target->insert(target->end(), copy.begin(), copy.end());
    }
  }

  // The reference's resolveAncestry: the % that the last step of the path carries look for
  // their step among the earlier steps; those that go past the first step stay with the path.
  Result<void> ResolveAncestry(PathNode* path) {
    Node* last = Mutable(path->steps.back());
    auto it = seeking_.find(last);
    SlotList slots = it != seeking_.end() ? it->second : std::make_shared<std::vector<uint32_t>>();
    if (last->kind == NodeKind::kParent) slots->push_back(parent_slot_.at(last));
    for (size_t i = 0; i < slots->size(); ++i) {
      uint32_t slot = (*slots)[i];
      auto index = static_cast<int64_t>(path->steps.size()) - 2;
      while (slots_[slot].level > 0) {
        if (index < 0) {
          SlotList& pending = seeking_[path];
          if (pending == nullptr) pending = std::make_shared<std::vector<uint32_t>>();
          pending->push_back(slot);
          break;
        }
        Node* step = Mutable(path->steps[static_cast<size_t>(index--)]);
        // Contiguous steps that bind the focus count as one.
        while (index >= 0 && IsTruthyName(step->focus) &&
               IsTruthyName(path->steps[static_cast<size_t>(index)]->focus)) {
          step = Mutable(path->steps[static_cast<size_t>(index--)]);
        }
        slot = TRY(SeekParent(step, slot));
      }
    }
    return Ok();
  }

  // The reference's seekParent: walks back from node for the step a % refers to.
  Result<uint32_t> SeekParent(Node* node, uint32_t slot) {
    switch (node->kind) {
      case NodeKind::kName:
      case NodeKind::kWildcard:
        if (--slots_[slot].level == 0) {
          auto it = ancestor_slot_.find(node);
          if (it == ancestor_slot_.end()) {
            ancestor_slot_.emplace(node, slot);
          } else {
            // Reuse the label of the % already bound to this step.
            slots_[slot].label = slots_[it->second].label;
            it->second = slot;
          }
          node->tuple = true;
        }
        break;
      case NodeKind::kParent:
        ++slots_[slot].level;
        break;
      case NodeKind::kBlock: {
        auto* block = static_cast<BlockNode*>(node);
        if (!block->expressions.empty()) {
          block->tuple = true;
          slot = TRY(SeekParent(Mutable(block->expressions.back()), slot));
        }
        break;
      }
      case NodeKind::kPath: {
        auto* path = static_cast<PathNode*>(node);
        path->tuple = true;
        auto index = static_cast<int64_t>(path->steps.size()) - 1;
        slot = TRY(SeekParent(Mutable(path->steps[static_cast<size_t>(index--)]), slot));
        while (slots_[slot].level > 0 && index >= 0) {
          slot = TRY(SeekParent(Mutable(path->steps[static_cast<size_t>(index--)]), slot));
        }
        break;
      }
      default:
        return Fail(MakeParseError("S0217", node->position, JsonText(NodeTypeName(*node))));
    }
    return slot;
  }

  // PathNode::plain_names.
  static void MarkPlainNames(PathNode* path) {
    auto plain = [](const Node* step) {
      return !step->keep_array && !step->tuple && !step->consarray && step->predicates.empty() &&
             step->stages.empty() && !step->group.has_value() && !step->focus.has_value() &&
             !step->index.has_value() && !step->ancestor.has_value();
    };
    const std::vector<const Node*>& steps = path->steps;
    bool first_variable = steps[0]->kind == NodeKind::kVariable && plain(steps[0]);
    path->plain_names = true;
    for (size_t i = first_variable ? 1 : 0; i < steps.size(); ++i) {
      if (steps[i]->kind != NodeKind::kName || !plain(steps[i])) {
        path->plain_names = false;
        return;
      }
    }
  }

  // The reference's tailCallOptimize: calls in tail position of a lambda body.
  void MarkTailCalls(Node* node) {
    switch (node->kind) {
      case NodeKind::kFunction:
        if (node->predicates.empty()) static_cast<CallNode*>(node)->tail_call = true;
        break;
      case NodeKind::kCondition: {
        auto* condition = static_cast<ConditionNode*>(node);
        MarkTailCalls(Mutable(condition->then));
        if (condition->otherwise != nullptr) MarkTailCalls(Mutable(condition->otherwise));
        break;
      }
      case NodeKind::kCoalesce:
      case NodeKind::kDefault:
        // The reference's expansion also thunks the left side, but re-evaluates it to do so;
        // here it is evaluated once, so only the right side is in tail position.
        MarkTailCalls(Mutable(static_cast<FallbackNode*>(node)->rhs));
        break;
      case NodeKind::kBlock: {
        auto* block = static_cast<BlockNode*>(node);
        if (!block->expressions.empty()) MarkTailCalls(Mutable(block->expressions.back()));
        break;
      }
      default:
        break;
    }
  }

  Ast* ast_;
  ParseError* error_;
  std::vector<PathNode*> paths_;  // every path, for MarkPlainNames
  // Nodes made so far that may bind a variable in the enclosing scope (BlockNode::scoped).
  size_t scope_writers_ = 0;
  std::vector<Slot> slots_;
  uint32_t next_label_ = 0;
  std::unordered_map<const Node*, uint32_t> parent_slot_;
  std::unordered_map<const Node*, SlotList> seeking_;
  std::unordered_map<Node*, uint32_t> ancestor_slot_;
};

}  // namespace

Result<const Node*> BuildAst(SyntaxNode* root, Ast* ast, ParseError* error) {
  Builder builder(ast, error);
  return builder.Build(root);
}

}  // namespace stepwise::jsonata::internal
