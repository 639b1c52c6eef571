#include "asl/value_expression.h"

namespace stepwise::asl {

Result<ValueExpression> ValueExpression::Compile(std::string_view text) {
  if (IsIntrinsicCall(text)) return ValueExpression(TRY(IntrinsicCall::Compile(text)));
  return ValueExpression(TRY(jsonpath::Path::Compile(text)));
}

const std::string& ValueExpression::text() const {
  if (const auto* path = std::get_if<jsonpath::Path>(&impl_)) return path->text();
  return std::get<IntrinsicCall>(impl_).text();
}

std::vector<jsonpath::Path> ValueExpression::Paths() const {
  if (const auto* path = std::get_if<jsonpath::Path>(&impl_)) return {*path};
  return std::get<IntrinsicCall>(impl_).Paths();
}

bool ValueExpression::ReadsContext() const {
  for (const jsonpath::Path& path : Paths()) {
    if (path.root() == jsonpath::RootKind::kContext) return true;
  }
  return false;
}

Result<std::optional<json::Value>> ValueExpression::Evaluate(
    const jsonpath::Roots& roots, const IntrinsicContext& context) const {
  if (const auto* path = std::get_if<jsonpath::Path>(&impl_)) return path->Evaluate(roots);
  return std::optional<json::Value>(TRY(std::get<IntrinsicCall>(impl_).Evaluate(roots, context)));
}

}  // namespace stepwise::asl
