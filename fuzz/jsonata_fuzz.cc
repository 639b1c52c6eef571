// Fuzz target: the JSONata parser and evaluator. The input is an expression, optionally followed
// by a NUL byte and a JSON document to evaluate it against (a small fixed document otherwise, and
// when the text after the NUL is not JSON). Whatever parses is evaluated with tight limits
// (depth, and 100 ms of wall-clock time), so that a slow expression ends as U1001, never a hang.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

#include "json/parse.h"
#include "json/write.h"
#include "jsonata/evaluate.h"
#include "jsonata/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace jsonata = stepwise::jsonata;
  using stepwise::json::Value;
  static const Value kInput =
      stepwise::json::Parse(
          R"({"a":1,"b":[1,2,{"c":"x"}],"s":"Hello, World","n":null,"t":true,"d":-2.5,
          "o":{"k":[{"v":1,"w":"p"},{"v":2,"w":"q"}],"e":{}},"dt":"2024-02-29T12:34:56.789Z"})")
          .value();
  static const jsonata::Bindings kBindings = [] {
    jsonata::Bindings bindings;
    bindings.Bind("x", Value::Array({Value::Int(3), Value::String("y")}));
    bindings.set_now_millis(1700000000000);
    return bindings;
  }();
  static const jsonata::EvalLimits kLimits{.max_depth = 400 / stepwise::kSanitizerStackScale,
                                           .max_stack_bytes = size_t{1} << 20,
                                           .timeout = std::chrono::milliseconds(100),
                                           .max_string_bytes = size_t{1} << 20};

  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::optional<Value> own_input;
  if (size_t nul = text.find('\0'); nul != std::string_view::npos) {
    auto parsed = stepwise::json::Parse(text.substr(nul + 1));
    if (parsed.ok()) own_input = parsed.release_value();
    text = text.substr(0, nul);
  }
  auto expression = jsonata::Parse(text);
  if (!expression.ok()) return 0;
  auto result =
      jsonata::Evaluate(expression.value(), own_input ? &*own_input : &kInput, kBindings, kLimits);
  if (result.ok() && result.value().has_value()) (void)stepwise::json::Write(*result.value());
  return 0;
}
