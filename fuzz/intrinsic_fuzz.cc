// Fuzz target: compiling an intrinsic function call, and evaluating whatever compiles.
#include <cstdint>
#include <string_view>

#include "asl/intrinsics/intrinsic_call.h"
#include "json/parse.h"

namespace {

class FixedRandom : public stepwise::asl::RandomSource {
 public:
  uint64_t Next() override { return state_ = state_ * 6364136223846793005ULL + 1; }

 private:
  uint64_t state_ = 42;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const stepwise::json::Value kInput =
      stepwise::json::Parse(R"({"a":[1,2,3,2],"s":"a,b,c","n":5,"j":"{\"x\":1}","o":{"k":1},
        "b64":"aGVsbG8=","d":1.5,"t":true})")
          .value();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto call = stepwise::asl::IntrinsicCall::Compile(text);
  if (!call.ok()) return 0;
  FixedRandom random;
  stepwise::jsonpath::Roots roots{.input = &kInput, .context = &kInput};
  (void)call.value().Evaluate(roots, {.random = &random});
  return 0;
}
