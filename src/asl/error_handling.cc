// Retry and Catch.
// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html

#include "asl/internal_states.h"

namespace stepwise::asl::internal {
namespace {

// ErrorEquals: a non-empty array of error names; States.ALL only alone and only in the last
// retrier or catcher. Returns the names.
std::vector<std::string> CompileErrorEquals(Checker& checker, const json::Value& element,
                                            const std::string& location, bool is_last) {
  std::vector<std::string> names;
  const json::Value* list = element.Find("ErrorEquals");
  if (list == nullptr) return names;  // reported as a missing required field
  std::string at = location + "/ErrorEquals";
  if (!list->is_array() || list->size() == 0) {
    checker.Fail("The value for the field 'ErrorEquals' must be a non-empty ARRAY of STRINGs", at);
    return names;
  }
  for (size_t i = 0; i < list->size(); ++i) {
    const json::Value& name = list->items()[i];
    if (!name.is_string()) {
      checker.Fail("The value for the field 'ErrorEquals' must be an ARRAY of STRINGs",
                   at + "/" + std::to_string(i));
      continue;
    }
    names.emplace_back(name.as_string());
  }
  for (const std::string& name : names) {
    if (name != "States.ALL") continue;
    if (names.size() > 1) {
      checker.Fail("'States.ALL' must appear alone in 'ErrorEquals'", at);
    } else if (!is_last) {
      checker.Fail("A 'States.ALL' error must be in the last element of its list", at);
    }
  }
  return names;
}

bool ExpectArrayOfObjects(Checker& checker, const json::Value& value, std::string_view field,
                          const std::string& location) {
  if (!value.is_array()) {
    checker.Fail("The value for the field '" + std::string(field) + "' must be an ARRAY",
                 location);
    return false;
  }
  bool ok = true;
  for (size_t i = 0; i < value.size(); ++i) {
    if (!value.items()[i].is_object()) {
      checker.Fail("The elements of '" + std::string(field) + "' must be OBJECTs",
                   location + "/" + std::to_string(i));
      ok = false;
    }
  }
  return ok;
}

}  // namespace

void CompileRetry(Checker& checker, const json::Value& definition, const std::string& location,
                  State* state) {
  const json::Value* retry = definition.Find("Retry");
  if (retry == nullptr) return;
  std::string at = location + "/Retry";
  if (!ExpectArrayOfObjects(checker, *retry, "Retry", at)) return;
  static const std::set<std::string_view> kAllowed = {
      "ErrorEquals", "IntervalSeconds", "MaxAttempts",   "BackoffRate",
      "MaxDelaySeconds", "JitterStrategy", "Comment"};
  for (size_t i = 0; i < retry->size(); ++i) {
    const json::Value& element = retry->items()[i];
    std::string here = at + "/" + std::to_string(i);
    checker.CheckFields(element, kAllowed, here);
    checker.Require(element, {"ErrorEquals"}, here);
    Retrier retrier;
    retrier.error_equals = CompileErrorEquals(checker, element, here, i + 1 == retry->size());
    if (auto n = checker.Integer(element, "IntervalSeconds", here, 1, kMaxSeconds)) {
      retrier.interval_seconds = *n;
    }
    if (auto n = checker.Integer(element, "MaxAttempts", here, 0, kMaxSeconds)) {
      retrier.max_attempts = *n;
    }
    if (auto n = checker.Number(element, "BackoffRate", here, 1.0, 1e9)) retrier.backoff_rate = *n;
    retrier.max_delay_seconds = checker.Integer(element, "MaxDelaySeconds", here, 1, 31622400);
    if (auto jitter = checker.String(element, "JitterStrategy", here)) {
      if (*jitter == "FULL") {
        retrier.jitter = JitterStrategy::kFull;
      } else if (*jitter != "NONE") {
        checker.Fail("The value for the field 'JitterStrategy' must be one of [FULL, NONE]",
                     here + "/JitterStrategy");
      }
    }
    checker.String(element, "Comment", here);
    state->retry.push_back(std::move(retrier));
  }
}

void CompileCatch(Checker& checker, const json::Value& definition, const std::string& location,
                  State* state) {
  const json::Value* catch_list = definition.Find("Catch");
  if (catch_list == nullptr) return;
  std::string at = location + "/Catch";
  if (!ExpectArrayOfObjects(checker, *catch_list, "Catch", at)) return;
  bool jsonata = state->query_language == QueryLanguage::kJsonata;
  std::set<std::string_view> allowed = {"ErrorEquals", "Next", "Comment", "Assign"};
  allowed.insert(jsonata ? "Output" : "ResultPath");
  for (size_t i = 0; i < catch_list->size(); ++i) {
    const json::Value& element = catch_list->items()[i];
    std::string here = at + "/" + std::to_string(i);
    checker.CheckFields(element, allowed, here);
    checker.Require(element, {"ErrorEquals", "Next"}, here);
    Catcher catcher;
    catcher.error_equals =
        CompileErrorEquals(checker, element, here, i + 1 == catch_list->size());
    if (const json::Value* next = element.Find("Next")) {
      catcher.next = checker.Target(*next, here + "/Next");
    }
    if (const json::Value* result_path = element.Find("ResultPath"); result_path && !jsonata) {
      catcher.result_path = CompileResultPath(checker, *result_path, here + "/ResultPath");
    }
    if (const json::Value* assign = element.Find("Assign")) {
      if (jsonata) {
        catcher.jsonata_assign = CompileJsonataAssign(checker, *assign, here + "/Assign");
      } else {
        catcher.assign = CompileAssign(checker, *assign, here + "/Assign");
      }
    }
    if (const json::Value* output = element.Find("Output"); output && jsonata) {
      catcher.jsonata_output = checker.CompileJsonataValue(*output, here + "/Output", "Output");
    }
    checker.String(element, "Comment", here);
    state->catchers.push_back(std::move(catcher));
  }
}

}  // namespace stepwise::asl::internal
