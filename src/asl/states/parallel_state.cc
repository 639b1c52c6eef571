// Parallel: runs each branch on the same input; the output is the array of branch outputs.
// https://docs.aws.amazon.com/step-functions/latest/dg/state-parallel.html

#include "asl/internal_states.h"

namespace stepwise::asl::internal {

void CompileParallel(Checker& checker, const json::Value& definition, const std::string& location,
                     State* state) {
  static const std::set<std::string_view> kJsonPath = FieldSet(
      {kTransitionFields,
       {"InputPath", "OutputPath", "Parameters", "ResultPath", "ResultSelector", "Retry", "Catch",
        "Branches", "Assign"}});
  static const std::set<std::string_view> kJsonata = FieldSet(
      {kTransitionFields, {"Arguments", "Output", "Assign", "Retry", "Catch", "Branches"}});
  CheckStateFields(checker, definition, location, *state, kJsonPath, kJsonata);
  checker.Require(definition, {"Branches"}, location);
  CompileTransition(checker, definition, location, state);
  if (state->query_language == QueryLanguage::kJsonata) {
    CompileJsonataDataFlow(checker, definition, location, state);
  } else {
    CompileJsonPathDataFlow(checker, definition, location, state);
  }
  CompileRetry(checker, definition, location, state);
  CompileCatch(checker, definition, location, state);

  ParallelFields fields;
  if (const json::Value* branches = definition.Find("Branches")) {
    std::string at = location + "/Branches";
    if (!branches->is_array() || branches->size() == 0) {
      checker.Fail("The value for the field 'Branches' must be a non-empty ARRAY", at);
    } else {
      for (size_t i = 0; i < branches->size(); ++i) {
        auto branch = CompileMachine(checker, branches->items()[i], at + "/" + std::to_string(i),
                                     MachineKind::kBranch);
        if (branch) fields.branches.push_back(std::move(branch));
      }
    }
  }
  state->fields = std::move(fields);
}

}  // namespace stepwise::asl::internal
