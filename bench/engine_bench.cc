// Microbenchmarks for the interpreter: whole executions on one worker, reported per state
// (items = states entered; "per_state" is the time of one transition, execution set-up included).
// The execution runs on a worker thread, so the figures are wall time (UseRealTime).
// `make bench` runs them.

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "asl/load.h"
#include "engine/run.h"
#include "engine/task_invoker.h"
#include "json/parse.h"
#include "json/value.h"

namespace {

using stepwise::json::Value;
namespace asl = stepwise::asl;
namespace engine = stepwise::engine;

std::shared_ptr<const asl::StateMachine> LoadOrDie(const std::string& definition) {
  asl::LoadResult loaded = asl::LoadDefinition(definition);
  if (!loaded.ok()) {
    std::fprintf(stderr, "engine_bench: the benchmark's definition does not load\n");
    std::abort();
  }
  return loaded.machine;
}

// pass-chain's shape: n Pass states, each with Parameters (3 paths, 1 literal) and ResultPath.
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

// choice-loop's shape: Inc (States.MathAdd) -> Check (NumericLessThan n) -> Inc ..., then Done.
std::string ChoiceLoop(int n) {
  return R"({"StartAt":"Inc","States":{)"
         R"json("Inc":{"Type":"Pass","Parameters":{"i.$":"States.MathAdd($.i, 1)"},"Next":"Check"},)json"
         R"("Check":{"Type":"Choice","Choices":[{"Variable":"$.i","NumericLessThan":)" +
         std::to_string(n) +
         R"(,"Next":"Inc"}],"Default":"Done"},)"
         R"("Done":{"Type":"Succeed"}}})";
}

void RunAndReport(benchmark::State& state, std::shared_ptr<const asl::StateMachine> machine,
                  const Value& input, int64_t transitions, bool history) {
  engine::TaskRouter router;
  engine::RunOptions options;
  options.workers = 1;
  options.record_history = history;
  for (auto _ : state) {
    engine::RunResult result = engine::RunExecution(machine, input, router, options);
    if (result.status != engine::ExecutionStatus::kSucceeded || result.transitions != transitions) {
      state.SkipWithError("the execution did not succeed with the expected transitions");
      break;
    }
    benchmark::DoNotOptimize(result.output);
  }
  state.SetItemsProcessed(state.iterations() * transitions);
  state.counters["per_state"] = benchmark::Counter(
      static_cast<double>(transitions),
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

// Args: the number of Pass states; history on (1) or off (0). 100 states against 10,000 shows
// what an execution costs once (scheduler threads, the execution's UUID) against each state.
void BM_PassTransition(benchmark::State& state) {
  int n = static_cast<int>(state.range(0));
  Value input =
      stepwise::json::Parse(R"({"a":1,"b":"hello","c":{"d":[1,2,3],"e":true},"last":{"step":-1}})")
          .value();
  RunAndReport(state, LoadOrDie(PassChain(n)), input, n, state.range(1) != 0);
}
BENCHMARK(BM_PassTransition)
    ->ArgNames({"states", "history"})
    ->Args({100, 0})
    ->Args({1000, 0})
    ->Args({1000, 1})
    ->Args({10000, 0})
    ->UseRealTime();

// Args: the loop bound N (2N+1 transitions); history on (1) or off (0).
void BM_ChoiceLoop(benchmark::State& state) {
  int n = static_cast<int>(state.range(0));
  Value input = stepwise::json::Parse(R"({"i":0})").value();
  RunAndReport(state, LoadOrDie(ChoiceLoop(n)), input, 2 * int64_t{n} + 1, state.range(1) != 0);
}
BENCHMARK(BM_ChoiceLoop)
    ->ArgNames({"n", "history"})
    ->Args({10000, 0})
    ->Args({10000, 1})
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
