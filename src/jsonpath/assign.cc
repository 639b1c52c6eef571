// Path::Assign: ResultPath's "put the result at this node of the input".
// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultpath.html

#include <optional>
#include <string>
#include <utility>

#include "json/write.h"
#include "jsonpath/compiled_path.h"
#include "jsonpath/path.h"

namespace stepwise::jsonpath {

namespace {

using detail::CompiledPath;
using detail::Step;
using detail::StepKind;
using json::Value;

constexpr const char* kMatchFailure = "States.ResultPathMatchFailure";

// AWS's cause names the step that cannot be applied and prints the whole input, compact:
//   Unable to apply step "catalogBuilderOutput" to input {...}
// and, when the input itself is not an object or array, names the whole path instead:
//   Unable to apply ReferencePath $.partitioned to input "{\"min_size\":10000}"
// (causes quoted in cdklabs/construct-hub#459 and aws/aws-cdk#29473). How AWS names an index step
// is not documented; we write it as in the path, "[0]".
Error MatchFailure(const CompiledPath& path, size_t failed_step, const Value& root) {
  std::string input = json::Write(root);
  if (failed_step == 0 && !root.is_object() && !root.is_array()) {
    return Error(kMatchFailure,
                 "Unable to apply ReferencePath " + path.text + " to input " + input);
  }
  const Step& step = path.steps[failed_step];
  std::string label =
      step.kind == StepKind::kName ? step.name : "[" + std::to_string(step.index) + "]";
  return Error(kMatchFailure, "Unable to apply step \"" + label + "\" to input " + input);
}

// Returns node (nullopt when the path has left the document) with steps [i, end) set to value.
// Recursion is one level per step, at most detail::kMaxSteps.
Result<Value> SetAt(const CompiledPath& path, size_t i, const Value* node, Value value,
                    const Value& root) {
  if (i == path.steps.size()) return value;
  const Step& step = path.steps[i];
  if (step.kind == StepKind::kName) {
    if (node == nullptr) {
      // A missing member: create it, and the objects the rest of the path needs.
      Value child = TRY(SetAt(path, i + 1, nullptr, std::move(value), root));
      return Value::Object({json::Member(step.name, std::move(child))});
    }
    if (!node->is_object()) return MatchFailure(path, i, root);
    Value child = TRY(SetAt(path, i + 1, node->Find(step.name), std::move(value), root));
    return node->With(step.name, std::move(child));
  }
  // An index: the array and the element must exist; arrays are never created or extended.
  if (node == nullptr || !node->is_array()) return MatchFailure(path, i, root);
  auto count = static_cast<int64_t>(node->size());
  int64_t index = step.index < 0 ? step.index + count : step.index;
  if (index < 0 || index >= count) return MatchFailure(path, i, root);
  auto position = static_cast<size_t>(index);
  Value child = TRY(SetAt(path, i + 1, node->At(position), std::move(value), root));
  return node->WithItem(position, std::move(child));
}

}  // namespace

Result<json::Value> Path::Assign(const json::Value& root, json::Value value) const {
  const CompiledPath& path = *impl_;
  if (path.root != detail::PathRoot::kInput || !path.definite) {
    return Error(kMatchFailure, "ResultPath " + path.text +
                                    " is not a reference path ($ followed by names and indices)");
  }
  return SetAt(path, 0, &root, std::move(value), root);
}

}  // namespace stepwise::jsonpath
