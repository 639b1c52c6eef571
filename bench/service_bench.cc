// Benchmarks of the service: the Step Functions API's Service in process, called through
// Service::Handle (no HTTP), on the embedded SQLite store in a fresh temporary directory with
// fsync on, as `stepwise serve` runs by default. `make bench` runs them with repetitions and
// prints their medians against the issue's targets (scripts/bench.sh), beside the HTTP figure
// that wrk measures with bench/start_execution.lua.
//
// - BM_DurableTransitions: Standard executions of a chain of Pass states, all started at once
//   through StartExecution; an iteration ends when DescribeExecution shows every one SUCCEEDED,
//   that is once the store has committed (and synced) its whole history and final status.
//   items_per_second: durable transitions (states entered) per second. Target: >= 20,000.
// - BM_DurableMap: the same with Standard executions of one inline Map each (1,000 iterations of
//   5 Pass states), whose iterations are checkpointed as they go; items_per_second: transitions
//   per second, to set beside BM_DurableTransitions'.
// - BM_StartExecution: StartExecution of a one-Pass Standard machine with 64 calls in flight, as
//   wrk's 64 connections keep them; the service's ceiling for the HTTP figure, without HTTP.
//   items_per_second: executions started per second (each stored and synced before the reply).
//   starts_per_commit: how many starts each of the store's transactions (one sync each) carried.
// - BM_ExpressLatency: StartSyncExecution of a 10-Pass Express machine, one call after the other;
//   p50_us, p90_us, p99_us, max_us: the latency of one call, measured around Handle until the
//   reply. Target: p99 < 1 ms.
//
// Flags, after Google Benchmark's own: --no-sync (the store does not sync its commits, to see
// what the syncs cost), --workers=N (the engine's worker threads; default one per core).

#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "api/service.h"
#include "engine/task_invoker.h"
#include "json/value.h"
#include "store/sqlite/sqlite_store.h"

namespace {

namespace api = stepwise::api;
namespace engine = stepwise::engine;
namespace store = stepwise::store;
using stepwise::Result;
using stepwise::json::Value;

constexpr std::string_view kRole = "arn:aws:iam::123456789012:role/bench";
// What every execution gets, as a JSON string (StartExecution's `input`).
constexpr std::string_view kInput =
    R"({"a":1,"b":"hello","c":{"d":[1,2,3],"e":true},"last":{"step":-1}})";

struct Flags {
  bool sync = true;
  int workers = 0;
};
Flags g_flags;

// The service under test and its temporary directory, for the whole process (main creates it
// after reading the flags and destroys it after the benchmarks).
struct Fixture {
  std::filesystem::path directory;
  std::unique_ptr<api::Service> service;
};
std::unique_ptr<Fixture> g_fixture;

[[noreturn]] void Die(const std::string& message) {
  std::fprintf(stderr, "service_bench: %s\n", message.c_str());
  std::exit(1);
}

std::unique_ptr<Fixture> MakeFixture() {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "stepwise-service-bench-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) Die("cannot create a temporary directory");
  auto fixture = std::make_unique<Fixture>();
  fixture->directory = pattern;
  store::SqliteOptions store_options;
  store_options.sync = g_flags.sync;
  Result<std::unique_ptr<store::SqliteStore>> opened =
      store::SqliteStore::Open(fixture->directory.string(), store_options);
  if (!opened.ok()) Die(opened.error().message());
  api::ServiceOptions options;
  options.workers = g_flags.workers;
  fixture->service = std::make_unique<api::Service>(options, opened.release_value(),
                                                    std::make_shared<engine::TaskRouter>());
  return fixture;
}

api::Service& TheService() { return *g_fixture->service; }

// How many transactions the store has committed (each one sync with fsync on).
int64_t StoreCommits() {
  return static_cast<store::SqliteStore&>(TheService().context().store).commits();
}

// Calls action and waits for its reply.
Result<Value> Call(const std::string& action, Value request) {
  // Shared with the reply, which may still be inside set_value when get() returns here.
  auto promise = std::make_shared<std::promise<Result<Value>>>();
  std::future<Result<Value>> reply = promise->get_future();
  TheService().Handle(action, std::move(request),
                      [promise](Result<Value> result) { promise->set_value(std::move(result)); });
  return reply.get();
}

std::string ErrorText(const Result<Value>& result) {
  return result.error().name() + ": " + result.error().message();
}

std::string Field(const Value& object, std::string_view key) {
  const Value* field = object.Find(key);
  return field != nullptr && field->is_string() ? std::string(field->as_string()) : "";
}

// n Pass states, each with Parameters (3 paths, 1 literal) and ResultPath: engine_bench's
// pass-chain shape.
std::string PassChain(int n) {
  std::string states;
  for (int i = 0; i < n; ++i) {
    if (i > 0) states += ",";
    states += "\"P" + std::to_string(i) +
              R"(":{"Type":"Pass","Parameters":{"a.$":"$.a","b.$":"$.b","prev.$":"$.last.step",)" +
              R"("step":)" + std::to_string(i) + R"(},"ResultPath":"$.last",)" +
              (i + 1 < n ? "\"Next\":\"P" + std::to_string(i + 1) + "\"" : "\"End\":true") + "}";
  }
  return R"({"StartAt":"P0","States":{)" + states + "}}";
}

// Creates (or, run again with the same name and definition, finds) a state machine; its ARN.
std::string CreateMachine(const std::string& name, const std::string& definition,
                          std::string_view type) {
  Result<Value> created =
      Call("CreateStateMachine", Value::Object({{"name", Value::String(name)},
                                                {"definition", Value::String(definition)},
                                                {"roleArn", Value::String(kRole)},
                                                {"type", Value::String(type)}}));
  if (!created.ok()) Die("CreateStateMachine " + name + ": " + ErrorText(created));
  return Field(created.value(), "stateMachineArn");
}

Value StartRequest(const std::string& machine_arn) {
  return Value::Object(
      {{"stateMachineArn", Value::String(machine_arn)}, {"input", Value::String(kInput)}});
}

// Starts `count` executions through StartExecution (no name: each gets a UUID), keeping at most
// `in_flight` calls outstanding; returns their ARNs, or the first error's text in *error.
std::vector<std::string> StartExecutions(const Value& request, int count, int in_flight,
                                         std::string* error) {
  struct Shared {
    std::mutex mutex;
    std::condition_variable all_replied;
    int issued = 0;
    int replied = 0;
    std::vector<std::string> arns;
    std::string error;
  };
  auto shared = std::make_shared<Shared>();
  shared->arns.reserve(count);
  // Each reply issues the next call, so that `in_flight` stay outstanding until the end.
  auto issue = std::make_shared<std::function<void()>>();
  *issue = [shared, issue_weak = std::weak_ptr(issue), request, count]() {
    TheService().Handle("StartExecution", request, [shared, issue_weak, count](Result<Value> r) {
      bool next = false;
      {
        std::lock_guard<std::mutex> lock(shared->mutex);
        if (r.ok()) {
          shared->arns.push_back(Field(r.value(), "executionArn"));
        } else if (shared->error.empty()) {
          shared->error = ErrorText(r);
        }
        ++shared->replied;
        if (shared->issued < count) {
          ++shared->issued;
          next = true;
        }
        if (shared->replied == count) shared->all_replied.notify_all();
      }
      if (next) {
        if (auto issue_next = issue_weak.lock()) (*issue_next)();
      }
    });
  };
  int first = std::min(in_flight, count);
  {
    std::lock_guard<std::mutex> lock(shared->mutex);
    shared->issued = first;
  }
  for (int i = 0; i < first; ++i) (*issue)();
  std::unique_lock<std::mutex> lock(shared->mutex);
  shared->all_replied.wait(lock, [&] { return shared->replied == count; });
  *error = shared->error;
  return std::move(shared->arns);
}

// How long an execution of these benchmarks may take before the benchmark gives up on it (they
// take milliseconds; this only keeps a hung execution from hanging `make bench`).
constexpr auto kGiveUpAfter = std::chrono::seconds(60);

// Waits until DescribeExecution shows each execution ended. Errors: an execution that did not
// succeed, or still runs after kGiveUpAfter.
std::string WaitEnded(const std::vector<std::string>& arns) {
  auto deadline = std::chrono::steady_clock::now() + kGiveUpAfter;
  for (const std::string& arn : arns) {
    Value request = Value::Object({{"executionArn", Value::String(arn)}});
    while (true) {
      Result<Value> described = Call("DescribeExecution", request);
      if (!described.ok()) return "DescribeExecution: " + ErrorText(described);
      std::string status = Field(described.value(), "status");
      if (status == "SUCCEEDED") break;
      if (status != "RUNNING") return arn + " ended " + status;
      if (std::chrono::steady_clock::now() > deadline) return arn + " is still RUNNING";
      std::this_thread::sleep_for(std::chrono::microseconds(500));
    }
  }
  return "";
}

// Waits until the store has no running execution (so that one benchmark's executions do not
// slow the next one down).
void WaitAllStored() {
  auto deadline = std::chrono::steady_clock::now() + kGiveUpAfter;
  while (true) {
    auto running = TheService().context().store.ListRunningExecutions();
    if (!running.ok()) Die("ListRunningExecutions: " + running.error().message());
    if (running.value().empty()) return;
    if (std::chrono::steady_clock::now() > deadline) {
      Die(std::to_string(running.value().size()) + " executions still RUNNING, " +
          running.value().front().arn + " among them");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

// The timed loop of the durable benchmarks: each iteration starts `executions` executions of
// request at once and waits until the store shows every one ended.
void StartAllAndWait(benchmark::State& state, const Value& request, int executions) {
  std::string error;
  for (auto _ : state) {
    std::vector<std::string> arns = StartExecutions(request, executions, executions, &error);
    if (!error.empty()) {
      state.SkipWithError(("StartExecution: " + error).c_str());
      break;
    }
    if (error = WaitEnded(arns); !error.empty()) {
      state.SkipWithError(error.c_str());
      break;
    }
  }
}

// Args: executions started at once per iteration; Pass states in each.
void BM_DurableTransitions(benchmark::State& state) {
  const int executions = static_cast<int>(state.range(0));
  const int states = static_cast<int>(state.range(1));
  std::string machine =
      CreateMachine("durable-chain-" + std::to_string(states), PassChain(states), "STANDARD");
  Value request = StartRequest(machine);

  // Once, untimed: the history has the events of `states` transitions (ExecutionStarted, an
  // Entered and an Exited event per state, ExecutionSucceeded), and the definition is compiled.
  std::string error;
  std::vector<std::string> first = StartExecutions(request, 1, 1, &error);
  if (!error.empty()) return state.SkipWithError(("StartExecution: " + error).c_str());
  if (error = WaitEnded(first); !error.empty()) return state.SkipWithError(error.c_str());
  Result<Value> history = Call(
      "GetExecutionHistory",
      Value::Object({{"executionArn", Value::String(first[0])}, {"maxResults", Value::Int(1000)}}));
  if (!history.ok() ||
      history.value().Find("events")->items().size() != static_cast<size_t>(2 * states + 2)) {
    return state.SkipWithError("the history does not have the expected events");
  }

  int64_t commits = StoreCommits();
  StartAllAndWait(state, request, executions);
  state.SetItemsProcessed(state.iterations() * executions * states);
  state.counters["executions_per_second"] = benchmark::Counter(
      static_cast<double>(executions), benchmark::Counter::kIsIterationInvariantRate);
  // The store's transactions (one sync each): what group commit made of the batches.
  state.counters["commits_per_second"] = benchmark::Counter(
      static_cast<double>(StoreCommits() - commits), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_DurableTransitions)
    ->ArgNames({"executions", "states"})
    ->Args({200, 100})
    ->Iterations(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// A Map over `items` numbers, each iteration a chain of `states` Pass states (PassChain's, its
// input built by ItemSelector).
std::string MapOfChains(int items, int states) {
  std::string chain = PassChain(states);
  return R"j({"StartAt":"Items","States":{
      "Items":{"Type":"Pass","Parameters":{"items.$":"States.ArrayRange(1, )j" +
         std::to_string(items) + R"j(, 1)"},"Next":"Each"},
      "Each":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":0,"End":true,
        "ItemSelector":{"a.$":"$$.Map.Item.Value","b":"hello","last":{"step":-1}},
        "ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},)j" +
         chain.substr(1, chain.size() - 2) + "}}}}";
}

// Args: executions started at once per iteration; Map iterations in each; Pass states in each
// iteration. Every iteration's steps are checkpointed (docs/store.md).
void BM_DurableMap(benchmark::State& state) {
  const int executions = static_cast<int>(state.range(0));
  const int items = static_cast<int>(state.range(1));
  const int states = static_cast<int>(state.range(2));
  std::string machine = CreateMachine(
      "durable-map-" + std::to_string(items) + "-" + std::to_string(states),
      MapOfChains(items, states), "STANDARD");
  Value request = StartRequest(machine);
  std::string error;
  std::vector<std::string> first = StartExecutions(request, 1, 1, &error);
  if (!error.empty()) return state.SkipWithError(("StartExecution: " + error).c_str());
  if (error = WaitEnded(first); !error.empty()) return state.SkipWithError(error.c_str());
  StartAllAndWait(state, request, executions);
  // States entered: Items, Each, and every iteration's chain.
  state.SetItemsProcessed(state.iterations() * executions * (2 + int64_t{items} * states));
}
BENCHMARK(BM_DurableMap)
    ->ArgNames({"executions", "items", "states"})
    ->Args({20, 1000, 5})
    ->Iterations(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// Args: calls per iteration; calls in flight.
void BM_StartExecution(benchmark::State& state) {
  const int count = static_cast<int>(state.range(0));
  const int in_flight = static_cast<int>(state.range(1));
  Value request = StartRequest(
      CreateMachine("start-one-pass",
                    R"({"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}})", "STANDARD"));
  std::string error;
  int64_t commits = StoreCommits();
  for (auto _ : state) {
    StartExecutions(request, count, in_flight, &error);
    if (!error.empty()) {
      state.SkipWithError(("StartExecution: " + error).c_str());
      break;
    }
  }
  state.SetItemsProcessed(state.iterations() * count);
  // The store's transactions (one sync each) while the calls ran, the executions' own included:
  // how many StartExecution batches each commit carried.
  state.counters["starts_per_commit"] =
      static_cast<double>(state.iterations() * count) /
      static_cast<double>(std::max<int64_t>(StoreCommits() - commits, 1));
  state.counters["commits_per_second"] = benchmark::Counter(
      static_cast<double>(StoreCommits() - commits), benchmark::Counter::kIsRate);
  // After the timed loop: the executions finish before the next benchmark.
  WaitAllStored();
}
BENCHMARK(BM_StartExecution)
    ->ArgNames({"calls", "in_flight"})
    ->Args({5000, 64})
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// The nearest-rank percentile q (0 < q <= 1) of sorted, which is not empty.
double Percentile(const std::vector<double>& sorted, double q) {
  size_t rank = static_cast<size_t>(std::ceil(q * static_cast<double>(sorted.size())));
  return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1];
}

// Arg: Pass states. Iterations: calls.
void BM_ExpressLatency(benchmark::State& state) {
  const int states = static_cast<int>(state.range(0));
  Value request = StartRequest(
      CreateMachine("express-chain-" + std::to_string(states), PassChain(states), "EXPRESS"));
  auto call = [&request]() -> bool {
    Result<Value> result = Call("StartSyncExecution", request);
    return result.ok() && Field(result.value(), "status") == "SUCCEEDED";
  };
  // Untimed warm-up: the definition compiled, the store's read connections opened, the
  // allocator's caches filled.
  for (int i = 0; i < 500; ++i) {
    if (!call()) return state.SkipWithError("StartSyncExecution did not succeed");
  }
  std::vector<double> latencies_us;
  latencies_us.reserve(state.max_iterations);
  for (auto _ : state) {
    auto start = std::chrono::steady_clock::now();
    bool succeeded = call();
    auto end = std::chrono::steady_clock::now();
    if (!succeeded) {
      state.SkipWithError("StartSyncExecution did not succeed");
      break;
    }
    latencies_us.push_back(std::chrono::duration<double, std::micro>(end - start).count());
  }
  if (latencies_us.empty()) return;
  std::sort(latencies_us.begin(), latencies_us.end());
  state.counters["p50_us"] = Percentile(latencies_us, 0.50);
  state.counters["p90_us"] = Percentile(latencies_us, 0.90);
  state.counters["p99_us"] = Percentile(latencies_us, 0.99);
  state.counters["max_us"] = latencies_us.back();
}
BENCHMARK(BM_ExpressLatency)
    ->ArgNames({"states"})
    ->Arg(10)
    ->Iterations(20000)
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--no-sync") {
      g_flags.sync = false;
    } else if (arg.rfind("--workers=", 0) == 0) {
      g_flags.workers = std::atoi(arg.c_str() + std::strlen("--workers="));
    } else {
      Die("unknown flag " + arg + " (service_bench takes --no-sync and --workers=N)");
    }
  }
  g_fixture = MakeFixture();
  benchmark::AddCustomContext("store_sync", g_flags.sync ? "on" : "off");
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  std::filesystem::path directory = g_fixture->directory;
  g_fixture.reset();
  std::filesystem::remove_all(directory);
  return 0;
}
