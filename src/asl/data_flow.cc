// The fields that move data through a state, in both query languages.
// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-input-output-filtering.html

#include "asl/internal_states.h"

namespace stepwise::asl::internal {

const std::set<std::string_view> kCommonFields = {"Type", "Comment", "QueryLanguage"};
const std::set<std::string_view> kTransitionFields = {"Next", "End"};

std::set<std::string_view> FieldSet(std::initializer_list<std::set<std::string_view>> parts) {
  std::set<std::string_view> all;
  for (const auto& part : parts) all.insert(part.begin(), part.end());
  return all;
}

void CheckStateFields(Checker& checker, const json::Value& definition, const std::string& location,
                      const State& state, const std::set<std::string_view>& jsonpath_fields,
                      const std::set<std::string_view>& jsonata_fields) {
  bool jsonata = state.query_language == QueryLanguage::kJsonata;
  const auto& mine = jsonata ? jsonata_fields : jsonpath_fields;
  const auto& other = jsonata ? jsonpath_fields : jsonata_fields;
  for (const json::Member& m : definition.members()) {
    std::string_view name = m.name();
    if (kCommonFields.count(name) != 0 || mine.count(name) != 0) continue;
    std::string at = location + "/" + std::string(name);
    if (other.count(name) != 0) {
      checker.Fail("The field '" + std::string(name) + "' is not supported when QueryLanguage is " +
                       (jsonata ? "JSONata" : "JSONPath"),
                   at);
    } else {
      checker.Fail("Field '" + std::string(name) + "' is not supported by Step Functions", at);
    }
  }
}

void CompileTransition(Checker& checker, const json::Value& definition,
                       const std::string& location, State* state) {
  const json::Value* next = definition.Find("Next");
  std::optional<bool> end = checker.Bool(definition, "End", location);
  if (next != nullptr && end.has_value()) {
    checker.Fail("These fields are mutually exclusive: [Next, End]", location);
  }
  if (next != nullptr) {
    state->next = checker.Target(*next, location + "/Next");
  } else if (end.has_value()) {
    if (!*end) checker.Fail("The value for the field 'End' must be true", location + "/End");
    state->end = *end;
  } else if (definition.Find("End") == nullptr) {
    checker.Fail("These fields are required: [Next or End]", location);
  }
}

namespace {

PathField CompileInputOrOutputPath(Checker& checker, const json::Value& definition,
                                   std::string_view field, const std::string& location) {
  PathField result;
  const json::Value* value = definition.Find(field);
  if (value == nullptr) return result;
  if (value->is_null()) {
    result.kind = PathField::Kind::kNull;
    return result;
  }
  result.path = checker.Path(*value, std::string(field), location + "/" + std::string(field),
                             Checker::PathRule::kAny, /*allow_context=*/true,
                             /*allow_variables=*/true);
  if (result.path) result.kind = PathField::Kind::kPath;
  return result;
}

std::optional<PayloadTemplate> CompileTemplate(Checker& checker, const json::Value& definition,
                                               std::string_view field,
                                               const std::string& location) {
  const json::Value* value = definition.Find(field);
  if (value == nullptr) return std::nullopt;
  return PayloadTemplate::Compile(*value, location + "/" + std::string(field),
                                  &checker.diagnostics());
}

}  // namespace

PathField CompileResultPath(Checker& checker, const json::Value& value,
                            const std::string& location) {
  PathField result;
  if (value.is_null()) {
    result.kind = PathField::Kind::kNull;
    return result;
  }
  // ResultPath is a Reference Path into the state's input: it cannot name the context object or
  // a variable.
  result.path = checker.Path(value, "ResultPath", location, Checker::PathRule::kReference,
                             /*allow_context=*/false, /*allow_variables=*/false);
  if (result.path) result.kind = PathField::Kind::kPath;
  return result;
}

void CompileJsonPathDataFlow(Checker& checker, const json::Value& definition,
                             const std::string& location, State* state) {
  state->input_path = CompileInputOrOutputPath(checker, definition, "InputPath", location);
  state->output_path = CompileInputOrOutputPath(checker, definition, "OutputPath", location);
  state->parameters = CompileTemplate(checker, definition, "Parameters", location);
  state->result_selector = CompileTemplate(checker, definition, "ResultSelector", location);
  if (const json::Value* result_path = definition.Find("ResultPath")) {
    state->result_path = CompileResultPath(checker, *result_path, location + "/ResultPath");
  }
  if (const json::Value* assign = definition.Find("Assign")) {
    state->assign = CompileAssign(checker, *assign, location + "/Assign");
  }
  auto reads_context = [](const std::optional<PayloadTemplate>& t) {
    return t && t->ReadsContext();
  };
  auto path_reads_context = [](const PathField& field) {
    return field.path && field.path->root() == jsonpath::RootKind::kContext;
  };
  state->reads_context = reads_context(state->parameters) ||
                         reads_context(state->result_selector) || reads_context(state->assign) ||
                         path_reads_context(state->input_path) ||
                         path_reads_context(state->output_path);
}

void CompileJsonataDataFlow(Checker& checker, const json::Value& definition,
                            const std::string& location, State* state) {
  if (const json::Value* arguments = definition.Find("Arguments")) {
    state->jsonata_arguments =
        checker.CompileJsonataValue(*arguments, location + "/Arguments", "Arguments");
  }
  if (const json::Value* output = definition.Find("Output")) {
    state->jsonata_output = checker.CompileJsonataValue(*output, location + "/Output", "Output");
  }
  if (const json::Value* assign = definition.Find("Assign")) {
    state->jsonata_assign = CompileJsonataAssign(checker, *assign, location + "/Assign");
  }
  // The context object is part of $states, which any expression may read.
  state->reads_context = true;
}

std::optional<PayloadTemplate> CompileAssign(Checker& checker, const json::Value& assign,
                                             const std::string& location) {
  if (!assign.is_object()) {
    checker.Fail("The value for the field 'Assign' must be an OBJECT", location);
    return std::nullopt;
  }
  for (const json::Member& m : assign.members()) {
    std::string_view name = m.name();
    if (name.ends_with(".$")) name.remove_suffix(2);
    if (name.empty()) {
      checker.Fail("Variable names must not be empty", location + "/" + std::string(m.name()));
    }
  }
  return PayloadTemplate::Compile(assign, location, &checker.diagnostics());
}

std::optional<JsonataTemplate> CompileJsonataAssign(Checker& checker, const json::Value& assign,
                                                    const std::string& location) {
  if (!assign.is_object()) {
    checker.Fail("The value for the field 'Assign' must be an OBJECT", location);
    return std::nullopt;
  }
  for (const json::Member& m : assign.members()) {
    if (m.name().empty()) checker.Fail("Variable names must not be empty", location + "/");
  }
  return checker.CompileJsonataValue(assign, location, "Assign");
}

DynamicNumber CompileDynamicNumber(Checker& checker, const json::Value& definition,
                                   const std::string& location, std::string_view field,
                                   bool jsonata, int64_t min, int64_t max) {
  DynamicNumber result;
  std::string path_field = std::string(field) + "Path";
  const json::Value* value = definition.Find(field);
  if (jsonata && value != nullptr && value->is_string()) {
    result.jsonata =
        checker.CompileJsonataExpression(value->as_string(), location + "/" + std::string(field));
  } else if (value != nullptr) {
    if (auto n = checker.Integer(definition, field, location, min, max)) {
      result.value = static_cast<double>(*n);
    }
  }
  if (!jsonata) {
    if (const json::Value* path = definition.Find(path_field)) {
      result.path = checker.Path(*path, path_field, location + "/" + path_field,
                                 Checker::PathRule::kReference, /*allow_context=*/true,
                                 /*allow_variables=*/true);
    }
  }
  return result;
}

}  // namespace stepwise::asl::internal
