#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "common/result.h"
#include "common/stack_limits.h"
#include "json/value.h"
#include "jsonata/ast.h"
#include "jsonata/parse_error.h"

namespace stepwise::jsonata {

// A function the host (the ASL engine) adds to an evaluation: $partition, $uuid, $hash... It gets
// its arguments as JSON (nullopt for an argument that is undefined, and for a function passed as
// an argument) after they were validated against its signature, and returns its result (nullopt:
// undefined) or an Error, whose name becomes the JSONata error code.
//
// Called on the evaluating thread; must be thread-safe if the Bindings are shared.
using HostFunctionBody = std::function<Result<std::optional<json::Value>>(
    std::span<const std::optional<json::Value>> args)>;

// The variables and functions bound before evaluation, on top of the built-in library (a binding
// with a built-in's name replaces it). Immutable once built; may be shared by concurrent
// evaluations. Intentionally copyable (copies share the host functions).
class Bindings {
 public:
  struct HostFunction;

  Bindings();
  ~Bindings();
  Bindings(const Bindings&);
  Bindings& operator=(const Bindings&);

  // Binds $name (name without the $) to a JSON value.
  void Bind(std::string_view name, json::Value value);
  // Binds $name to a host function with a JSONata signature such as "<s-n?:s>" (empty: any
  // arguments, unchecked). Fails with the signature's S0401/S0402 error.
  Result<void> BindFunction(std::string_view name, std::string_view signature,
                            HostFunctionBody body);

  // The instant $now() and $millis() report (milliseconds since the epoch); by default the
  // system clock's, read once per evaluation, as the reference does.
  void set_now_millis(int64_t millis) { now_millis_ = millis; }
  std::optional<int64_t> now_millis() const { return now_millis_; }

  // Names this Bindings does not bind are looked up in parent (which must outlive it), so that
  // bindings shared by many evaluations (the engine's host functions) are not copied for each.
  void set_parent(const Bindings* parent) { parent_ = parent; }

  // Names bound nowhere else are asked of resolver last (before the built-ins): the ASL engine's
  // workflow variables, which live in scopes of their own. The pointer it returns must stay valid
  // for the evaluation. Called on the evaluating thread.
  using VariableResolver = std::function<const json::Value*(std::string_view name)>;
  void set_variable_resolver(VariableResolver resolver) { resolver_ = std::move(resolver); }

  // Internal: what a name is bound to (nullptr: nothing).
  const json::Value* FindValue(std::string_view name) const;
  std::shared_ptr<const HostFunction> FindFunction(std::string_view name) const;

 private:
  std::map<std::string, json::Value, std::less<>> values_;
  std::map<std::string, std::shared_ptr<const HostFunction>, std::less<>> functions_;
  std::optional<int64_t> now_millis_;
  const Bindings* parent_ = nullptr;
  VariableResolver resolver_;
};

// Bounds on one evaluation, so that a hostile expression can neither hang nor crash the process.
// Exceeding one fails the evaluation with U1001, as the reference's test runner reports it.
struct EvalLimits {
  // Nesting of evaluation steps (the reference's evaluate() calls), as the reference runner's
  // `depth` counts them. Deep non-tail recursion fails cleanly instead of exhausting the stack;
  // each level takes about 1 KiB of native stack in an optimized build.
  int max_depth = 1000 / kSanitizerStackScale;
  // Native stack the evaluation may use (a second guard, for built-in functions that call back
  // into the evaluator); keep it below the evaluating thread's stack size.
  size_t max_stack_bytes = size_t{4} << 20;
  // Wall-clock budget (zero: none). The default stops runaway loops (a tail-recursive function
  // that never returns) well before a state's own timeout would.
  std::chrono::milliseconds timeout{10000};
  // The longest string an evaluation may build, in bytes, so that an expression cannot take the
  // process's memory: by default JavaScript's own bound (V8's String::kMaxLength, 2^29 - 24),
  // past which the reference fails with a RangeError too.
  size_t max_string_bytes = (size_t{1} << 29) - 24;
};

// A JSONata evaluation (dynamic) error with the fields the reference reports: the code
// ("T2001"), the position (UTF-16 offset just past the node's token, kNoPosition when none), the
// token (an operator or a function name), the offending value as JSON text, and the message (the
// reference's template with its inserts filled in).
//
// Intentionally copyable.
struct EvalError {
  std::string code;
  size_t position = kNoPosition;
  std::optional<std::string> token;
  std::optional<std::string> value;  // JSON text
  std::string message;

  // As data for Result: named after the code, the message followed by " at position N" when
  // there is a position.
  Error ToError() const;
};

// Evaluates expr against input (nullptr: no input, the reference's undefined) with the given
// bindings. Returns the result as JSON (nullopt: undefined; a function result is undefined too),
// or the error the reference raises, named after its code; *error, when given, receives the
// detail. *returned_function, when given, says whether an undefined result was a function (which
// JSON cannot hold) rather than nothing. Thread-safe: any number of evaluations of one Expression
// may run at once.
Result<std::optional<json::Value>> Evaluate(const Expression& expr, const json::Value* input,
                                            const Bindings& bindings, const EvalLimits& limits = {},
                                            EvalError* error = nullptr,
                                            bool* returned_function = nullptr);

}  // namespace stepwise::jsonata
