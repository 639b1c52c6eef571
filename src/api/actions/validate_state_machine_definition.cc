// ValidateStateMachineDefinition: every problem of a definition, as diagnostics.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_ValidateStateMachineDefinition.html
#include "api/actions/actions.h"
#include "api/request.h"
#include "asl/diagnostic.h"
#include "asl/load.h"

namespace stepwise::api {

Result<json::Value> ValidateStateMachineDefinition(Context&, const json::Value& request) {
  RequestReader reader(request);
  std::string definition = TRY(reader.RequiredString("definition", 1, 1024 * 1024));
  std::string type = TRY(reader.OptionalEnum("type", {"STANDARD", "EXPRESS"})).value_or("STANDARD");
  std::string severity = TRY(reader.OptionalEnum("severity", {"ERROR", "WARNING"})).value_or("ERROR");
  std::optional<int64_t> max_results = TRY(reader.OptionalInt("maxResults", 0, 100));
  asl::LoadOptions options;
  options.type = type == "EXPRESS" ? asl::MachineType::kExpress : asl::MachineType::kStandard;
  asl::LoadResult loaded = asl::LoadDefinition(definition, options);
  // severity ERROR (the default) lists errors only; WARNING lists warnings too.
  std::vector<asl::Diagnostic> shown;
  for (const asl::Diagnostic& d : loaded.diagnostics) {
    if (severity == "WARNING" || d.severity == asl::Severity::kError) shown.push_back(d);
  }
  size_t limit = max_results.value_or(0) == 0 ? 100 : static_cast<size_t>(*max_results);
  return asl::DiagnosticsResponse(shown, limit);
}

}  // namespace stepwise::api
