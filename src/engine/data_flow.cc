#include "engine/data_flow.h"

namespace stepwise::engine {

Result<json::Value> ApplyInputOrOutputPath(const asl::PathField& field, const json::Value& value,
                                           const jsonpath::Roots& roots) {
  switch (field.kind) {
    case asl::PathField::Kind::kDefault: return value;
    case asl::PathField::Kind::kNull: return json::Value::EmptyObject();
    case asl::PathField::Kind::kPath: break;
  }
  jsonpath::Roots at = roots;
  at.input = &value;
  std::optional<json::Value> selected = field.path->Evaluate(at);
  if (!selected) {
    return Error("States.Runtime", "Invalid path '" + field.path->text() +
                                       "' : No results for path: " + field.path->Normalized());
  }
  return std::move(*selected);
}

Result<json::Value> ApplyResultPath(const asl::PathField& field, const json::Value& raw_input,
                                    const json::Value& result) {
  switch (field.kind) {
    case asl::PathField::Kind::kDefault: return result;
    case asl::PathField::Kind::kNull: return raw_input;
    case asl::PathField::Kind::kPath: break;
  }
  return field.path->Assign(raw_input, result);
}

Result<void> CheckPayloadSize(const json::Value& value, size_t max_bytes,
                              const std::string& state_name) {
  if (max_bytes == SIZE_MAX || value.SerializedSize() <= max_bytes) return Ok();
  return Error("States.DataLimitExceeded",
               "The state/task '" + state_name +
                   "' returned a result with a size exceeding the maximum number of bytes service "
                   "limit.");
}

StateError ToStateError(const Error& error) {
  return StateError{error.name(), error.message(), true};
}

}  // namespace stepwise::engine
