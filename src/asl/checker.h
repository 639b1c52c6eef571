#pragma once

#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "asl/diagnostic.h"
#include "asl/load.h"
#include "asl/model.h"
#include "json/value.h"
#include "jsonpath/path.h"

namespace stepwise::asl::internal {

// The loader's working state while it checks and compiles one definition: the diagnostics found
// so far and the scope that Next targets resolve in. Every check reports into it and goes on, so
// that one pass finds every problem, as ValidateStateMachineDefinition does.
//
// Not thread-safe; one per load.
class Checker {
 public:
  explicit Checker(const LoadOptions& options) : options_(options) {}

  const LoadOptions& options() const { return options_; }
  std::vector<Diagnostic>& diagnostics() { return diagnostics_; }

  void Fail(std::string_view code, std::string message, std::string location);
  void Fail(std::string message, std::string location) {
    Fail(kSchemaValidationFailed, std::move(message), std::move(location));
  }
  void Warn(std::string_view code, std::string message, std::string location);

  // Field-level checks. Each reports a SCHEMA_VALIDATION_FAILED diagnostic at location/field
  // when the member is present but malformed, and returns the value when it is well-formed.
  std::optional<std::string> String(const json::Value& object, std::string_view field,
                                    const std::string& location);
  std::optional<bool> Bool(const json::Value& object, std::string_view field,
                           const std::string& location);
  // An integer in [min, max].
  std::optional<int64_t> Integer(const json::Value& object, std::string_view field,
                                 const std::string& location, int64_t min, int64_t max);
  std::optional<double> Number(const json::Value& object, std::string_view field,
                               const std::string& location, double min, double max);

  // Reports every member of object not in allowed (as "not supported"), and every member of
  // required that is missing (as one "These fields are required: [...]").
  void CheckFields(const json::Value& object, const std::set<std::string_view>& allowed,
                   const std::string& location);
  void Require(const json::Value& object, std::initializer_list<std::string_view> required,
               const std::string& location);
  // At most one of the fields may be present.
  void Exclusive(const json::Value& object, std::initializer_list<std::string_view> fields,
                 const std::string& location);

  // A path field. kind kReference requires a Reference Path; allow_context and allow_variables
  // say whether `$$` and `$name` roots are allowed.
  enum class PathRule { kAny, kReference };
  std::optional<jsonpath::Path> Path(const json::Value& value, const std::string& field_name,
                                     const std::string& location, PathRule rule,
                                     bool allow_context, bool allow_variables);

  // JSONata: whether text has the form "{% expression %}", and the syntax check of a value where
  // such strings may appear (anywhere inside it, for templates).
  static bool IsJsonata(std::string_view text);
  void CheckJsonataValue(const json::Value& value, const std::string& location);
  // Checks and compiles one "{% ... %}" string.
  std::optional<asl::JsonataExpression> CompileJsonataExpression(std::string_view text,
                                                                 const std::string& location);
  // Checks value (as CheckJsonataValue does) and compiles it into a template for field (AWS's
  // name of the field in messages: "Output", "Arguments"); nullopt when it has problems.
  std::optional<JsonataTemplate> CompileJsonataValue(const json::Value& value,
                                                     const std::string& location,
                                                     std::string field);

  // State names: every name in the whole definition must be unique.
  bool ClaimStateName(const std::string& name, const std::string& location);

  // The scope Next targets resolve in: the innermost machine's state names.
  void PushScope(const std::map<std::string, StateIndex, std::less<>>* names) {
    scopes_.push_back(names);
  }
  void PopScope() { scopes_.pop_back(); }
  // Resolves a transition target written at location, reporting MISSING_TRANSITION_TARGET.
  StateIndex Target(const json::Value& value, const std::string& location);

  // Nesting depth of machines (Parallel branches, Map processors), bounded.
  int depth() const { return depth_; }
  void Enter() { ++depth_; }
  void Leave() { --depth_; }

  // The top-level QueryLanguage, which states inherit.
  QueryLanguage top_language = QueryLanguage::kJsonPath;
  // Whether a state may set QueryLanguage to JSONPath: not when the whole machine is JSONata,
  // except inside a Distributed Map's item processor, which runs as child executions.
  bool jsonpath_states_allowed = true;

 private:
  const LoadOptions& options_;
  std::vector<Diagnostic> diagnostics_;
  std::set<std::string, std::less<>> state_names_;
  std::vector<const std::map<std::string, StateIndex, std::less<>>*> scopes_;
  int depth_ = 0;
};

// Field types as AWS's messages name them.
std::string TypeName(const json::Value& value);

}  // namespace stepwise::asl::internal
