#include "json/string_escape.h"

#include <array>
#include <cstdint>

namespace stepwise::json {
namespace {

// Per byte: 0 when copied as is, otherwise the length of its escape sequence.
constexpr std::array<uint8_t, 256> MakeEscapeLengths() {
  std::array<uint8_t, 256> lengths{};
  for (int c = 0; c < 0x20; ++c) lengths[c] = 6;  // \u00XX
  for (char c : {'\b', '\f', '\n', '\r', '\t'}) lengths[static_cast<uint8_t>(c)] = 2;
  lengths['"'] = 2;
  lengths['\\'] = 2;
  return lengths;
}
constexpr std::array<uint8_t, 256> kEscapeLength = MakeEscapeLengths();

}  // namespace

size_t QuotedSize(std::string_view s) {
  size_t size = s.size() + 2;
  for (unsigned char c : s) {
    if (kEscapeLength[c] != 0) size += kEscapeLength[c] - 1;
  }
  return size;
}

void AppendQuoted(std::string& out, std::string_view s) {
  out.push_back('"');
  size_t run_start = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (kEscapeLength[c] == 0) continue;
    out.append(s.data() + run_start, i - run_start);
    run_start = i + 1;
    switch (c) {
      case '"': out.append("\\\""); break;
      case '\\': out.append("\\\\"); break;
      case '\b': out.append("\\b"); break;
      case '\f': out.append("\\f"); break;
      case '\n': out.append("\\n"); break;
      case '\r': out.append("\\r"); break;
      case '\t': out.append("\\t"); break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        char escape[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
        out.append(escape, 6);
      }
    }
  }
  out.append(s.data() + run_start, s.size() - run_start);
  out.push_back('"');
}

}  // namespace stepwise::json
