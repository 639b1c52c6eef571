// Microbenchmarks for JSONPath-mode payload templates (Parameters, ItemSelector, ...): the
// pass-chain workload's template (literal fields and paths) and one with intrinsic calls, as
// map-10k and choice-loop use them. `make bench` runs them.

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <optional>
#include <string_view>
#include <vector>

#include "asl/diagnostic.h"
#include "asl/payload_template.h"
#include "json/parse.h"
#include "json/value.h"
#include "jsonpath/roots.h"

namespace {

using stepwise::asl::PayloadTemplate;
using stepwise::json::Value;

PayloadTemplate CompileOrDie(std::string_view written) {
  std::vector<stepwise::asl::Diagnostic> diagnostics;
  std::optional<PayloadTemplate> compiled = PayloadTemplate::Compile(
      stepwise::json::Parse(written).value(), "/States/S/Parameters", &diagnostics);
  if (!compiled) std::abort();
  return *std::move(compiled);
}

// pass-chain's Parameters: 4 fields, 3 of them paths.
void BM_PassChainTemplate(benchmark::State& state) {
  PayloadTemplate parameters =
      CompileOrDie(R"({"a.$":"$.a","b.$":"$.b","prev.$":"$.last.step","step":7})");
  Value input =
      stepwise::json::Parse(R"({"a":1,"b":"hello","c":{"d":[1,2,3],"e":true},"last":{"step":6}})")
          .value();
  stepwise::jsonpath::Roots roots{.input = &input};
  stepwise::asl::IntrinsicContext context;
  for (auto _ : state) benchmark::DoNotOptimize(parameters.Evaluate(roots, context));
}
BENCHMARK(BM_PassChainTemplate);

// A template with intrinsics: States.Format (map-10k) and States.MathAdd (choice-loop).
void BM_IntrinsicTemplate(benchmark::State& state) {
  PayloadTemplate parameters = CompileOrDie(
      R"json({"id.$":"$.id","label.$":"States.Format('item {} is {}', $.id, $.name)",)json"
      R"json("i.$":"States.MathAdd($.i, 1)"})json");
  Value input = stepwise::json::Parse(R"({"id":4711,"name":"item-4711","i":41})").value();
  stepwise::jsonpath::Roots roots{.input = &input};
  stepwise::asl::IntrinsicContext context;
  for (auto _ : state) benchmark::DoNotOptimize(parameters.Evaluate(roots, context));
}
BENCHMARK(BM_IntrinsicTemplate);

}  // namespace

BENCHMARK_MAIN();
