// Fuzz target: the JSONata lexer and parser on arbitrary text.
#include <cstdint>
#include <string_view>

#include "jsonata/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  stepwise::jsonata::ParseError error;
  (void)stepwise::jsonata::Parse(text, &error);
  return 0;
}
