#pragma once

// Helpers shared by the intrinsics tests.

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "asl/intrinsics/intrinsic_call.h"
#include "json/parse.h"
#include "json/write.h"
#include "jsonpath/map_variables.h"
#include "jsonpath/roots.h"

namespace stepwise::asl::testing {

// A fixed-seed generator, so that tests of States.UUID and States.MathRandom are repeatable.
class SeededRandom final : public RandomSource {
 public:
  explicit SeededRandom(uint64_t seed = 42) : engine_(seed) {}
  uint64_t Next() override { return engine_(); }

 private:
  std::mt19937_64 engine_;
};

// Returns the given numbers in turn (the last one forever after).
class ScriptedRandom final : public RandomSource {
 public:
  explicit ScriptedRandom(std::vector<uint64_t> values) : values_(std::move(values)) {}
  uint64_t Next() override {
    uint64_t value = values_[std::min(next_, values_.size() - 1)];
    ++next_;
    return value;
  }

 private:
  std::vector<uint64_t> values_;
  size_t next_ = 0;
};

using jsonpath::MapVariables;

inline json::Value Json(std::string_view text) {
  Result<json::Value> value = json::Parse(text);
  if (!value.ok()) {
    ADD_FAILURE() << "bad JSON in test: " << text;
    return json::Value();
  }
  return value.release_value();
}

// "<name>: <message>" for an error.
inline std::string Describe(const Error& error) { return error.name() + ": " + error.message(); }

// Compiles and evaluates call against input (JSON text) and the context (JSON text, for `$$`);
// returns the result as compact JSON, or the error as "<name>: <message>".
inline std::string Eval(std::string_view call, std::string_view input = "{}",
                        RandomSource* random = nullptr, std::string_view context = "{}",
                        const jsonpath::VariableLookup* variables = nullptr) {
  Result<IntrinsicCall> compiled = IntrinsicCall::Compile(call);
  if (!compiled.ok()) return Describe(compiled.error());
  const json::Value input_value = Json(input);
  const json::Value context_value = Json(context);
  const jsonpath::Roots roots{&input_value, &context_value, variables};
  IntrinsicContext intrinsic_context;
  intrinsic_context.random = random;
  Result<json::Value> result = compiled.value().Evaluate(roots, intrinsic_context);
  if (!result.ok()) return Describe(result.error());
  return json::Write(result.value());
}

// The compile error's message, or "compiled" when call compiles.
inline std::string CompileError(std::string_view call) {
  Result<IntrinsicCall> compiled = IntrinsicCall::Compile(call);
  if (compiled.ok()) return "compiled";
  EXPECT_EQ(compiled.error().name(), "InvalidIntrinsic");
  return compiled.error().message();
}

// AWS's cause for a call that failed on its arguments.
inline std::string InvalidArguments(std::string_view call, std::string_view function) {
  return "States.IntrinsicFailure: There was an error while evaluating the intrinsic function: " +
         std::string(call) + ". Invalid arguments in " + std::string(function);
}

}  // namespace stepwise::asl::testing
