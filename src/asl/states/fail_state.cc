// Fail: stops the machine with an error and a cause.
// https://docs.aws.amazon.com/step-functions/latest/dg/state-fail.html

#include "asl/internal_states.h"

namespace stepwise::asl::internal {
namespace {

// Error/ErrorPath or Cause/CausePath. The *Path field takes a path or an intrinsic function.
DynamicString CompileFailField(Checker& checker, const json::Value& definition,
                               const std::string& location, std::string_view field, bool jsonata) {
  DynamicString result;
  std::string path_field = std::string(field) + "Path";
  if (const json::Value* value = definition.Find(field)) {
    std::string at = location + "/" + std::string(field);
    if (!value->is_string()) {
      checker.Fail("The value for the field '" + std::string(field) + "' must be a STRING", at);
    } else if (jsonata && Checker::IsJsonata(value->as_string())) {
      result.jsonata = checker.CompileJsonataExpression(value->as_string(), at);
    } else {
      if (jsonata) checker.CheckJsonataValue(*value, at);
      result.value = std::string(value->as_string());
    }
  }
  if (jsonata) return result;
  if (const json::Value* path = definition.Find(path_field)) {
    std::string at = location + "/" + path_field;
    if (!path->is_string()) {
      checker.Fail("The value for the field '" + path_field + "' must be a STRING", at);
    } else {
      Result<ValueExpression> compiled = ValueExpression::Compile(path->as_string());
      if (compiled.ok()) {
        result.expression = compiled.release_value();
      } else {
        checker.Fail("The value for the field '" + path_field +
                         "' must be a valid JSONPath or a valid intrinsic function call: " +
                         compiled.error().message(),
                     at);
      }
    }
  }
  checker.Exclusive(definition, {field, path_field}, location);
  return result;
}

}  // namespace

void CompileFail(Checker& checker, const json::Value& definition, const std::string& location,
                 State* state) {
  static const std::set<std::string_view> kJsonPath = {"Error", "ErrorPath", "Cause",
                                                       "CausePath"};
  static const std::set<std::string_view> kJsonata = {"Error", "Cause"};
  CheckStateFields(checker, definition, location, *state, kJsonPath, kJsonata);
  bool jsonata = state->query_language == QueryLanguage::kJsonata;
  FailFields fields;
  fields.error = CompileFailField(checker, definition, location, "Error", jsonata);
  fields.cause = CompileFailField(checker, definition, location, "Cause", jsonata);
  state->reads_context = jsonata || (fields.error.expression && fields.error.expression->ReadsContext()) ||
                         (fields.cause.expression && fields.cause.expression->ReadsContext());
  state->fields = std::move(fields);
}

}  // namespace stepwise::asl::internal
