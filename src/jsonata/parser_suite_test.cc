// Runs the parser over every case of the official JSONata test suite (shared/conformance/
// jsonata-suite): an expression whose expected outcome is a syntax error (a code starting with
// "S0") must fail with that code, and every other expression must parse. Exceptions are listed,
// with their reasons, in parser_suite_expectations.txt beside this file; a listed case that
// passes fails the test as much as an unlisted case that fails.

#include <algorithm>
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
#include "jsonata/parser.h"
#include "jsonata/testing/suite_cases.h"

namespace stepwise::jsonata {
namespace {

namespace fs = std::filesystem;

using testing::LoadExpectations;
using testing::LoadSuite;
using testing::SuiteCase;
using testing::SuiteRoot;

// The error code a case expects, or "" when it expects a result.
std::string ExpectedCode(const json::Value& spec) {
  const json::Value* holder = spec.Find("error");
  if (holder == nullptr) holder = &spec;
  const json::Value* code = holder->Find("code");
  return code != nullptr && code->is_string() ? std::string(code->as_string()) : "";
}

TEST(ParserSuiteTest, EveryCaseParsesOrFailsAsTheReferenceDoes) {
  std::optional<fs::path> root = SuiteRoot();
  if (!root.has_value()) GTEST_SKIP() << "The JSONata suite (shared/conformance) is absent.";
  std::vector<std::string> unreadable;
  std::vector<SuiteCase> cases = LoadSuite(*root / "groups", &unreadable);
  ASSERT_FALSE(cases.empty());
  std::map<std::string, std::string> expectations =
      LoadExpectations(fs::path(STEPWISE_JSONATA_SOURCE_DIR) / "parser_suite_expectations.txt");

  int parsed = 0, parse_expected = 0, matched = 0, syntax_expected = 0;
  std::set<std::string> failing;
  for (const std::string& name : unreadable) {
    failing.insert(name);
    if (expectations.count(name) == 0) ADD_FAILURE() << "cannot read " << name;
  }
  for (const SuiteCase& suite_case : cases) {
    ParseError error;
    Result<Expression> expression = Parse(suite_case.expr, &error);
    std::string code = ExpectedCode(suite_case.spec);
    bool syntax_error_expected = code.rfind("S0", 0) == 0;
    bool pass;
    if (syntax_error_expected) {
      ++syntax_expected;
      pass = !expression.ok() && error.code == code;
      matched += pass ? 1 : 0;
    } else {
      ++parse_expected;
      pass = expression.ok();
      parsed += pass ? 1 : 0;
    }
    if (!pass) {
      failing.insert(suite_case.id);
      if (expectations.count(suite_case.id) == 0) {
        ADD_FAILURE() << suite_case.id << ": expected "
                      << (syntax_error_expected ? code : std::string("to parse"))
                      << ", got "
                      << (expression.ok() ? std::string("a parse")
                                          : error.code + " (" + error.message + ")")
                      << "\n  expression: " << suite_case.expr;
      }
    }
  }
  for (const auto& [id, reason] : expectations) {
    if (failing.count(id) == 0) {
      ADD_FAILURE() << id << " is listed as an exception (" << reason
                    << ") but now passes: remove it from parser_suite_expectations.txt";
    }
  }
  std::cout << "[ jsonata suite ] " << cases.size() + unreadable.size() << " cases: " << parsed
            << "/" << parse_expected << " parse as expected, " << matched << "/" << syntax_expected
            << " syntax errors matched, " << failing.size() << " listed exceptions\n";
  RecordProperty("parsed", parsed);
  RecordProperty("syntax_errors_matched", matched);
}

}  // namespace
}  // namespace stepwise::jsonata
