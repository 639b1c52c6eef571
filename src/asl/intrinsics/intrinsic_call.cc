#include "asl/intrinsics/intrinsic_call.h"

#include <utility>
#include <vector>

#include "asl/intrinsics/arguments.h"
#include "asl/intrinsics/function_table.h"
#include "asl/intrinsics/intrinsic_node.h"
#include "asl/intrinsics/parser.h"
#include "json/write.h"

namespace stepwise::asl {

namespace {

using detail::IntrinsicNode;

void CollectPaths(const IntrinsicNode& node, std::vector<jsonpath::Path>& paths) {
  if (node.type == IntrinsicNode::Type::kPath) paths.push_back(*node.path);
  for (const IntrinsicNode& arg : node.args) CollectPaths(arg, paths);
}

// Evaluates a compiled call tree. Recursion is bounded by the parser's nesting limit.
class TreeEvaluator {
 public:
  TreeEvaluator(const jsonpath::Roots& roots, const IntrinsicContext& context)
      : roots_(roots), context_(context) {}

  Result<json::Value> EvaluateCall(const IntrinsicNode& call) const {
    std::vector<json::Value> args;
    args.reserve(call.args.size());
    for (const IntrinsicNode& arg : call.args) {
      switch (arg.type) {
        case IntrinsicNode::Type::kLiteral:
          args.push_back(arg.literal);
          break;
        case IntrinsicNode::Type::kPath: {
          std::optional<json::Value> value = arg.path->Evaluate(roots_);
          if (!value) return PathNotFound(call, *arg.path);
          args.push_back(std::move(*value));
          break;
        }
        case IntrinsicNode::Type::kCall:
          args.push_back(TRY(EvaluateCall(arg)));
          break;
      }
    }
    const detail::Invocation invocation{call, args, context_};
    for (size_t i = 0; i < args.size(); ++i) {
      if ((detail::KindOf(args[i]) & call.function->ArgumentKinds(i)) == 0) {
        return detail::InvalidArguments(invocation);
      }
    }
    return call.function->evaluate(invocation);
  }

 private:
  // AWS's cause names the path and the document it was applied to.
  Error PathNotFound(const IntrinsicNode& call, const jsonpath::Path& path) const {
    std::string detail =
        "The JsonPath argument for the field '" + path.text() + "' could not be found in the ";
    const json::Value* root = nullptr;
    switch (path.root()) {
      case jsonpath::RootKind::kInput:
        detail += "input";
        root = roots_.input;
        break;
      case jsonpath::RootKind::kContext:
        detail += "context object";
        root = roots_.context;
        break;
      case jsonpath::RootKind::kVariable:
        detail += "variable '$" + path.variable() + "'";
        root = roots_.variables != nullptr ? roots_.variables->Find(path.variable()) : nullptr;
        break;
    }
    detail += " '";
    detail += root != nullptr ? json::WriteForMessage(*root) : "null";
    detail += "'";
    return detail::IntrinsicFailure(call, detail);
  }

  const jsonpath::Roots& roots_;
  const IntrinsicContext& context_;
};

}  // namespace

Result<IntrinsicCall> IntrinsicCall::Compile(std::string_view text) {
  std::shared_ptr<const IntrinsicNode> root = TRY(detail::ParseIntrinsic(text));
  return IntrinsicCall(std::string(text), std::move(root));
}

const std::string& IntrinsicCall::text() const { return text_; }

std::vector<jsonpath::Path> IntrinsicCall::Paths() const {
  std::vector<jsonpath::Path> paths;
  CollectPaths(*root_, paths);
  return paths;
}

Result<json::Value> IntrinsicCall::Evaluate(const jsonpath::Roots& roots,
                                            const IntrinsicContext& context) const {
  return TreeEvaluator(roots, context).EvaluateCall(*root_);
}

bool IsIntrinsicCall(std::string_view text) { return text.starts_with("States."); }

}  // namespace stepwise::asl
