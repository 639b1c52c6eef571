// The JSONata benchmark of ../shared/bench/jsonata on our evaluator: each expression of
// expressions.json is parsed once, evaluated once and its result checked (deep-equal) against
// expected/NAME.json, then evaluated repeatedly on the parsed input for about --seconds. Prints
// one line per expression in the form the reference's runner (run_jsonata_js.mjs) prints, so that
// scripts/bench_jsonata.sh can put the two side by side:
//   RESULT name=.. evals_per_s=.. ms_per_eval=..
// or `MISMATCH name=.. ...` when the result differs from the reference's (that expression is then
// not timed). A plain program rather than Google Benchmark: the reference times a mean over a
// wall-clock window, and so does this.
//
// Usage: jsonata_bench DIR [--seconds S] [--only NAME]
// Exit code: 0 when every result matched, 1 when one did not, 2 when DIR cannot be read.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>
#include <string>

#include "json/parse.h"
#include "json/value.h"
#include "json/write.h"
#include "jsonata/evaluate.h"
#include "jsonata/parser.h"

namespace {

using stepwise::Result;
using stepwise::json::Value;

std::optional<Value> ReadJson(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "jsonata_bench: cannot read " << path << "\n";
    return std::nullopt;
  }
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Result<Value> parsed = stepwise::json::Parse(text);
  if (!parsed.ok()) {
    std::cerr << "jsonata_bench: " << path << ": " << parsed.error().message() << "\n";
    return std::nullopt;
  }
  return parsed.release_value();
}

std::string Truncated(std::string text) {
  constexpr size_t kMax = 200;
  if (text.size() > kMax) text = text.substr(0, kMax) + "...";
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: jsonata_bench DIR [--seconds S] [--only NAME]\n";
    return 2;
  }
  std::string dir = argv[1];
  double seconds = 2;
  std::string only;
  for (int i = 2; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--seconds") {
      seconds = std::atof(argv[i + 1]);
    } else if (flag == "--only") {
      only = argv[i + 1];
    } else {
      std::cerr << "jsonata_bench: unknown option " << flag << "\n";
      return 2;
    }
  }

  std::optional<Value> cases = ReadJson(dir + "/expressions.json");
  if (!cases.has_value() || !cases->is_array()) return 2;
  // Each data file is parsed once and shared by the expressions that read it.
  std::map<std::string, Value, std::less<>> data_files;
  int status = 0;
  for (const Value& c : cases->items()) {
    std::string name(c.Find("name")->as_string());
    if (!only.empty() && name != only) continue;
    std::string text(c.Find("expr")->as_string());

    Value input;
    const Value* data = c.Find("data");
    if (data != nullptr && data->is_string()) {
      std::string file(data->as_string());
      auto found = data_files.find(file);
      if (found == data_files.end()) {
        std::optional<Value> parsed = ReadJson(dir + "/" + file);
        if (!parsed.has_value()) return 2;
        found = data_files.emplace(file, std::move(*parsed)).first;
      }
      input = found->second;
    } else {
      input = *c.Find("input");
    }

    Result<stepwise::jsonata::Expression> expression = stepwise::jsonata::Parse(text);
    if (!expression.ok()) {
      std::cout << "MISMATCH name=" << name << " parse error " << expression.error().name() << ": "
                << expression.error().message() << std::endl;
      status = 1;
      continue;
    }
    stepwise::jsonata::Bindings bindings;
    stepwise::jsonata::EvalLimits limits;
    limits.timeout = std::chrono::milliseconds(0);
    auto evaluate = [&]() {
      return stepwise::jsonata::Evaluate(expression.value(), &input, bindings, limits);
    };

    // The reference's runner stores `result ?? null`: undefined is expected as null.
    std::optional<Value> expected = ReadJson(dir + "/expected/" + name + ".json");
    if (!expected.has_value()) return 2;
    Result<std::optional<Value>> first = evaluate();
    if (!first.ok()) {
      std::cout << "MISMATCH name=" << name << " error " << first.error().name() << ": "
                << first.error().message() << std::endl;
      status = 1;
      continue;
    }
    Value got = first.value().value_or(Value::Null());
    if (!(got == *expected)) {
      std::cout << "MISMATCH name=" << name << " got=" << Truncated(stepwise::json::Write(got))
                << " expected=" << Truncated(stepwise::json::Write(*expected)) << std::endl;
      status = 1;
      continue;
    }

    // At least three evaluations, and as many more as fit in the window.
    int64_t count = 0;
    auto start = std::chrono::steady_clock::now();
    double elapsed = 0;
    do {
      Result<std::optional<Value>> result = evaluate();
      if (!result.ok()) {
        std::cerr << "jsonata_bench: " << name << " failed while timed\n";
        return 1;
      }
      ++count;
      elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    } while (elapsed < seconds || count < 3);
    double ms = elapsed * 1000 / static_cast<double>(count);
    char line[256];
    std::snprintf(line, sizeof line, "RESULT name=%s evals_per_s=%.1f ms_per_eval=%.4f",
                  name.c_str(), 1000 / ms, ms);
    std::cout << line << std::endl;
  }
  return status;
}
