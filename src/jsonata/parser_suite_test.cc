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

namespace stepwise::jsonata {
namespace {

namespace fs = std::filesystem;

struct SuiteCase {
  std::string id;    // "<group>/<file>", with "[i]" for the i-th case of a file holding an array
  std::string expr;  // the expression
  std::string code;  // the expected error code, or "" when a result is expected
};

std::optional<fs::path> SuiteDir() {
  fs::path shared;
  if (const char* dir = std::getenv("STEPWISE_SHARED_DIR"); dir != nullptr && *dir != '\0') {
    shared = dir;
  } else if (const char* source = std::getenv("STEPWISE_SOURCE_DIR");
             source != nullptr && *source != '\0') {
    shared = fs::path(source) / ".." / "shared";
  } else {
    return std::nullopt;
  }
  fs::path suite = shared / "conformance" / "jsonata-suite" / "groups";
  if (!fs::is_directory(suite)) return std::nullopt;
  return suite;
}

std::optional<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string StringField(const json::Value& object, std::string_view key) {
  const json::Value* value = object.Find(key);
  return value != nullptr && value->is_string() ? std::string(value->as_string()) : "";
}

// Loads every case; the names of files that json::Parse rejects go to *unreadable.
std::vector<SuiteCase> LoadSuite(const fs::path& groups, std::vector<std::string>* unreadable) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(groups)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<SuiteCase> cases;
  for (const fs::path& file : files) {
    std::string name = fs::relative(file, groups).generic_string();
    std::optional<std::string> text = ReadFile(file);
    Result<json::Value> document = text ? json::Parse(*text) : Result<json::Value>(json::Value());
    if (!text || !document.ok()) {
      unreadable->push_back(name);
      continue;
    }
    const json::Value& root = document.value();
    std::vector<const json::Value*> entries;
    if (root.is_array()) {
      for (const json::Value& item : root.items()) entries.push_back(&item);
    } else {
      entries.push_back(&root);
    }
    for (size_t i = 0; i < entries.size(); ++i) {
      const json::Value& entry = *entries[i];
      SuiteCase suite_case;
      suite_case.id = root.is_array() ? name + "[" + std::to_string(i) + "]" : name;
      if (const json::Value* expr = entry.Find("expr"); expr != nullptr && expr->is_string()) {
        suite_case.expr = std::string(expr->as_string());
      } else {
        std::optional<std::string> expr_text =
            ReadFile(file.parent_path() / StringField(entry, "expr-file"));
        if (!expr_text) {
          ADD_FAILURE() << "cannot read the expression of " << suite_case.id;
          continue;
        }
        suite_case.expr = *expr_text;
      }
      suite_case.code = StringField(entry, "code");
      if (const json::Value* error = entry.Find("error"); error != nullptr) {
        suite_case.code = StringField(*error, "code");
      }
      cases.push_back(std::move(suite_case));
    }
  }
  return cases;
}

// The listed exceptions: case id to reason. Lines are "<case id> <reason>"; blank lines and lines
// starting with '#' are comments.
std::map<std::string, std::string> LoadExpectations() {
  std::map<std::string, std::string> expectations;
  fs::path path = fs::path(STEPWISE_JSONATA_SOURCE_DIR) / "parser_suite_expectations.txt";
  std::optional<std::string> text = ReadFile(path);
  EXPECT_TRUE(text.has_value()) << "cannot read " << path;
  std::istringstream lines(text.value_or(""));
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t space = line.find(' ');
    std::string id = line.substr(0, space);
    expectations[id] = space == std::string::npos ? "" : line.substr(space + 1);
  }
  return expectations;
}

TEST(ParserSuiteTest, EveryCaseParsesOrFailsAsTheReferenceDoes) {
  std::optional<fs::path> groups = SuiteDir();
  if (!groups.has_value()) GTEST_SKIP() << "The JSONata suite (shared/conformance) is absent.";
  std::vector<std::string> unreadable;
  std::vector<SuiteCase> cases = LoadSuite(*groups, &unreadable);
  ASSERT_FALSE(cases.empty());
  std::map<std::string, std::string> expectations = LoadExpectations();

  int parsed = 0, parse_expected = 0, matched = 0, syntax_expected = 0;
  std::set<std::string> failing;
  for (const std::string& name : unreadable) {
    failing.insert(name);
    if (expectations.count(name) == 0) ADD_FAILURE() << "cannot read " << name;
  }
  for (const SuiteCase& suite_case : cases) {
    ParseError error;
    Result<Expression> expression = Parse(suite_case.expr, &error);
    bool syntax_error_expected = suite_case.code.rfind("S0", 0) == 0;
    bool pass;
    if (syntax_error_expected) {
      ++syntax_expected;
      pass = !expression.ok() && error.code == suite_case.code;
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
                      << (syntax_error_expected ? suite_case.code : std::string("to parse"))
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
