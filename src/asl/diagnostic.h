#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "json/value.h"

namespace stepwise::asl {

// A problem found in a definition, shaped like ValidateStateMachineDefinition's diagnostics.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_ValidateStateMachineDefinitionDiagnostic.html
enum class Severity { kError, kWarning };

struct Diagnostic {
  Severity severity = Severity::kError;
  std::string code;      // one of the codes below
  std::string message;
  std::string location;  // a JSON-pointer-like path such as "/States/Validate/Next"; may be empty

  bool operator==(const Diagnostic&) const = default;
};

// AWS's diagnostic codes. Errors:
inline constexpr std::string_view kInvalidJsonDescription = "INVALID_JSON_DESCRIPTION";
inline constexpr std::string_view kMissingDescription = "MISSING_DESCRIPTION";
inline constexpr std::string_view kSchemaValidationFailed = "SCHEMA_VALIDATION_FAILED";
inline constexpr std::string_view kInvalidResource = "INVALID_RESOURCE";
inline constexpr std::string_view kMissingEndState = "MISSING_END_STATE";
inline constexpr std::string_view kDuplicateStateName = "DUPLICATE_STATE_NAME";
inline constexpr std::string_view kInvalidStateName = "INVALID_STATE_NAME";
inline constexpr std::string_view kInvalidLabelName = "INVALID_LABEL_NAME";
inline constexpr std::string_view kMissingTransitionTarget = "MISSING_TRANSITION_TARGET";
inline constexpr std::string_view kTooDeeplyNested = "TOO_DEEPLY_NESTED";
// Warnings:
inline constexpr std::string_view kNoDollar = "NO_DOLLAR";
inline constexpr std::string_view kNoPath = "NO_PATH";
inline constexpr std::string_view kPassResultIsStatic = "PASS_RESULT_IS_STATIC";
// Ours (a warning): a construct Stepwise recognises but does not run yet.
inline constexpr std::string_view kNotYetSupported = "NOT_YET_SUPPORTED";

std::string_view SeverityName(Severity severity);  // "ERROR" / "WARNING"

bool HasErrors(const std::vector<Diagnostic>& diagnostics);

// The ValidateStateMachineDefinition response body: {"result": "OK"|"FAIL", "diagnostics": [...],
// "truncated": bool}, listing at most max_results diagnostics.
json::Value DiagnosticsResponse(const std::vector<Diagnostic>& diagnostics,
                                size_t max_results = 100);

// CreateStateMachine's InvalidDefinition message for the first error, e.g.
// "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: <message> at <location>'".
std::string InvalidDefinitionMessage(const std::vector<Diagnostic>& diagnostics);

}  // namespace stepwise::asl
