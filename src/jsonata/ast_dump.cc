#include "jsonata/ast_dump.h"

#include <string_view>

#include "json/write.h"
#include "jsonata/js_number.h"

namespace stepwise::jsonata {
namespace {

bool IsPlainName(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '_' || static_cast<unsigned char>(c) >= 0x80;
    if (!plain) return false;
  }
  return true;
}

class Dumper {
 public:
  std::string Take() { return std::move(out_); }

  void Dump(const Node& node) {
    DumpBody(node);
    DumpAnnotations(node);
  }

 private:
  void List(std::string_view head, std::initializer_list<const Node*> children) {
    out_ += '(';
    out_ += head;
    for (const Node* child : children) {
      if (child == nullptr) continue;
      out_ += ' ';
      Dump(*child);
    }
    out_ += ')';
  }

  void Nodes(const std::vector<const Node*>& nodes) {
    for (const Node* child : nodes) {
      out_ += ' ';
      Dump(*child);
    }
  }

  void Pairs(const std::vector<std::pair<const Node*, const Node*>>& pairs) {
    for (const auto& [key, value] : pairs) {
      out_ += " (";
      Dump(*key);
      out_ += ' ';
      Dump(*value);
      out_ += ')';
    }
  }

  void DumpBody(const Node& node) {
    switch (node.kind) {
      case NodeKind::kPath: {
        const auto& path = static_cast<const PathNode&>(node);
        out_ += "(path";
        Nodes(path.steps);
        out_ += ')';
        break;
      }
      case NodeKind::kName: {
        const std::string& name = static_cast<const NameNode&>(node).name;
        if (IsPlainName(name)) {
          out_ += name;
        } else {
          out_ += '`' + name + '`';
        }
        break;
      }
      case NodeKind::kLiteral: {
        const json::Value& value = static_cast<const LiteralNode&>(node).value;
        out_ += value.is_number() ? FormatJsNumber(value.as_number()) : json::Write(value);
        break;
      }
      case NodeKind::kVariable:
        out_ += '$' + static_cast<const VariableNode&>(node).name;
        break;
      case NodeKind::kRegex: {
        const auto& regex = static_cast<const RegexNode&>(node);
        out_ += '/' + regex.pattern + '/' + regex.flags;
        break;
      }
      case NodeKind::kWildcard:
        out_ += '*';
        break;
      case NodeKind::kDescendant:
        out_ += "**";
        break;
      case NodeKind::kParent:
        out_ += "(% " + std::to_string(static_cast<const ParentNode&>(node).label) + ')';
        break;
      case NodeKind::kBinary: {
        const auto& binary = static_cast<const BinaryNode&>(node);
        List(BinaryOpText(binary.op), {binary.lhs, binary.rhs});
        break;
      }
      case NodeKind::kNegate:
        List("-", {static_cast<const NegateNode&>(node).operand});
        break;
      case NodeKind::kArray:
        out_ += "(array";
        Nodes(static_cast<const ArrayNode&>(node).items);
        out_ += ')';
        break;
      case NodeKind::kObject:
        out_ += "(object";
        Pairs(static_cast<const ObjectNode&>(node).pairs);
        out_ += ')';
        break;
      case NodeKind::kFunction:
      case NodeKind::kPartial: {
        const auto& call = static_cast<const CallNode&>(node);
        out_ += node.kind == NodeKind::kFunction ? "(call " : "(partial ";
        Dump(*call.procedure);
        Nodes(call.arguments);
        out_ += ')';
        break;
      }
      case NodeKind::kPlaceholder:
        out_ += '?';
        break;
      case NodeKind::kLambda: {
        const auto& lambda = static_cast<const LambdaNode&>(node);
        out_ += "(lambda (";
        for (size_t i = 0; i < lambda.params.size(); ++i) {
          if (i > 0) out_ += ' ';
          out_ += '$' + lambda.params[i];
        }
        out_ += ')';
        if (lambda.signature.has_value()) out_ += ' ' + lambda.signature->definition;
        out_ += ' ';
        Dump(*lambda.body);
        out_ += ')';
        break;
      }
      case NodeKind::kCondition: {
        const auto& condition = static_cast<const ConditionNode&>(node);
        List("?", {condition.condition, condition.then, condition.otherwise});
        break;
      }
      case NodeKind::kCoalesce:
      case NodeKind::kDefault: {
        const auto& fallback = static_cast<const FallbackNode&>(node);
        List(node.kind == NodeKind::kCoalesce ? "??" : "?:", {fallback.lhs, fallback.rhs});
        break;
      }
      case NodeKind::kTransform: {
        const auto& transform = static_cast<const TransformNode&>(node);
        List("transform", {transform.pattern, transform.update, transform.remove});
        break;
      }
      case NodeKind::kBlock:
        out_ += "(block";
        Nodes(static_cast<const BlockNode&>(node).expressions);
        out_ += ')';
        break;
      case NodeKind::kBind: {
        const auto& bind = static_cast<const BindNode&>(node);
        out_ += "(:= $" + bind.variable + ' ';
        Dump(*bind.value);
        out_ += ')';
        break;
      }
      case NodeKind::kApply: {
        const auto& apply = static_cast<const ApplyNode&>(node);
        List("~>", {apply.lhs, apply.rhs});
        break;
      }
      case NodeKind::kSort: {
        out_ += "(sort";
        for (const SortTerm& term : static_cast<const SortNode&>(node).terms) {
          out_ += term.descending ? " >" : " <";
          Dump(*term.expression);
        }
        out_ += ')';
        break;
      }
    }
  }

  void Stages(std::string_view label, const std::vector<Stage>& stages) {
    Separator();
    out_ += label;
    out_ += "=[";
    for (size_t i = 0; i < stages.size(); ++i) {
      if (i > 0) out_ += ' ';
      if (stages[i].kind == Stage::Kind::kFilter) {
        Dump(*stages[i].filter);
      } else {
        out_ += "#$" + stages[i].variable;
      }
    }
    out_ += ']';
  }

  void Separator() {
    out_ += annotated_ ? "," : "{";
    annotated_ = true;
  }

  void Flag(bool set, std::string_view text) {
    if (!set) return;
    Separator();
    out_ += text;
  }

  void DumpAnnotations(const Node& node) {
    bool outer = annotated_;
    annotated_ = false;
    Flag(node.keep_array, "keep");
    Flag(node.kind == NodeKind::kPath && static_cast<const PathNode&>(node).keep_singleton_array,
         "keepsingleton");
    Flag(node.tuple, "tuple");
    Flag(node.consarray, "consarray");
    Flag((node.kind == NodeKind::kFunction || node.kind == NodeKind::kPartial) &&
             static_cast<const CallNode&>(node).tail_call,
         "tail");
    if (!node.predicates.empty()) Stages("predicates", node.predicates);
    if (!node.stages.empty()) Stages("stages", node.stages);
    if (node.group.has_value()) {
      Separator();
      out_ += "group=(object";
      Pairs(node.group->pairs);
      out_ += ')';
    }
    if (node.focus.has_value()) {
      Separator();
      out_ += "focus=$" + *node.focus;
    }
    if (node.index.has_value()) {
      Separator();
      out_ += "index=$" + *node.index;
    }
    if (node.ancestor.has_value()) {
      Separator();
      out_ += "ancestor=" + std::to_string(*node.ancestor);
    }
    if (annotated_) out_ += '}';
    annotated_ = outer;
  }

  std::string out_;
  bool annotated_ = false;
};

}  // namespace

std::string DumpAst(const Node& node) {
  Dumper dumper;
  dumper.Dump(node);
  return dumper.Take();
}

}  // namespace stepwise::jsonata
