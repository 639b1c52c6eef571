// Fuzz target: the JSON parser, and the writer on whatever it accepts (a value must survive a
// round trip through the writer and the parser unchanged, and report its serialized size).
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "json/parse.h"
#include "json/write.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = stepwise::json::Parse(text);
  if (!parsed.ok()) return 0;
  std::string written = stepwise::json::Write(parsed.value());
  if (written.size() != parsed.value().SerializedSize()) std::abort();
  auto again = stepwise::json::Parse(written);
  if (!again.ok() || !(again.value() == parsed.value())) std::abort();
  return 0;
}
