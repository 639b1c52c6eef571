// The engine against executions that AWS Step Functions recorded (../shared/conformance/
// aws-recorded, described in its README): every case of every group but `validation` and
// `create-rejected` whose `needs` is empty is run with engine::RunExecution, and its status,
// output, error, cause and history event types are compared with AWS's, after the recorder's
// masking on both sides (conformance/masking.h). Cases whose only needs are callback tasks and
// activities run too, their workers replayed from the recording (recorded_workers.h). Cases that
// need another AWS service are counted as skipped, per service.
//
// Usage: execution_conformance CONFORMANCE_DIR EXPECTATIONS_FILE
// Prints one line per failing case (its id and the first difference) and the counts. Fails only
// on a regression: a case that does not pass and is not listed in the expectations file, or a
// listed case that now passes or was not run (so that the list only shrinks). Without
// CONFORMANCE_DIR it says so on one line and exits with 77 (CTest's "skipped").
//
// Cases run one after another in this process; RunExecution has no deadline, so a hang is caught
// by the CTest TIMEOUT of the test. Set STEPWISE_CONFORMANCE_VERBOSE=1 to print each case's id
// before it runs, to see which one hung or crashed.

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

#include "asl/load.h"
#include "conformance/masking.h"
#include "conformance/recorded_workers.h"
#include "engine/history.h"
#include "engine/run.h"
#include "engine/task_invoker.h"
#include "json/parse.h"
#include "json/write.h"

namespace fs = std::filesystem;
namespace json = stepwise::json;
namespace engine = stepwise::engine;
using stepwise::asl::LoadDefinition;
using stepwise::asl::MachineType;
using stepwise::conformance::CompareEvents;
using stepwise::conformance::EventOrder;
using stepwise::conformance::FirstDifference;
using stepwise::conformance::Mask;
using stepwise::conformance::Placeholders;
using stepwise::conformance::Truncate;

namespace {

// Where the recordings came from: us-east-1 is masked to "<region>" like any region, and the
// account is the one the recorder substituted, so masking our ARNs is the identity there.
constexpr std::string_view kMachineName = "conformance";
constexpr std::string_view kExecutionName = "6f2c1d2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f";
constexpr std::string_view kExpressRunId = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
constexpr uint64_t kSeed = 20240601;
constexpr size_t kMaxDifferenceChars = 300;

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
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string StringField(const json::Value& object, std::string_view key,
                        std::string_view fallback) {
  const json::Value* value = object.Find(key);
  return value != nullptr && value->is_string() ? std::string(value->as_string())
                                                : std::string(fallback);
}

// An identity shaped like AWS's: Express executions have "express:" ARNs with a run id.
engine::ExecutionIdentity Identity(MachineType type) {
  const std::string prefix =
      "arn:aws:states:us-east-1:" + std::string(stepwise::conformance::kRecordedAccount) + ":";
  engine::ExecutionIdentity identity;
  identity.state_machine_name = kMachineName;
  identity.state_machine_arn = prefix + "stateMachine:" + std::string(kMachineName);
  identity.execution_name = kExecutionName;
  if (type == MachineType::kExpress) {
    identity.execution_arn = prefix + "express:" + std::string(kMachineName) + ":" +
                             std::string(kExecutionName) + ":" + std::string(kExpressRunId);
  }
  identity.role_arn = "arn:aws:iam::" + std::string(stepwise::conformance::kRecordedAccount) +
                      ":role/" + std::string(kMachineName);
  return identity;
}

std::string FirstError(const stepwise::asl::LoadResult& result) {
  for (const auto& d : result.diagnostics) {
    if (d.severity == stepwise::asl::Severity::kError) {
      return d.code + " at " + d.location + ": " + d.message;
    }
  }
  return "no error";
}

std::string Quote(std::string_view s) { return json::Write(json::Value::String(s)); }

// Compares an error or cause: absent in the recording means absent in ours.
std::optional<std::string> CompareText(std::string_view field, const json::Value* expected,
                                       bool has_actual, const std::string& actual,
                                       Placeholders placeholders) {
  if (expected == nullptr) {
    if (!has_actual) return std::nullopt;
    return std::string(field) + ": expected absent, actual " + Quote(actual);
  }
  if (!has_actual) {
    return std::string(field) + ": expected " + json::Write(*expected) + ", actual absent";
  }
  json::Value want = Mask(*expected);
  if (!want.is_string()) {
    // The recorder parsed a cause that was JSON text; compare it as JSON.
    auto parsed = json::Parse(actual);
    if (!parsed.ok()) {
      return std::string(field) + ": expected JSON " + json::Write(want) + ", actual " +
             Quote(actual);
    }
    auto difference = FirstDifference(want, Mask(parsed.value()), placeholders);
    if (!difference) return std::nullopt;
    return std::string(field) + " (as JSON) " + *difference;
  }
  auto difference = FirstDifference(want, Mask(json::Value::String(actual)), placeholders);
  if (!difference) return std::nullopt;
  return std::string(field) + ": expected " + json::Write(want) + ", actual " + Quote(actual);
}

// Whether the engine can run a case: it needs no AWS service but callback tasks and activities,
// whose workers RecordedWorkers replays (the SQS queue of a callback case only carries the token
// to the worker, which the replay stands in for).
bool Runnable(const json::Value& test_case) {
  const json::Value* needs = test_case.Find("needs");
  if (needs == nullptr) return true;
  std::set<std::string> wanted;
  for (const json::Value& need : needs->items()) wanted.emplace(need.as_string());
  if (wanted.count("callback") != 0) wanted.erase("sqs");
  wanted.erase("callback");
  wanted.erase("activity");
  return wanted.empty();
}

// Runs one case; returns nothing when it passes, else its first difference.
std::optional<std::string> RunCase(const json::Value& test_case) {
  MachineType type = StringField(test_case, "type", "STANDARD") == "EXPRESS"
                         ? MachineType::kExpress
                         : MachineType::kStandard;
  auto loaded = LoadDefinition(json::Write(*test_case.Find("definition")), {.type = type});
  if (!loaded.ok()) return "definition does not load: " + FirstError(loaded);

  engine::RunOptions options;
  options.identity = Identity(type);
  options.express = type == MachineType::kExpress;
  // The recorder's Express cases say how they were started; StartSyncExecution's context object
  // has no RedriveCount.
  options.synchronous = StringField(test_case, "name", "").find("/express_sync.") !=
                        std::string::npos;
  options.record_history = true;
  options.clock = engine::ClockKind::kSimulated;
  options.seed = kSeed;
  // One worker: branches and iterations then interleave the same way on every run, so that a
  // failure is reproducible (the scheduler never blocks a worker, so one suffices).
  options.workers = 1;
  const json::Value* input = test_case.Find("input");
  const json::Value* task_results = test_case.Find("task_results");
  auto workers = std::make_shared<stepwise::conformance::RecordedWorkers>(
      task_results != nullptr ? *task_results : json::Value());
  engine::TaskRouter router;
  router.SetFallback(workers);
  options.callbacks = workers;
  engine::RunResult result = engine::RunExecution(
      loaded.machine, input != nullptr ? *input : json::Value::EmptyObject(), router, options);

  const json::Value& expected = *test_case.Find("expected");
  const json::Value* placeholders_flag = test_case.Find("placeholders");
  Placeholders placeholders =
      placeholders_flag != nullptr && placeholders_flag->is_bool() && placeholders_flag->as_bool()
          ? Placeholders::kWildcards
          : Placeholders::kLiteral;

  std::string want_status = StringField(expected, "status", "");
  std::string_view status = engine::ExecutionStatusName(result.status);
  if (status != want_status) {
    std::string detail = "status: expected " + want_status + ", actual " + std::string(status);
    if (result.has_error || result.has_cause) {
      detail += " (" + result.error + ": " + result.cause + ")";
    }
    return detail;
  }
  if (auto d = CompareText("error", expected.Find("error"), result.has_error, result.error,
                           placeholders)) {
    return d;
  }
  if (auto d = CompareText("cause", expected.Find("cause"), result.has_cause, result.cause,
                           placeholders)) {
    return d;
  }
  if (const json::Value* output = expected.Find("output");
      output != nullptr && result.status == engine::ExecutionStatus::kSucceeded) {
    if (auto d = FirstDifference(Mask(*output), Mask(result.output), placeholders)) {
      return "output " + *d;
    }
  }
  if (const json::Value* events = expected.Find("events")) {
    std::vector<std::string> want;
    for (const json::Value& event : events->items()) want.emplace_back(event.as_string());
    std::vector<std::string> ours;
    if (result.history) {
      result.history->ForEach([&ours](const engine::HistoryEvent& event) {
        ours.emplace_back(engine::EventTypeName(event.type));
      });
    }
    EventOrder order = StringField(test_case, "events_normalized", "") == "parallel-sorted"
                           ? EventOrder::kParallelSorted
                           : EventOrder::kExact;
    if (auto d = CompareEvents(want, ours, order)) return "events " + *d;
  }
  return std::nullopt;
}

struct Tally {
  int total = 0;
  int passed = 0;
  int listed_failures = 0;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: execution_conformance CONFORMANCE_DIR EXPECTATIONS_FILE\n";
    return 2;
  }
  fs::path root = fs::path(argv[1]) / "aws-recorded";
  if (!fs::is_directory(root)) {
    std::cout << "conformance: " << root.string() << " is absent; skipping the execution run\n";
    return 77;
  }
  std::map<std::string, std::string> expectations = ReadExpectations(argv[2]);
  bool verbose = std::getenv("STEPWISE_CONFORMANCE_VERBOSE") != nullptr;

  std::vector<fs::path> groups;
  for (const auto& entry : fs::directory_iterator(root)) {
    std::string name = entry.path().filename().string();
    if (entry.is_directory() && name != "validation" && name != "create-rejected") {
      groups.push_back(entry.path());
    }
  }
  std::sort(groups.begin(), groups.end());

  std::map<std::string, Tally> by_language;
  std::map<std::string, int> skipped_by_need;
  int skipped = 0;
  std::set<std::string> ran;
  std::vector<std::string> regressions;
  std::vector<std::string> now_passing;
  for (const fs::path& group : groups) {
    for (const fs::path& file : JsonFiles(group)) {
      std::string id = group.filename().string() + "/" + file.filename().string();
      auto parsed = json::Parse(ReadText(file));
      if (!parsed.ok()) {
        regressions.push_back(id + ": the case file does not parse: " + parsed.error().message());
        continue;
      }
      const json::Value& test_case = parsed.value();
      if (!Runnable(test_case)) {
        const json::Value* needs = test_case.Find("needs");
        ++skipped;
        for (const json::Value& need : needs->items())
          ++skipped_by_need[std::string(need.as_string())];
        continue;
      }
      Tally& tally = by_language[StringField(test_case, "query_language", "JSONPath")];
      ++tally.total;
      ran.insert(id);
      if (verbose) std::cout << "running " << id << std::endl;
      std::optional<std::string> difference = RunCase(test_case);
      bool listed = expectations.count(id) != 0;
      if (!difference) {
        ++tally.passed;
        if (listed) now_passing.push_back(id);
      } else if (listed) {
        ++tally.listed_failures;
        std::cout << "  expected failure " << id << ": "
                  << Truncate(*difference, kMaxDifferenceChars) << "\n";
      } else {
        regressions.push_back(id + ": " + Truncate(*difference, kMaxDifferenceChars));
      }
    }
  }

  for (const std::string& r : regressions) std::cout << "  REGRESSION " << r << "\n";
  for (const std::string& id : now_passing) {
    std::cout << "  NOW PASSING (remove it from the expectations file) " << id << "\n";
  }
  std::vector<std::string> not_run;
  for (const auto& [id, reason] : expectations) {
    if (ran.count(id) == 0) not_run.push_back(id);
  }
  for (const std::string& id : not_run) {
    std::cout << "  LISTED BUT NOT RUN (remove it from the expectations file) " << id << "\n";
  }

  for (const auto& [language, tally] : by_language) {
    std::cout << "conformance: aws-recorded executions (" << language << "): " << tally.passed
              << "/" << tally.total << " pass";
    if (tally.listed_failures > 0) std::cout << ", " << tally.listed_failures << " listed failures";
    std::cout << "\n";
  }
  std::cout << "conformance: aws-recorded executions skipped, needing a service: " << skipped;
  const char* separator = " (";
  for (const auto& [need, count] : skipped_by_need) {
    std::cout << separator << need << " " << count;
    separator = ", ";
  }
  std::cout << (skipped_by_need.empty() ? "" : ")") << "\n";

  return regressions.empty() && now_passing.empty() && not_run.empty() ? 0 : 1;
}
