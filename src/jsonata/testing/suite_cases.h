#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "json/parse.h"
#include "json/value.h"

// For the tests that run the official JSONata suite (../shared/conformance/jsonata-suite, its
// README describes the cases): finding it, reading its cases, and the expectations files that
// list the cases a runner does not pass yet. Test support only; STEPWISE_JSONATA_SOURCE_DIR is the
// test target's compile definition.
namespace stepwise::jsonata::testing {

namespace fs = std::filesystem;

inline std::optional<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The suite's folder (holding groups/ and datasets/): $STEPWISE_SHARED_DIR, else ../shared beside
// the source tree; nullopt when it is absent.
inline std::optional<fs::path> SuiteRoot() {
  fs::path shared;
  if (const char* dir = std::getenv("STEPWISE_SHARED_DIR"); dir != nullptr && *dir != '\0') {
    shared = dir;
  } else if (const char* source = std::getenv("STEPWISE_SOURCE_DIR");
             source != nullptr && *source != '\0') {
    shared = fs::path(source) / ".." / "shared";
  } else {
    shared = fs::path(STEPWISE_JSONATA_SOURCE_DIR) / ".." / ".." / ".." / "shared";
  }
  fs::path suite = shared / "conformance" / "jsonata-suite";
  if (!fs::is_directory(suite / "groups")) return std::nullopt;
  return suite;
}

// One case: its id ("group/case.json", with "[i]" for the i-th of a file holding an array), its
// expression (from `expr` or the `expr-file` beside it), its JSON and its folder.
struct SuiteCase {
  std::string id;
  std::string expr;
  json::Value spec;
  fs::path dir;
};

// Every case under groups, in file-name order; the names of files json::Parse rejects go to
// *unreadable.
inline std::vector<SuiteCase> LoadSuite(const fs::path& groups,
                                        std::vector<std::string>* unreadable) {
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
    std::vector<json::Value> entries;
    if (root.is_array()) {
      for (const json::Value& item : root.items()) entries.push_back(item);
    } else {
      entries.push_back(root);
    }
    for (size_t i = 0; i < entries.size(); ++i) {
      SuiteCase c;
      c.id = root.is_array() ? name + "[" + std::to_string(i) + "]" : name;
      c.spec = entries[i];
      c.dir = file.parent_path();
      if (const json::Value* expr = c.spec.Find("expr"); expr != nullptr && expr->is_string()) {
        c.expr = std::string(expr->as_string());
      } else {
        const json::Value* expr_file = c.spec.Find("expr-file");
        std::optional<std::string> expr_text =
            expr_file != nullptr && expr_file->is_string()
                ? ReadFile(c.dir / std::string(expr_file->as_string()))
                : std::nullopt;
        if (!expr_text) {
          ADD_FAILURE() << "cannot read the expression of " << c.id;
          continue;
        }
        c.expr = *expr_text;
      }
      cases.push_back(std::move(c));
    }
  }
  return cases;
}

// An expectations file (the cases a runner does not pass yet): case id to reason. Lines are
// "<case id> <reason>"; blank lines and lines starting with '#' are comments.
inline std::map<std::string, std::string> LoadExpectations(const fs::path& path) {
  std::optional<std::string> text = ReadFile(path);
  EXPECT_TRUE(text.has_value()) << "cannot read " << path;
  std::map<std::string, std::string> expectations;
  std::istringstream lines(text.value_or(""));
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t space = line.find(' ');
    expectations[line.substr(0, space)] = space == std::string::npos ? "" : line.substr(space + 1);
  }
  return expectations;
}

}  // namespace stepwise::jsonata::testing
