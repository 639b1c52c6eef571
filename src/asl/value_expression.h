#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "asl/intrinsics/intrinsic_call.h"
#include "common/result.h"
#include "json/value.h"
#include "jsonpath/path.h"
#include "jsonpath/roots.h"

namespace stepwise::asl {

// The value of a JSONPath-mode dynamic field (a key ending in ".$", ErrorPath, CausePath): a
// JSONPath or an intrinsic function call, compiled once.
//
// Thread safety: immutable after Compile. Intentionally copyable.
class ValueExpression {
 public:
  // Compiles text as an intrinsic call when it starts with "States.", and as a path otherwise.
  // Errors are those of jsonpath::Path::Compile ("InvalidPath") and IntrinsicCall::Compile
  // ("InvalidIntrinsic").
  static Result<ValueExpression> Compile(std::string_view text);

  const std::string& text() const;
  bool is_intrinsic() const { return std::holds_alternative<IntrinsicCall>(impl_); }

  // Every path it reads (the path itself, or an intrinsic's path arguments).
  std::vector<jsonpath::Path> Paths() const;
  // Whether it reads the context object `$$`.
  bool ReadsContext() const;

  // The value; nullopt when a definite path matches nothing. Intrinsic failures are errors
  // (States.IntrinsicFailure).
  Result<std::optional<json::Value>> Evaluate(const jsonpath::Roots& roots,
                                              const IntrinsicContext& context) const;

 private:
  explicit ValueExpression(std::variant<jsonpath::Path, IntrinsicCall> impl)
      : impl_(std::move(impl)) {}
  std::variant<jsonpath::Path, IntrinsicCall> impl_;
};

}  // namespace stepwise::asl
