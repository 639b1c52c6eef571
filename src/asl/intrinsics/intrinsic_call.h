#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "json/value.h"
#include "jsonpath/path.h"
#include "jsonpath/roots.h"

namespace stepwise::asl {

// The randomness States.MathRandom and States.UUID draw from. Tests inject a seeded one.
class RandomSource {
 public:
  virtual ~RandomSource() = default;
  virtual uint64_t Next() = 0;
};

// What an intrinsic call needs besides its arguments.
struct IntrinsicContext {
  // nullptr: a per-thread generator seeded from std::random_device.
  RandomSource* random = nullptr;
};

namespace detail {
struct IntrinsicNode;
}

// An intrinsic function call as ASL writes it in a ".$" field, e.g.
// `States.Format('Hello, {}!', $.name)`, compiled once.
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html
//
// Arguments are string literals ('...', with the escapes \' \{ \} \\), numbers, true, false,
// null, JSONPaths (`$.a`, `$$.Execution.Id`, `$var.x`) and nested intrinsic calls.
//
// Thread safety: immutable after Compile; copies share the compiled form.
// Intentionally copyable.
class IntrinsicCall {
 public:
  // Compiles text. Unknown functions, syntax errors, wrong argument counts and literal arguments
  // of the wrong type (States.MathAdd(1, 'x')) are errors named "InvalidIntrinsic" whose message
  // says what and where.
  static Result<IntrinsicCall> Compile(std::string_view text);

  const std::string& text() const;

  // Every path among the arguments, nested calls included (the checker validates the variables
  // and context fields they reference).
  std::vector<jsonpath::Path> Paths() const;

  // Evaluates the call. Failures are Errors named "States.IntrinsicFailure" with AWS's messages;
  // an argument path that matches nothing is also States.IntrinsicFailure.
  Result<json::Value> Evaluate(const jsonpath::Roots& roots, const IntrinsicContext& context) const;

 private:
  IntrinsicCall(std::string text, std::shared_ptr<const detail::IntrinsicNode> root)
      : text_(std::move(text)), root_(std::move(root)) {}
  std::string text_;
  std::shared_ptr<const detail::IntrinsicNode> root_;
};

// Whether a ".$" field's value is an intrinsic call (it starts with "States.") rather than a path.
bool IsIntrinsicCall(std::string_view text);

}  // namespace stepwise::asl
