// Fuzz target: compiling a JSONPath, and evaluating and assigning with whatever compiles.
#include <cstdint>
#include <string_view>

#include "json/parse.h"
#include "jsonpath/path.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const stepwise::json::Value kInput =
      stepwise::json::Parse(R"({"a":{"b":[1,2,{"c":"x"}],"price":12},"items":[{"price":5},
        {"price":15,"tags":["t"]}],"s":"text","n":null})")
          .value();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto path = stepwise::jsonpath::Path::Compile(text);
  if (!path.ok()) return 0;
  stepwise::jsonpath::Roots roots{.input = &kInput, .context = &kInput};
  (void)path.value().Evaluate(roots);
  (void)path.value().Normalized();
  if (path.value().is_definite() && path.value().root() == stepwise::jsonpath::RootKind::kInput) {
    (void)path.value().Assign(kInput, stepwise::json::Value::Int(1));
  }
  return 0;
}
