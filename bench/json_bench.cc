// Microbenchmarks for the JSON value: parsing, writing, and the O(1)-copy claims (changing one
// member of a large object, passing a large payload on). `make bench` runs them.

#include <benchmark/benchmark.h>

#include <string>

#include "json/parse.h"
#include "json/value.h"
#include "json/write.h"

namespace {

using stepwise::json::Value;

// A payload of about n KiB: an object with an array of records.
std::string MakePayload(int kib) {
  std::string text = R"({"meta":{"source":"bench","version":3},"records":[)";
  for (int i = 0; text.size() < static_cast<size_t>(kib) * 1024; ++i) {
    if (i > 0) text += ",";
    text += R"({"id":)" + std::to_string(i) + R"(,"name":"record number )" + std::to_string(i) +
            R"(","price":)" + std::to_string(i) + R"(.25,"tags":["a","b"],"active":true})";
  }
  text += "]}";
  return text;
}

void BM_Parse(benchmark::State& state) {
  std::string text = MakePayload(static_cast<int>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(stepwise::json::Parse(text).value());
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_Parse)->Arg(1)->Arg(200);

void BM_Write(benchmark::State& state) {
  Value value = stepwise::json::Parse(MakePayload(static_cast<int>(state.range(0)))).value();
  size_t bytes = 0;
  for (auto _ : state) {
    std::string out = stepwise::json::Write(value);
    bytes += out.size();
    benchmark::DoNotOptimize(out);
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_Write)->Arg(1)->Arg(200);

// ResultPath-style change of one member of a 200 KiB payload: only the top object is rebuilt.
void BM_WithOnLargePayload(benchmark::State& state) {
  Value value = stepwise::json::Parse(MakePayload(200)).value();
  int64_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(value.With("result", Value::Int(i++)));
}
BENCHMARK(BM_WithOnLargePayload);

// The payload-limit check on every state: after the first call the size is cached per node.
void BM_SerializedSizeAfterChange(benchmark::State& state) {
  Value value = stepwise::json::Parse(MakePayload(200)).value();
  (void)value.SerializedSize();
  int64_t i = 0;
  for (auto _ : state) {
    Value changed = value.With("result", Value::Int(i++));
    benchmark::DoNotOptimize(changed.SerializedSize());
  }
}
BENCHMARK(BM_SerializedSizeAfterChange);

void BM_CopyLargeValue(benchmark::State& state) {
  Value value = stepwise::json::Parse(MakePayload(200)).value();
  for (auto _ : state) {
    Value copy = value;
    benchmark::DoNotOptimize(copy);
  }
}
BENCHMARK(BM_CopyLargeValue);

}  // namespace

BENCHMARK_MAIN();
