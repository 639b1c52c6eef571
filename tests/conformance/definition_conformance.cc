// The definition checker against corpora we did not write (../shared/conformance, described in
// its README):
//   - asl-validator's valid and invalid definitions: each accepted or rejected as that validator
//     does, except where AWS's documented behaviour differs (listed in the expectations file);
//   - the AWS-recorded `validation` and `create-rejected` cases: accepted or rejected as AWS did;
//   - the AWS-recorded execution cases: every definition accepted (they all ran on AWS).
//
// Usage: definition_conformance CONFORMANCE_DIR EXPECTATIONS_FILE
// Prints the counts. Fails only on a regression: a case that does not pass and is not listed in
// the expectations file, or a listed case that now passes (so that the list only shrinks).
// Without CONFORMANCE_DIR it says so on one line and exits with 77 (CTest's "skipped").

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "asl/load.h"
#include "json/parse.h"
#include "json/write.h"

namespace fs = std::filesystem;
using stepwise::asl::LoadDefinition;
using stepwise::asl::MachineType;
namespace json = stepwise::json;

namespace {

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// case id -> reason, from lines "<id> <reason...>"; '#' starts a comment line.
std::map<std::string, std::string> ReadExpectations(const fs::path& path) {
  std::map<std::string, std::string> expected;
  std::istringstream lines(ReadText(path));
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t space = line.find(' ');
    expected[line.substr(0, space)] = space == std::string::npos ? "" : line.substr(space + 1);
  }
  return expected;
}

std::vector<fs::path> JsonFiles(const fs::path& dir) {
  std::vector<fs::path> files;
  if (!fs::is_directory(dir)) return files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

struct Tally {
  int passed = 0;
  int expected_failures = 0;  // failing, and listed
  std::vector<std::string> regressions;
  std::vector<std::string> fixed;  // listed, but passing now
};

class Runner {
 public:
  explicit Runner(std::map<std::string, std::string> expectations)
      : expectations_(std::move(expectations)) {}

  // Records one case's outcome against the expectations.
  void Record(Tally& tally, const std::string& id, bool pass, const std::string& detail) {
    seen_.insert(id);
    bool listed = expectations_.count(id) != 0;
    if (pass && !listed) {
      ++tally.passed;
    } else if (pass && listed) {
      ++tally.passed;
      tally.fixed.push_back(id);
    } else if (listed) {
      ++tally.expected_failures;
    } else {
      tally.regressions.push_back(id + ": " + detail);
    }
  }

  std::vector<std::string> Unseen() const {
    std::vector<std::string> unseen;
    for (const auto& [id, reason] : expectations_) {
      if (seen_.count(id) == 0) unseen.push_back(id);
    }
    return unseen;
  }

 private:
  std::map<std::string, std::string> expectations_;
  std::set<std::string> seen_;
};

std::string FirstError(const stepwise::asl::LoadResult& result) {
  for (const auto& d : result.diagnostics) {
    if (d.severity == stepwise::asl::Severity::kError) {
      return d.code + " at " + d.location + ": " + d.message;
    }
  }
  return "no error";
}

bool Report(const std::string& name, const Tally& tally, int total) {
  std::cout << "conformance: " << name << ": " << tally.passed << "/" << total << " pass";
  if (tally.expected_failures > 0) {
    std::cout << ", " << tally.expected_failures << " listed exceptions";
  }
  std::cout << "\n";
  for (const std::string& r : tally.regressions) std::cout << "  REGRESSION " << r << "\n";
  for (const std::string& f : tally.fixed) {
    std::cout << "  NOW PASSING (remove it from the expectations file) " << f << "\n";
  }
  return tally.regressions.empty() && tally.fixed.empty();
}

MachineType TypeOf(const json::Value& test_case) {
  const json::Value* type = test_case.Find("type");
  return type != nullptr && type->is_string() && type->as_string() == "EXPRESS"
             ? MachineType::kExpress
             : MachineType::kStandard;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: definition_conformance CONFORMANCE_DIR EXPECTATIONS_FILE\n";
    return 2;
  }
  fs::path root = argv[1];
  if (!fs::is_directory(root)) {
    std::cout << "conformance: " << root.string() << " is absent; skipping the conformance run\n";
    return 77;
  }
  Runner runner(ReadExpectations(argv[2]));
  bool ok = true;

  // asl-validator: valid/ accepted, invalid/ rejected.
  for (std::string kind : {"valid", "invalid"}) {
    Tally tally;
    auto files = JsonFiles(root / "asl-validator" / kind);
    for (const fs::path& file : files) {
      auto result = LoadDefinition(ReadText(file));
      bool accepted = result.ok();
      bool pass = kind == "valid" ? accepted : !accepted;
      runner.Record(tally, "asl-validator/" + kind + "/" + file.filename().string(), pass,
                    accepted ? "accepted" : "rejected: " + FirstError(result));
    }
    ok &= Report("asl-validator " + kind, tally, static_cast<int>(files.size()));
  }

  // AWS-recorded ValidateStateMachineDefinition and CreateStateMachine cases.
  Tally validation;
  int validation_total = 0;
  for (std::string group : {"validation", "create-rejected"}) {
    for (const fs::path& file : JsonFiles(root / "aws-recorded" / group)) {
      json::Value test_case = json::Parse(ReadText(file)).value();
      std::string text;
      if (const json::Value* raw = test_case.Find("definition_text")) {
        text = std::string(raw->as_string());
      } else {
        text = json::Write(*test_case.Find("definition"));
      }
      const json::Value& expected = *test_case.Find("expected");
      bool expect_ok = false;
      if (const json::Value* r = expected.Find("result")) expect_ok = r->as_string() == "OK";
      auto result = LoadDefinition(text, {.type = TypeOf(test_case)});
      ++validation_total;
      runner.Record(validation, group + "/" + file.filename().string(), result.ok() == expect_ok,
                    result.ok() ? "accepted" : "rejected: " + FirstError(result));
    }
  }
  ok &= Report("aws-recorded validation and create-rejected", validation, validation_total);

  // AWS-recorded executions: every definition ran on AWS, so every one must load.
  std::map<std::string, Tally> by_language;
  std::map<std::string, int> totals;
  for (const auto& group : fs::directory_iterator(root / "aws-recorded")) {
    std::string name = group.path().filename().string();
    if (!group.is_directory() || name == "validation" || name == "create-rejected") continue;
    for (const fs::path& file : JsonFiles(group.path())) {
      json::Value test_case = json::Parse(ReadText(file)).value();
      const json::Value* language = test_case.Find("query_language");
      std::string lang = language != nullptr ? std::string(language->as_string()) : "JSONPath";
      auto result =
          LoadDefinition(json::Write(*test_case.Find("definition")), {.type = TypeOf(test_case)});
      ++totals[lang];
      runner.Record(by_language[lang], name + "/" + file.filename().string(), result.ok(),
                    FirstError(result));
    }
  }
  for (const auto& [lang, tally] : by_language) {
    ok &= Report("aws-recorded execution definitions (" + lang + ") accepted", tally, totals[lang]);
  }

  for (const std::string& id : runner.Unseen()) {
    std::cout << "  LISTED BUT NOT FOUND (remove it from the expectations file) " << id << "\n";
    ok = false;
  }
  return ok ? 0 : 1;
}
