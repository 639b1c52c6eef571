// Runs the evaluator over every case of the official JSONata test suite (shared/conformance/
// jsonata-suite), as the reference's runner does: the expected result deep-equal (as a multiset
// where the case says `unordered`), an undefined result, or an error with the expected code (and
// token and message where the case gives them). Cases with `timelimit` and `depth` run under
// those limits. Cases that do not pass yet are listed, with their reasons, in
// eval_suite_expectations.txt beside this file: an unlisted failure fails the test, and so does a
// listed case that now passes (so the list only shrinks).
//
// Environment: STEPWISE_JSONATA_CASE=<prefix> runs only the cases whose id starts with it and
// prints each outcome; STEPWISE_JSONATA_WRITE_EXPECTATIONS=<file> writes the current failures in
// the expectations format.

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "json/parse.h"
#include "json/write.h"
#include "jsonata/evaluate.h"
#include "jsonata/parser.h"
#include "jsonata/testing/suite_cases.h"

namespace stepwise::jsonata {
namespace {

namespace fs = std::filesystem;

using testing::LoadExpectations;
using testing::LoadSuite;
using testing::ReadFile;
using testing::SuiteCase;
using testing::SuiteRoot;

// Deep equality as the reference runner's chai deep.equal sees JSON (numbers by value).
bool SameJson(const json::Value& a, const json::Value& b) { return a == b; }

bool SameMultiset(const json::Value& a, const json::Value& b) {
  if (!a.is_array() || !b.is_array()) return SameJson(a, b);
  if (a.size() != b.size()) return false;
  std::vector<bool> used(b.size(), false);
  for (const json::Value& x : a.items()) {
    bool found = false;
    for (size_t i = 0; i < b.size(); ++i) {
      if (!used[i] && SameJson(x, b.items()[i])) {
        used[i] = true;
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

class Datasets {
 public:
  explicit Datasets(fs::path dir) : dir_(std::move(dir)) {}
  const json::Value* Get(const std::string& name) {
    auto it = cache_.find(name);
    if (it == cache_.end()) {
      std::optional<std::string> text = ReadFile(dir_ / (name + ".json"));
      std::optional<json::Value> value;
      if (text) {
        Result<json::Value> parsed = json::Parse(*text);
        if (parsed.ok()) value = parsed.release_value();
      }
      it = cache_.emplace(name, std::move(value)).first;
    }
    return it->second.has_value() ? &*it->second : nullptr;
  }

 private:
  fs::path dir_;
  std::map<std::string, std::optional<json::Value>> cache_;
};

// Runs one case; returns "" when it passes, else what happened.
std::string RunCase(const SuiteCase& c, Datasets& datasets) {
  const json::Value& spec = c.spec;
  std::string expected_code;
  const json::Value* error_spec = spec.Find("error");
  if (const json::Value* code = spec.Find("code"); code != nullptr && code->is_string()) {
    expected_code = std::string(code->as_string());
  }
  if (error_spec != nullptr) {
    if (const json::Value* code = error_spec->Find("code"); code != nullptr && code->is_string()) {
      expected_code = std::string(code->as_string());
    }
  }
  ParseError parse_error;
  Result<Expression> expression = Parse(c.expr, &parse_error);
  if (!expression.ok()) {
    if (!expected_code.empty() && parse_error.code == expected_code) return "";
    return "parse error " + parse_error.code + ": " + parse_error.message;
  }
  const json::Value* input = nullptr;
  if (const json::Value* data = spec.Find("data"); data != nullptr) {
    input = data;
  } else if (const json::Value* dataset = spec.Find("dataset");
             dataset != nullptr && dataset->is_string()) {
    input = datasets.Get(std::string(dataset->as_string()));
    if (input == nullptr) return "cannot read dataset";
  }
  Bindings bindings;
  if (const json::Value* b = spec.Find("bindings"); b != nullptr && b->is_object()) {
    for (const json::Member& m : b->members()) bindings.Bind(m.name(), m.value);
  }
  EvalLimits limits;
  limits.timeout = std::chrono::milliseconds(20000);
  const json::Value* timelimit = spec.Find("timelimit");
  const json::Value* depth = spec.Find("depth");
  if (timelimit != nullptr && depth != nullptr && timelimit->is_number() && depth->is_number()) {
    limits.timeout = std::chrono::milliseconds(static_cast<int64_t>(timelimit->as_number()));
    limits.max_depth = static_cast<int>(depth->as_number());
  }
  EvalError error;
  Result<std::optional<json::Value>> result =
      Evaluate(expression.value(), input, bindings, limits, &error);
  auto describe = [&]() -> std::string {
    if (!result.ok()) return "error " + error.code + " (" + error.message + ")";
    if (!result.value().has_value()) return "undefined";
    return json::WriteForMessage(*result.value(), 300);
  };
  if (!expected_code.empty()) {
    if (result.ok()) return "expected " + expected_code + ", got " + describe();
    if (error.code != expected_code) return "expected " + expected_code + ", got " + describe();
    if (error_spec != nullptr) {
      if (const json::Value* token = error_spec->Find("token"); token != nullptr) {
        std::string want = JsonText(token->is_string() ? token->as_string() : "");
        if (error.token.value_or("") != want) {
          return "expected token " + want + ", got " + error.token.value_or("none");
        }
      }
      if (const json::Value* message = error_spec->Find("message");
          message != nullptr && message->is_string() && error.message != message->as_string()) {
        return "expected message \"" + std::string(message->as_string()) + "\", got \"" +
               error.message + "\"";
      }
    }
    return "";
  }
  if (const json::Value* undefined_result = spec.Find("undefinedResult");
      undefined_result != nullptr) {
    if (result.ok() && !result.value().has_value()) return "";
    return "expected undefined, got " + describe();
  }
  if (const json::Value* expected = spec.Find("result"); expected != nullptr) {
    if (!result.ok() || !result.value().has_value()) {
      return "expected " + json::WriteForMessage(*expected, 300) + ", got " + describe();
    }
    const json::Value* unordered = spec.Find("unordered");
    bool multiset = unordered != nullptr && unordered->is_bool() && unordered->as_bool();
    bool same =
        multiset ? SameMultiset(*result.value(), *expected) : SameJson(*result.value(), *expected);
    if (same) return "";
    return "expected " + json::WriteForMessage(*expected, 300) + ", got " + describe();
  }
  return "the case has nothing to check";
}

TEST(EvalSuiteTest, EveryCaseEvaluatesAsTheReferenceDoes) {
  std::optional<fs::path> root = SuiteRoot();
  if (!root.has_value()) GTEST_SKIP() << "The JSONata suite (shared/conformance) is absent.";
  std::vector<std::string> unreadable;
  std::vector<SuiteCase> cases = LoadSuite(*root / "groups", &unreadable);
  ASSERT_FALSE(cases.empty());
  Datasets datasets(*root / "datasets");
  std::map<std::string, std::string> expectations =
      LoadExpectations(fs::path(STEPWISE_JSONATA_SOURCE_DIR) / "eval_suite_expectations.txt");
  const char* only = std::getenv("STEPWISE_JSONATA_CASE");
  std::string prefix = only != nullptr ? only : "";

  int passed = 0, total = 0;
  std::map<std::string, std::string> failing;
  for (const std::string& name : unreadable) {
    ++total;
    failing[name] = "the case file is not valid UTF-8 JSON";
  }
  for (const SuiteCase& c : cases) {
    if (!prefix.empty() && c.id.rfind(prefix, 0) != 0) continue;
    ++total;
    std::string outcome = RunCase(c, datasets);
    if (!prefix.empty()) {
      std::cout << c.id << ": " << (outcome.empty() ? "pass" : outcome) << "\n  " << c.expr << "\n";
    }
    if (outcome.empty()) {
      ++passed;
    } else {
      failing[c.id] = outcome;
    }
  }
  if (prefix.empty()) {
    for (const auto& [id, outcome] : failing) {
      if (expectations.count(id) == 0) {
        ADD_FAILURE() << id << ": " << outcome;
      }
    }
    for (const auto& [id, reason] : expectations) {
      if (failing.count(id) == 0) {
        ADD_FAILURE() << id << " is listed in eval_suite_expectations.txt (" << reason
                      << ") but now passes: remove it from the list";
      }
    }
  }
  if (const char* out = std::getenv("STEPWISE_JSONATA_WRITE_EXPECTATIONS"); out != nullptr) {
    std::ofstream file(out);
    for (const auto& [id, outcome] : failing) {
      auto it = expectations.find(id);
      file << id << " " << (it != expectations.end() ? it->second : outcome) << "\n";
    }
  }
  std::cout << "[ jsonata suite ] evaluation: " << passed << "/" << total << " passed, "
            << failing.size() << " listed exceptions\n";
  RecordProperty("passed", passed);
}

}  // namespace
}  // namespace stepwise::jsonata
