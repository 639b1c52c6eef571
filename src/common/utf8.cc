#include "common/utf8.h"

namespace stepwise {

char32_t DecodeUtf8(std::string_view text, size_t* pos) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  size_t start = *pos;
  unsigned char lead = bytes[start];
  *pos = start + 1;
  if (lead < 0x80) return lead;

  size_t length;
  char32_t cp;
  char32_t smallest;
  if ((lead & 0xE0) == 0xC0) {
    length = 2;
    cp = lead & 0x1F;
    smallest = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    cp = lead & 0x0F;
    smallest = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    cp = lead & 0x07;
    smallest = 0x10000;
  } else {
    return kReplacementCharacter;
  }
  if (text.size() - start < length) return kReplacementCharacter;
  for (size_t k = 1; k < length; ++k) {
    unsigned char continuation = bytes[start + k];
    if ((continuation & 0xC0) != 0x80) return kReplacementCharacter;
    cp = (cp << 6) | (continuation & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
  if (cp < smallest || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    return kReplacementCharacter;
  }
  *pos = start + length;
  return cp;
}

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace stepwise
