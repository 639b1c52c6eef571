#pragma once

// Internal to the evaluator (evaluate.cc, path.cc, operators.cc, functions/*.cc): the state of one
// evaluation and the function values. The public API is evaluate.h.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/result.h"
#include "jsonata/ast.h"
#include "jsonata/environment.h"
#include "jsonata/evaluate.h"
#include "jsonata/signature.h"
#include "jsonata/value.h"

namespace stepwise::jsonata {

class Evaluator;
struct CompiledRegex;

// The arguments a built-in receives, after signature validation: args[i] is undefined when the
// argument is missing.
struct NativeContext {
  Evaluator& ev;
  const Value& input;  // the focus (context) of the call
  const Env& env;
  size_t position;  // the call's position
};
using NativeBody = Result<Value> (*)(NativeContext& cx, std::vector<Value>& args);

// A built-in function of the library.
struct NativeFunction {
  std::string name;  // without $
  Signature signature;
  NativeBody body;
  size_t arity;  // the reference's parameter count (for partial application and $map's index)
};

struct Bindings::HostFunction {
  std::string name;
  std::optional<Signature> signature;
  HostFunctionBody body;
};

// A function value.
struct Function : HeapData {
  enum class Kind : uint8_t {
    kLambda,     // function($x){...}, or a partial application of one
    kNative,     // a built-in
    kHost,       // a host function from Bindings
    kPartial,    // a partial application of a built-in or host function
    kRegex,      // a regular expression literal: a matcher
    kTransform,  // | pattern | update, delete |
    kComposed,   // f ~> g where both are functions: g(f(x))
    kThunk,      // a tail call, returned to Apply's trampoline
  };
  explicit Function(Kind k) : kind(k) {}
  Kind kind;

  // kLambda (partial: params holds the unbound ones and there is no signature).
  const LambdaNode* lambda = nullptr;
  bool partial_params = false;  // params replaces lambda->params
  std::vector<std::string> params;
  const Signature* signature = nullptr;
  // kLambda, kThunk: the input and frame the function closes over. kTransform: the frame.
  Value input;
  Env env;
  // kNative, or the native of a kPartial.
  const NativeFunction* native = nullptr;
  // kHost, or the host function of a kPartial.
  std::shared_ptr<const Bindings::HostFunction> host;
  // kPartial: the bound arguments; placeholders where placeholder[i].
  std::vector<Value> bound;
  std::vector<bool> placeholder;
  // kRegex.
  std::shared_ptr<const CompiledRegex> regex;
  // kTransform.
  const TransformNode* transform = nullptr;
  // kComposed: first, then second.
  Value first, second;
  // kThunk.
  const CallNode* call = nullptr;

  // The number of parameters (the reference's getFunctionArity).
  size_t Arity() const;
};

inline const Function& Value::function() const {
  return *static_cast<const Function*>(heap_.get());
}
inline std::shared_ptr<const Function> Value::function_ptr() const {
  return std::static_pointer_cast<const Function>(heap_);
}

// The evaluation of one expression: limits, the error detail, the host's bindings.
class Evaluator {
 public:
  Evaluator(const Bindings& bindings, const EvalLimits& limits);
  ~Evaluator();
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;

  // The reference's evaluate(): one AST node against an input in an environment.
  Result<Value> Eval(const Node& node, const Value& input, const Env& env);

  // Calls a function value with arguments (the reference's apply, with the tail-call
  // trampoline). position: the call's, for errors. `procedure` must stay alive during the call.
  Result<Value> Apply(const Value& procedure, std::vector<Value> args, const Value& input,
                      const Env& env, size_t position = kNoPosition);

  // Fails with an error: records the detail and returns the Error to propagate.
  Error Fail(std::string_view code, size_t position = kNoPosition,
             std::optional<std::string> token = std::nullopt, const Value* value = nullptr,
             const Value* value2 = nullptr);
  // A failure with a message of its own ($error, $assert, $eval's compile errors).
  Error FailWithMessage(std::string_view code, std::string message, size_t position);
  // Fails with JavaScript's RangeError when a string of `bytes` would be longer than the limits
  // allow (EvalLimits::max_string_bytes). Checked where a string can grow without bound ($pad,
  // $join, `&`).
  Result<void> CheckStringLength(size_t bytes, size_t position) {
    if (bytes <= limits_.max_string_bytes) return Ok();
    return FailWithMessage("RangeError", "Invalid string length", position);
  }
  // A failure reported by a library as an Error named after the code, with its message.
  Error FailFrom(const Error& error, size_t position) {
    return FailWithMessage(error.name(), error.message(), position);
  }
  // Fills in the position and token of the pending error where they are missing.
  void Annotate(size_t position, std::string_view token);
  EvalError& error() { return error_; }
  // Sets the extra inserts some templates use ({{index}}, {{type}}, {{value2}} as text).
  void SetErrorInsert(std::string_view name, std::string text);

  // A variable's value: the frames, then the host's bindings, then the built-ins.
  Value Lookup(const Env& env, std::string_view name);

  // The time $now() and $millis() report.
  int64_t now_millis();

  // Checks the time budget (cheap; call in long loops).
  Result<void> CheckTime();

  const Bindings& bindings() const { return bindings_; }

  // Values computed once per evaluation for a node (compiled regex literals).
  const Value* CachedValue(const Node* node) const {
    auto it = node_cache_.find(node);
    return it == node_cache_.end() ? nullptr : &it->second;
  }
  void CacheValue(const Node* node, Value value) { node_cache_[node] = std::move(value); }

  // Keeps an expression parsed during the evaluation ($eval) alive until it ends: values such as
  // lambdas point into its tree.
  const Expression& Retain(Expression expression) {
    retained_.push_back(std::make_unique<Expression>(std::move(expression)));
    return *retained_.back();
  }

  // Internal pieces shared by the files of the evaluator.
  Result<Value> EvalPath(const PathNode& node, const Value& input, const Env& env);
  // EvalPath's fastest case: a path of plain names (PathNode::plain_names) over JSON that meets
  // no array on the way, walked by pointers. Returns false, with *result untouched, otherwise.
  bool EvalJsonPath(const PathNode& path, const Value& input, const Env& env, Value* result);
  // Evaluates the commonest leaves in place, without a dispatch through Eval: a literal, or a
  // plain path over JSON (`status = 'PAID'`, `$v.score > 500`, an argument `name`). Returns
  // false, with *result untouched, for anything else: use Eval.
  bool EvalLeaf(const Node& node, const Value& input, const Env& env, Value* result);
  // Whether one more nested Eval would exceed the depth limit (U1001).
  bool AtDepthLimit() const { return depth_ >= limits_.max_depth; }
  Result<Value> EvalFilter(const Node& predicate, Value input, const Env& env);
  // One predicate on one item: Eval, with a shortcut for comparisons.
  Result<Value> EvalPredicate(const Node& predicate, const Value& item, const Env& env);
  Result<Value> EvalGroupPairs(const std::vector<std::pair<const Node*, const Node*>>& pairs,
                               size_t position, Value input, const Env& env);
  Result<Value> EvalBinary(const BinaryNode& node, const Value& input, const Env& env);
  Result<Value> EvalSort(const SortNode& node, const Value& input, const Env& env);
  Result<Value> EvalCall(const CallNode& node, const Value& input, const Env& env,
                         const Value* applyto);
  Result<Value> EvalPartial(const CallNode& node, const Value& input, const Env& env);
  Result<Value> ApplyTransform(const Function& f, const Value& arg);
  Result<Value> ApplyInner(const Value& procedure, std::vector<Value>& args, const Value& input,
                           const Env& env);
  Result<std::vector<Value>> ValidateArgs(const Signature& signature, std::vector<Value>& args,
                                          const Value& context);
  // Sorts items with a comparator saying whether a goes after b (the reference's merge sort).
  template <typename Greater>
  Result<void> MergeSort(std::vector<Value>& items, Greater&& greater);

 private:
  Result<Value> EvalInner(const Node& node, const Value& input, const Env& env);

  const Bindings& bindings_;
  EvalLimits limits_;
  int depth_ = 0;
  const char* stack_base_ = nullptr;
  std::chrono::steady_clock::time_point deadline_;
  bool has_deadline_ = false;
  uint32_t ticks_ = 0;
  std::optional<int64_t> now_millis_;
  EvalError error_;
  std::vector<std::pair<std::string, std::string>> inserts_;
  std::vector<std::unique_ptr<Expression>> retained_;
  std::unordered_map<const Node*, Value> node_cache_;
  // Frames that := bound a function (or a container that may hold one) into: the closure may
  // refer back to the frame, so the frame is cleared when the evaluation ends.
  std::vector<std::weak_ptr<Frame>> cyclic_frames_;

 public:
  // The message of the pending error, its template filled in.
  std::string ErrorMessage() const;
};

// The built-in function named name (without $), or nullptr; FindNativeValue gives it as a
// function value (built once).
const NativeFunction* FindNative(std::string_view name);
const Value* FindNativeValue(std::string_view name);

// Helpers shared by the evaluator and the library.

// The reference's fn.boolean (JavaScript truthiness with JSONata's rules for arrays and objects);
// nullopt for undefined.
std::optional<bool> ToBoolean(const Value& value);
// Deep equality (the = operator).
bool DeepEqual(const Value& a, const Value& b);
// $string's text: JSON.stringify with numbers to 15 significant digits; functions as "".
Result<std::string> Stringify(Evaluator& ev, const Value& value, bool pretty);
// A number to text as $string does (15 significant digits, JavaScript's form).
std::string NumberToString(double d);
// The reference's fn.lookup: a field of an object, mapped over arrays (flattening one level).
Value LookupField(const Value& input, std::string_view key);
// The reference's fn.append.
Value Append(const Value& a, const Value& b);
// Array items of a value (an array's items, or the value itself), undefined: none.
std::vector<Value> ItemsOf(const Value& value);
// The one-letter type the signature validator uses: s n b l a o f m.
char TypeSymbol(const Value& value);
// The JSON text of a value for error messages (JSON.stringify; functions as "").
std::string ValueText(const Value& value);
// Whether the value is a number that is not NaN; infinite numbers fail with D1001.
Result<bool> IsNumeric(Evaluator& ev, const Value& value);

template <typename Greater>
Result<void> Evaluator::MergeSort(std::vector<Value>& items, Greater&& greater) {
  // The reference's merge sort: stable; an item of the right half goes first when
  // greater(left, right). Written bottom-up; comparisons happen in the reference's order for
  // consistent comparators.
  size_t n = items.size();
  if (n <= 1) return Ok();
  std::vector<Value> buffer(n);
  // Recursive top-down split to mirror the reference's halves.
  struct Sorter {
    Greater& greater;
    std::vector<Value>& buffer;
    Result<void> Sort(std::vector<Value>& v, size_t lo, size_t hi) {
      if (hi - lo <= 1) return Ok();
      size_t mid = lo + (hi - lo) / 2;
      TRY(Sort(v, lo, mid));
      TRY(Sort(v, mid, hi));
      size_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi) {
        bool swap = TRY(greater(v[i], v[j]));
        if (swap) {
          buffer[k++] = std::move(v[j++]);
        } else {
          buffer[k++] = std::move(v[i++]);
        }
      }
      while (i < mid) buffer[k++] = std::move(v[i++]);
      while (j < hi) buffer[k++] = std::move(v[j++]);
      for (size_t x = lo; x < hi; ++x) v[x] = std::move(buffer[x]);
      return Ok();
    }
  };
  Sorter sorter{greater, buffer};
  return sorter.Sort(items, 0, n);
}

}  // namespace stepwise::jsonata
