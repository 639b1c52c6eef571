// `stepwise run DEFINITION [--input JSON|@FILE] [--history] [--json] [--task NAME=SPEC]...
//  [--clock real|simulated] [--stats] [--seed N] [--workers N] [--type STANDARD|EXPRESS]
//  [--payload-limit BYTES]`:
// runs one execution in this process and prints how it ended.
//
// Exit codes: 0 the execution succeeded; 1 it failed, timed out or was aborted; 2 it could not
// start (an unreadable file, input that is not JSON, an invalid definition, a bad option).

#include <sys/resource.h>

#include <chrono>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "asl/load.h"
#include "asl/timestamp.h"
#include "cli/commands.h"
#include "cli/task_routes.h"
#include "cli/read_input.h"
#include "engine/run.h"
#include "json/parse.h"
#include "json/write.h"
#include "tasks/task_spec.h"

namespace stepwise::cli {
namespace {

struct RunCommandOptions {
  std::string definition_file;
  std::string input = "{}";
  bool history = false;
  bool json = false;
  bool stats = false;
  std::vector<std::string> tasks;
  std::string routes;  // --routes FILE
  engine::ClockKind clock = engine::ClockKind::kReal;
  asl::MachineType type = asl::MachineType::kStandard;
  uint64_t seed = 0;
  int workers = 0;
  size_t payload_limit = 256 * 1024;
};

double MillisSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

long PeakRssKb() {
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;  // kilobytes on Linux
}

std::string IsoTime(int64_t millis) {
  return asl::FormatTimestamp({millis / 1000, static_cast<int32_t>(millis % 1000) * 1000000});
}

// DescribeExecution's response shape (GetExecutionHistory's events are added by PrintJson).
json::Value DescribeJson(const engine::RunResult& result, const json::Value& input,
                         const std::string& machine_arn) {
  std::vector<json::Member> members;
  members.emplace_back("executionArn", json::Value::String(result.execution_arn));
  members.emplace_back("stateMachineArn", json::Value::String(machine_arn));
  std::string name = result.execution_arn.substr(result.execution_arn.rfind(':') + 1);
  members.emplace_back("name", json::Value::String(name));
  members.emplace_back("status", json::Value::String(engine::ExecutionStatusName(result.status)));
  members.emplace_back("startDate", json::Value::String(IsoTime(result.start_ms)));
  members.emplace_back("stopDate", json::Value::String(IsoTime(result.stop_ms)));
  members.emplace_back("input", json::Value::String(json::Write(input)));
  if (result.status == engine::ExecutionStatus::kSucceeded) {
    members.emplace_back("output", json::Value::String(json::Write(result.output)));
  }
  if (result.has_error) members.emplace_back("error", json::Value::String(result.error));
  if (result.has_cause) members.emplace_back("cause", json::Value::String(result.cause));
  return json::Value::Object(std::move(members));
}

// Prints --json's object, pretty, with an "events" array last under --history. The events are
// written one at a time as they are converted, never all at once: a long history is large.
void PrintJson(std::ostream& out, const json::Value& described,
               const engine::History* history) {
  std::string text = json::WritePretty(described);
  if (history == nullptr) {
    out << text << "\n";
    return;
  }
  // WritePretty ends an object with "\n}"; the events go in before it, indented as WritePretty
  // indents an array member of the top object.
  text.resize(text.size() - 2);
  out << text << ",\n  \"events\": [";
  bool first = true;
  history->ForEach([&](const engine::HistoryEvent& event) {
    std::string pretty = json::WritePretty(engine::EventToJson(event));
    out << (first ? "\n    " : ",\n    ");
    first = false;
    size_t start = 0;
    for (size_t newline; (newline = pretty.find('\n', start)) != std::string::npos;
         start = newline + 1) {
      out.write(pretty.data() + start, static_cast<std::streamsize>(newline + 1 - start));
      out << "    ";
    }
    out.write(pretty.data() + start, static_cast<std::streamsize>(pretty.size() - start));
  });
  out << (first ? "]\n}\n" : "\n  ]\n}\n");
}

// Prints the events one compact JSON object per line.
void PrintEventLines(std::ostream& out, const engine::History& history) {
  std::string line;
  history.ForEach([&](const engine::HistoryEvent& event) {
    line.clear();
    json::AppendCompact(line, engine::EventToJson(event));
    line += '\n';
    out << line;
  });
}

int Run(const RunCommandOptions& options) {
  auto load_started = std::chrono::steady_clock::now();
  Result<std::string> text = ReadFile(options.definition_file);
  if (!text.ok()) {
    std::cerr << "stepwise run: " << text.error().message() << "\n";
    return 2;
  }
  std::string input_text = options.input;
  if (!input_text.empty() && input_text[0] == '@') {
    Result<std::string> file = ReadFile(input_text.substr(1));
    if (!file.ok()) {
      std::cerr << "stepwise run: " << file.error().message() << "\n";
      return 2;
    }
    input_text = file.release_value();
  }
  Result<json::Value> input = json::Parse(input_text);
  if (!input.ok()) {
    std::cerr << "stepwise run: the input is not valid JSON: " << input.error().message() << "\n";
    return 2;
  }
  double load_ms = MillisSince(load_started);

  auto compile_started = std::chrono::steady_clock::now();
  asl::LoadResult loaded = asl::LoadDefinition(text.value(), {.type = options.type});
  double compile_ms = MillisSince(compile_started);
  if (!loaded.ok()) {
    std::cerr << "stepwise run: " << options.definition_file << " is not a valid definition:\n";
    for (const asl::Diagnostic& d : loaded.diagnostics) {
      if (d.severity != asl::Severity::kError) continue;
      std::cerr << "  " << d.code;
      if (!d.location.empty()) std::cerr << " at " << d.location;
      std::cerr << ": " << d.message << "\n";
    }
    return 2;
  }

  engine::TaskRouter router;
  if (Result<void> routed = AddTaskRoutes(router, options.tasks, options.routes); !routed.ok()) {
    std::cerr << "stepwise run: " << routed.error().message() << "\n";
    return 2;
  }

  engine::RunOptions run_options;
  run_options.record_history = options.history;
  run_options.clock = options.clock;
  run_options.seed = options.seed;
  run_options.workers = options.workers;
  run_options.express = options.type == asl::MachineType::kExpress;
  run_options.max_payload_bytes = options.payload_limit == 0 ? SIZE_MAX : options.payload_limit;
  engine::RunResult result =
      engine::RunExecution(loaded.machine, input.value(), router, run_options);

  if (options.stats) {
    double run_ms = result.run_seconds * 1000;
    json::Value stats = json::Value::Object({
        {"transitions", json::Value::Int(result.transitions)},
        {"load_ms", json::Value::Double(load_ms)},
        {"compile_ms", json::Value::Double(compile_ms)},
        {"run_ms", json::Value::Double(run_ms)},
        {"transitions_per_second",
         json::Value::Double(run_ms > 0 ? static_cast<double>(result.transitions) /
                                              result.run_seconds
                                        : 0)},
        {"peak_rss_kb", json::Value::Int(PeakRssKb())},
    });
    std::cerr << json::Write(stats) << "\n";
  }
  bool succeeded = result.status == engine::ExecutionStatus::kSucceeded;
  if (options.json) {
    PrintJson(std::cout,
              DescribeJson(result, input.value(), run_options.identity.state_machine_arn),
              options.history ? result.history.get() : nullptr);
  } else if (succeeded) {
    std::cout << json::Write(result.output) << "\n";
    if (options.history) PrintEventLines(std::cerr, *result.history);
  } else {
    std::cout << engine::ExecutionStatusName(result.status) << "\n";
    if (result.has_error) std::cout << "error: " << result.error << "\n";
    if (result.has_cause) std::cout << "cause: " << result.cause << "\n";
    if (options.history) PrintEventLines(std::cerr, *result.history);
  }
  return succeeded ? 0 : 1;
}

}  // namespace

Runner AddRunCommand(CLI::App& app) {
  auto options = std::make_shared<RunCommandOptions>();
  CLI::App* command = app.add_subcommand("run", "Run one execution of a state machine here");
  command->add_option("definition", options->definition_file,
                      "The definition (Amazon States Language JSON)")
      ->required();
  command->add_option("--input", options->input,
                      "The execution's input: JSON text, or @FILE (default {})");
  command->add_flag("--history", options->history,
                    "Record the execution history (with --json: an events array shaped like "
                    "GetExecutionHistory's; otherwise one event per line on stderr)");
  command->add_flag("--json", options->json,
                    "Print one object shaped like DescribeExecution's response");
  command->add_option("--routes", options->routes,
                      "A file of Task routes, one NAME=COMMAND (or NAME=:echo) per line");
  command->add_option("--task", options->tasks,
                      "Route a Task state: NAME=COMMAND (a shell command; the event on stdin, "
                      "the result on stdout) or NAME=:echo (returns its input)");
  command->add_option("--clock", options->clock,
                      "real (default), or simulated: Waits, retry backoff and timeouts take no "
                      "time while nothing else can run")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, engine::ClockKind>{{"real", engine::ClockKind::kReal},
                                                   {"simulated", engine::ClockKind::kSimulated}},
          CLI::ignore_case));
  command->add_flag("--stats", options->stats,
                    "Print one JSON line of statistics to stderr (transitions, load_ms, "
                    "compile_ms, run_ms, transitions_per_second, peak_rss_kb)");
  command->add_option("--seed", options->seed,
                      "Seed for States.UUID, States.MathRandom and retry jitter (reproducible runs)");
  command->add_option("--workers", options->workers, "Worker threads (default: one per core)");
  command->add_option("--payload-limit", options->payload_limit,
                      "States.DataLimitExceeded above this many bytes (default 262144, AWS's "
                      "quota; 0: no limit)");
  command->add_option("--type", options->type, "STANDARD (default) or EXPRESS")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, asl::MachineType>{{"STANDARD", asl::MachineType::kStandard},
                                                  {"EXPRESS", asl::MachineType::kExpress}},
          CLI::ignore_case));
  return [command, options]() -> int {
    if (!command->parsed()) return -1;
    return Run(*options);
  };
}

}  // namespace stepwise::cli
