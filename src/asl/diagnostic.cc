#include "asl/diagnostic.h"

#include <algorithm>

namespace stepwise::asl {

std::string_view SeverityName(Severity severity) {
  return severity == Severity::kError ? "ERROR" : "WARNING";
}

bool HasErrors(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::kError; });
}

json::Value DiagnosticsResponse(const std::vector<Diagnostic>& diagnostics, size_t max_results) {
  std::vector<json::Value> items;
  for (const Diagnostic& d : diagnostics) {
    if (items.size() == max_results) break;
    std::vector<json::Member> members;
    members.emplace_back("severity", json::Value::String(SeverityName(d.severity)));
    members.emplace_back("code", json::Value::String(d.code));
    members.emplace_back("message", json::Value::String(d.message));
    if (!d.location.empty()) members.emplace_back("location", json::Value::String(d.location));
    items.push_back(json::Value::Object(std::move(members)));
  }
  return json::Value::Object({
      {"result", json::Value::String(HasErrors(diagnostics) ? "FAIL" : "OK")},
      {"diagnostics", json::Value::Array(std::move(items))},
      {"truncated", json::Value::Bool(diagnostics.size() > max_results)},
  });
}

std::string InvalidDefinitionMessage(const std::vector<Diagnostic>& diagnostics) {
  for (const Diagnostic& d : diagnostics) {
    if (d.severity != Severity::kError) continue;
    std::string detail = d.code + ": " + d.message;
    if (!d.location.empty()) detail += " at " + d.location;
    return "Invalid State Machine Definition: '" + detail + "'";
  }
  return "";
}

}  // namespace stepwise::asl
