// Fuzz target: the definition checker and loader on arbitrary text.
#include <cstdint>
#include <string_view>

#include "asl/load.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)stepwise::asl::LoadDefinition(text);
  (void)stepwise::asl::LoadDefinition(text, {.type = stepwise::asl::MachineType::kExpress});
  return 0;
}
