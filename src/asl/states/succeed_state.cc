// Succeed: stops the machine (or branch, or iteration) successfully.
// https://docs.aws.amazon.com/step-functions/latest/dg/state-succeed.html

#include "asl/internal_states.h"

namespace stepwise::asl::internal {

void CompileSucceed(Checker& checker, const json::Value& definition, const std::string& location,
                    State* state) {
  static const std::set<std::string_view> kJsonPath = {"InputPath", "OutputPath"};
  static const std::set<std::string_view> kJsonata = {"Output"};
  CheckStateFields(checker, definition, location, *state, kJsonPath, kJsonata);
  if (state->query_language == QueryLanguage::kJsonata) {
    CompileJsonataDataFlow(checker, definition, location, state);
  } else {
    CompileJsonPathDataFlow(checker, definition, location, state);
  }
  state->fields = SucceedFields{};
}

}  // namespace stepwise::asl::internal
