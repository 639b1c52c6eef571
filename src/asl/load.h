#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "asl/diagnostic.h"
#include "asl/model.h"

namespace stepwise::asl {

enum class MachineType { kStandard, kExpress };

struct LoadOptions {
  // Express machines reject what only Standard supports (".waitForTaskToken", ".sync").
  MachineType type = MachineType::kStandard;
};

struct LoadResult {
  // The compiled machine; null when any diagnostic is an error.
  std::shared_ptr<const StateMachine> machine;
  // Every problem found, errors and warnings, in the order found.
  std::vector<Diagnostic> diagnostics;

  bool ok() const { return machine != nullptr; }
};

// Checks a definition (the text of an Amazon States Language document) as AWS's
// ValidateStateMachineDefinition does, reporting every problem at once, and compiles it when
// there is no error. Never fails otherwise: malformed JSON is an INVALID_JSON_DESCRIPTION
// diagnostic, not an error of this function.
LoadResult LoadDefinition(std::string_view text, const LoadOptions& options = {});

}  // namespace stepwise::asl
