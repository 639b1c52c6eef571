#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "json/value.h"
#include "jsonata/parse_error.h"
#include "jsonata/signature.h"

namespace stepwise::jsonata {

// The abstract syntax tree of a JSONata expression, after the reference's post-parse processing
// (jsonata-js 2.x, processAST): location paths are flattened into PathNode steps, predicates
// become stages of the step they filter, `%` is resolved to the step it refers to, string
// literals used as steps become names, unary minus on a number literal is folded, and tail calls
// in lambda bodies are marked. An evaluator walks it with a switch on Node::kind and a static_cast
// to the struct the kind names.
//
// Positions are the reference's (see parse_error.h): UTF-16 offsets just past the node's token,
// kNoPosition where the reference has none (paths, `%`).

enum class NodeKind : uint8_t {
  kPath,         // PathNode: a.b.c, evaluated step by step
  kName,         // NameNode: a field name (a path step)
  kLiteral,      // LiteralNode: a string, number, true, false or null
  kVariable,     // VariableNode: $name, $ (context), $$ (root)
  kRegex,        // RegexNode: /pattern/flags
  kWildcard,     // Node: *
  kDescendant,   // Node: **
  kParent,       // ParentNode: %
  kBinary,       // BinaryNode: arithmetic, comparison, &, and, or, in, and .. in arrays
  kNegate,       // NegateNode: unary minus on anything but a number literal
  kArray,        // ArrayNode: [a, b, 1..3]
  kObject,       // ObjectNode: {k: v, ...}
  kFunction,     // CallNode: f(args)
  kPartial,      // CallNode: f(?, args), a partial application
  kPlaceholder,  // Node: the ? argument of a partial application
  kLambda,       // LambdaNode: function($a, $b)<sig>{body}
  kCondition,    // ConditionNode: c ? a : b
  kCoalesce,     // FallbackNode: a ?? b (b when a does not exist)
  kDefault,      // FallbackNode: a ?: b (b when a is falsy)
  kTransform,    // TransformNode: | pattern | update, delete |
  kBlock,        // BlockNode: (a; b; c)
  kBind,         // BindNode: $v := value
  kApply,        // ApplyNode: a ~> f
  kSort,         // SortNode: ^(<a, >b), only as a path step
};

enum class BinaryOp : uint8_t {
  kAdd,
  kSubtract,
  kMultiply,
  kDivide,
  kModulo,  // + - * / %
  kEqual,
  kNotEqual,
  kLess,
  kLessEqual,
  kGreater,
  kGreaterEqual,  // = != < <= > >=
  kConcat,
  kAnd,
  kOr,
  kIn,     // & and or in
  kRange,  // .. (array constructors only)
};

// The operator as written ("+", "and", "..").
std::string_view BinaryOpText(BinaryOp op);

struct Node;

// A predicate filter, or an index binding (#$i after a predicate), applied to a step's results.
struct Stage {
  enum class Kind : uint8_t { kFilter, kIndex };
  Kind kind = Kind::kFilter;
  const Node* filter = nullptr;  // kFilter: the predicate expression
  std::string variable;          // kIndex: the bound variable's name, without $
  size_t position = kNoPosition;
};

// A grouping expression a{k: v, ...} attached to the node it groups.
struct Group {
  std::vector<std::pair<const Node*, const Node*>> pairs;
  size_t position = kNoPosition;
};

// What every node has. The annotations after `position` are the ones the reference attaches to
// steps and to other nodes; they are empty/false/nullopt on most nodes.
//
// Nodes are owned by their Ast and never change after Parse returns; Node pointers stay valid as
// long as the Ast (any Expression sharing it) lives. Not copyable.
struct Node {
  explicit Node(NodeKind k) : kind(k) {}
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;
  virtual ~Node() = default;

  NodeKind kind;
  size_t position = kNoPosition;
  // `[]` after the node (reference: keepArray): a singleton result stays an array.
  bool keep_array = false;
  // The step takes part in a tuple stream (it binds @, # or is the target of a %).
  bool tuple = false;
  // An array constructor (or a block holding one) that is the first or last step of a path: it is
  // evaluated once rather than per input item, and its result is not flattened.
  bool consarray = false;
  // Filters the evaluator applies to this node's own result (reference: predicate). A node that
  // is not a path step keeps its [..] here.
  std::vector<Stage> predicates;
  // Filters and index bindings applied to a path step's results (reference: stages).
  std::vector<Stage> stages;
  // a{...}: the grouping applied to this node's (a path's or other node's) result.
  std::optional<Group> group;
  // @$v on a step: the variable bound to each item (without $).
  std::optional<std::string> focus;
  // #$i on a step without stages: the variable bound to each item's position (without $).
  std::optional<std::string> index;
  // On a name or * step that a % refers to: the label the % reads (ParentNode::label).
  std::optional<uint32_t> ancestor;
};

struct PathNode : Node {
  PathNode() : Node(NodeKind::kPath) {}
  std::vector<const Node*> steps;  // never empty
  // Some step has keep_array: singleton results stay arrays (reference: keepSingletonArray).
  bool keep_singleton_array = false;
  // Every step is a field name without annotations (predicates, stages, bindings, grouping,
  // `[]`), but for the first, which may also be such a variable ($v.a.b): the evaluator's fast
  // path. Set once the whole tree is built.
  bool plain_names = false;
};

struct NameNode : Node {
  NameNode() : Node(NodeKind::kName) {}
  std::string name;
};

// A literal. Numbers are integers (Kind::kInt) when integral and within +/-2^53 (so 1 prints as
// 1), otherwise doubles; -0 is the double -0.0.
struct LiteralNode : Node {
  LiteralNode() : Node(NodeKind::kLiteral) {}
  json::Value value;
};

struct VariableNode : Node {
  VariableNode() : Node(NodeKind::kVariable) {}
  std::string name;  // without $: "" for $ (the context), "$" for $$ (the root)
};

struct RegexNode : Node {
  RegexNode() : Node(NodeKind::kRegex) {}
  std::string pattern;  // as written between the slashes, not yet compiled or checked
  std::string flags;    // "i" and "m" as written (the reference adds "g")
};

struct ParentNode : Node {
  ParentNode() : Node(NodeKind::kParent) {}
  uint32_t label = 0;  // the ancestor label bound by the step it refers to
};

struct BinaryNode : Node {
  BinaryNode() : Node(NodeKind::kBinary) {}
  BinaryOp op = BinaryOp::kAdd;
  const Node* lhs = nullptr;
  const Node* rhs = nullptr;
};

struct NegateNode : Node {
  NegateNode() : Node(NodeKind::kNegate) {}
  const Node* operand = nullptr;
};

struct ArrayNode : Node {
  ArrayNode() : Node(NodeKind::kArray) {}
  std::vector<const Node*> items;  // a range a..b is a BinaryNode with BinaryOp::kRange
};

struct ObjectNode : Node {
  ObjectNode() : Node(NodeKind::kObject) {}
  std::vector<std::pair<const Node*, const Node*>> pairs;  // key expression, value expression
};

// kFunction or kPartial. A partial application's arguments include kPlaceholder nodes.
struct CallNode : Node {
  explicit CallNode(NodeKind k) : Node(k) {}
  const Node* procedure = nullptr;
  std::vector<const Node*> arguments;
  // A call in tail position of a lambda body (and without predicates): the evaluator may return
  // it to the caller's trampoline instead of recursing (reference: the thunk lambda).
  bool tail_call = false;
};

struct LambdaNode : Node {
  LambdaNode() : Node(NodeKind::kLambda) {}
  std::vector<std::string> params;  // names without $
  std::optional<Signature> signature;
  const Node* body = nullptr;
};

struct ConditionNode : Node {
  ConditionNode() : Node(NodeKind::kCondition) {}
  const Node* condition = nullptr;
  const Node* then = nullptr;
  const Node* otherwise = nullptr;  // nullptr when there is no ': else' part
};

// kCoalesce (a ?? b: a if $exists(a), else b) or kDefault (a ?: b: a if $boolean(a), else b).
// The reference expands both into a condition that evaluates a twice; lhs is evaluated once here.
struct FallbackNode : Node {
  explicit FallbackNode(NodeKind k) : Node(k) {}
  const Node* lhs = nullptr;
  const Node* rhs = nullptr;
};

struct TransformNode : Node {
  TransformNode() : Node(NodeKind::kTransform) {}
  const Node* pattern = nullptr;
  const Node* update = nullptr;
  const Node* remove = nullptr;  // the optional third part (the fields to delete), or nullptr
};

struct BlockNode : Node {
  BlockNode() : Node(NodeKind::kBlock) {}
  std::vector<const Node*> expressions;  // may be empty: ()
  // Some expression inside may bind a variable in the block's scope (a `$v := ...`, or a call, as
  // $eval may): the block evaluates in a frame of its own. Otherwise it shares its parent's.
  bool scoped = true;
};

struct BindNode : Node {
  BindNode() : Node(NodeKind::kBind) {}
  std::string variable;  // without $
  const Node* value = nullptr;
};

struct ApplyNode : Node {
  ApplyNode() : Node(NodeKind::kApply) {}
  const Node* lhs = nullptr;
  const Node* rhs = nullptr;
};

struct SortTerm {
  bool descending = false;
  const Node* expression = nullptr;
};

struct SortNode : Node {
  SortNode() : Node(NodeKind::kSort) {}
  std::vector<SortTerm> terms;
};

// The reference's name for the node's type ("path", "name", "string", "number", "binary", ...),
// as S0217's token uses it. kCoalesce and kDefault are "condition", as in the reference.
std::string_view NodeTypeName(const Node& node);

// Owns the nodes of one parsed expression. Built by Parse, then immutable.
class Ast {
 public:
  Ast() = default;
  Ast(const Ast&) = delete;
  Ast& operator=(const Ast&) = delete;

  // Allocates a node owned by this Ast (for the parser).
  template <typename T, typename... Args>
  T* Make(Args&&... args) {
    auto node = std::make_unique<T>(std::forward<Args>(args)...);
    T* raw = node.get();
    nodes_.push_back(std::move(node));
    return raw;
  }

  void set_root(const Node* root) { root_ = root; }
  const Node& root() const { return *root_; }
  size_t node_count() const { return nodes_.size(); }

 private:
  std::vector<std::unique_ptr<Node>> nodes_;
  const Node* root_ = nullptr;
};

// A parsed JSONata expression: compiled once, immutable, and shared. Copies share the tree, so
// an Expression may be copied freely and used from any number of threads at once.
//
// Intentionally copyable.
class Expression {
 public:
  Expression(std::string source, std::shared_ptr<const Ast> ast)
      : source_(std::make_shared<const std::string>(std::move(source))), ast_(std::move(ast)) {}

  const Node& root() const { return ast_->root(); }
  // The text it was parsed from.
  const std::string& source() const { return *source_; }

 private:
  std::shared_ptr<const std::string> source_;
  std::shared_ptr<const Ast> ast_;
};

}  // namespace stepwise::jsonata
