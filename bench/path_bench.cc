// Microbenchmarks for compiled JSONPath: the Reference Path walk every state does (InputPath,
// Parameters' "x.$" fields, ResultPath), a filter over a large array, and the normalized form AWS
// quotes in its error messages. `make bench` runs them.

#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "json/parse.h"
#include "json/value.h"
#include "jsonpath/path.h"
#include "jsonpath/roots.h"

namespace {

using stepwise::json::Value;
using stepwise::jsonpath::Path;
using stepwise::jsonpath::Roots;

Path CompileOrDie(const char* text) { return Path::Compile(text).value(); }

// A definite path: it only follows pointers and allocates nothing (path.h).
void BM_EvaluateDefinite(benchmark::State& state) {
  Value input =
      stepwise::json::Parse(R"({"x":1,"a":{"y":[1,2],"b":{"z":true,"c":42}},"w":"text"})").value();
  Path path = CompileOrDie("$.a.b.c");
  Roots roots{.input = &input};
  for (auto _ : state) benchmark::DoNotOptimize(path.Evaluate(roots));
}
BENCHMARK(BM_EvaluateDefinite);

// An indefinite path: a filter tested on each of 1,000 elements, about half of which match.
void BM_EvaluateFilter(benchmark::State& state) {
  std::string text = R"({"items":[)";
  for (int i = 0; i < 1000; ++i) {
    if (i > 0) text += ",";
    text += R"({"id":)" + std::to_string(i) + R"(,"price":)" + std::to_string((i * 37) % 1000) +
            R"(,"name":"item )" + std::to_string(i) + R"("})";
  }
  text += "]}";
  Value input = stepwise::json::Parse(text).value();
  Path path = CompileOrDie("$.items[?(@.price > 500)]");
  Roots roots{.input = &input};
  for (auto _ : state) benchmark::DoNotOptimize(path.Evaluate(roots));
  state.SetItemsProcessed(state.iterations() * 1000);
}
BENCHMARK(BM_EvaluateFilter);

// ResultPath: grafting a value two levels down rebuilds only the spine it changes.
void BM_AssignDefinite(benchmark::State& state) {
  Value input =
      stepwise::json::Parse(R"({"a":1,"b":"hello","c":{"d":[1,2,3]},"last":{"step":-1}})").value();
  Path path = CompileOrDie("$.last.step");
  int64_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(path.Assign(input, Value::Int(i++)));
}
BENCHMARK(BM_AssignDefinite);

// Jayway's normalized form, built on demand for error messages.
void BM_Normalized(benchmark::State& state) {
  Path path = CompileOrDie("$.orders[0].lines[*]['unit price'].amount");
  for (auto _ : state) benchmark::DoNotOptimize(path.Normalized());
}
BENCHMARK(BM_Normalized);

}  // namespace

BENCHMARK_MAIN();
