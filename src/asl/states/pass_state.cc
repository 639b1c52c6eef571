// Pass: passes its input to its output, optionally injecting Result.
// https://docs.aws.amazon.com/step-functions/latest/dg/state-pass.html

#include "asl/internal_states.h"

namespace stepwise::asl::internal {

void CompilePass(Checker& checker, const json::Value& definition, const std::string& location,
                 State* state) {
  static const std::set<std::string_view> kJsonPath = FieldSet(
      {kTransitionFields,
       {"InputPath", "OutputPath", "Parameters", "ResultPath", "Result", "Assign"}});
  static const std::set<std::string_view> kJsonata =
      FieldSet({kTransitionFields, {"Output", "Assign"}});
  CheckStateFields(checker, definition, location, *state, kJsonPath, kJsonata);
  CompileTransition(checker, definition, location, state);
  PassFields fields;
  if (state->query_language == QueryLanguage::kJsonata) {
    CompileJsonataDataFlow(checker, definition, location, state);
  } else {
    CompileJsonPathDataFlow(checker, definition, location, state);
    if (const json::Value* result = definition.Find("Result")) {
      fields.result = *result;
      if (result->is_object()) {
        for (const json::Member& m : result->members()) {
          if (m.name().ends_with(".$")) {
            checker.Warn(kPassResultIsStatic,
                         "The Result field of a Pass state is static: '" +
                             std::string(m.name()) + "' is not evaluated as a path",
                         location + "/Result/" + std::string(m.name()));
          }
        }
      }
    }
  }
  state->fields = std::move(fields);
}

}  // namespace stepwise::asl::internal
