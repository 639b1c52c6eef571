// Wait: delays for a time or until a timestamp.
// https://docs.aws.amazon.com/step-functions/latest/dg/state-wait.html

#include "asl/internal_states.h"
#include "asl/timestamp.h"

namespace stepwise::asl::internal {

void CompileWait(Checker& checker, const json::Value& definition, const std::string& location,
                 State* state) {
  static const std::set<std::string_view> kJsonPath = FieldSet(
      {kTransitionFields,
       {"InputPath", "OutputPath", "Seconds", "Timestamp", "SecondsPath", "TimestampPath",
        "Assign"}});
  static const std::set<std::string_view> kJsonata =
      FieldSet({kTransitionFields, {"Seconds", "Timestamp", "Output", "Assign"}});
  CheckStateFields(checker, definition, location, *state, kJsonPath, kJsonata);
  CompileTransition(checker, definition, location, state);
  bool jsonata = state->query_language == QueryLanguage::kJsonata;
  if (jsonata) {
    CompileJsonataDataFlow(checker, definition, location, state);
  } else {
    CompileJsonPathDataFlow(checker, definition, location, state);
  }

  WaitFields fields;
  const json::Value* seconds = definition.Find("Seconds");
  if (seconds != nullptr) {
    fields.seconds =
        CompileDynamicNumber(checker, definition, location, "Seconds", jsonata, 0, kMaxSeconds);
  } else if (!jsonata && definition.Find("SecondsPath") != nullptr) {
    fields.seconds.path = checker.Path(*definition.Find("SecondsPath"), "SecondsPath",
                                       location + "/SecondsPath", Checker::PathRule::kReference,
                                       true, true);
  }
  if (const json::Value* timestamp = definition.Find("Timestamp")) {
    std::string at = location + "/Timestamp";
    if (!timestamp->is_string()) {
      checker.Fail("The value for the field 'Timestamp' must be a STRING", at);
    } else if (jsonata && Checker::IsJsonata(timestamp->as_string())) {
      fields.jsonata_timestamp = checker.CompileJsonataExpression(timestamp->as_string(), at);
    } else if (!ParseTimestamp(timestamp->as_string())) {
      checker.Fail("String does not match RFC3339 timestamp", at);
    } else {
      fields.timestamp = std::string(timestamp->as_string());
    }
  }
  if (const json::Value* path = definition.Find("TimestampPath"); path && !jsonata) {
    fields.timestamp_path = checker.Path(*path, "TimestampPath", location + "/TimestampPath",
                                         Checker::PathRule::kReference, true, true);
  }
  int count = 0;
  for (std::string_view field : {"Seconds", "Timestamp", "SecondsPath", "TimestampPath"}) {
    count += definition.Find(field) != nullptr;
  }
  if (count == 0) {
    checker.Fail(jsonata ? "A Wait state needs one of [Seconds, Timestamp]"
                         : "A Wait state needs one of [Seconds, Timestamp, SecondsPath, "
                           "TimestampPath]",
                 location);
  } else if (count > 1) {
    checker.Exclusive(definition, {"Seconds", "Timestamp", "SecondsPath", "TimestampPath"},
                      location);
  }
  state->fields = std::move(fields);
}

}  // namespace stepwise::asl::internal
