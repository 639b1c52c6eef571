#include "jsonpath/unicode.h"

namespace stepwise::jsonpath::detail {

size_t CodePointCount(std::string_view text) {
  size_t count = 0;
  for (size_t pos = 0; pos < text.size(); ++count) DecodeUtf8(text, &pos);
  return count;
}

namespace {

bool InRange(char32_t cp, char32_t low, char32_t high) { return cp >= low && cp <= high; }

// Blocks above Latin-1 that hold no identifier characters: spaces, punctuation, symbols,
// surrogates, private use and noncharacters.
bool IsExcluded(char32_t cp) {
  return InRange(cp, 0x2000, 0x206F) ||    // General Punctuation (and the wide spaces)
         InRange(cp, 0x20A0, 0x20CF) ||    // Currency Symbols
         InRange(cp, 0x2190, 0x2BFF) ||    // arrows, operators, box drawing, shapes, dingbats
         InRange(cp, 0x2E00, 0x2E7F) ||    // Supplemental Punctuation
         InRange(cp, 0x3000, 0x3004) ||    // ideographic space and CJK punctuation
         InRange(cp, 0x3008, 0x3020) ||    // CJK brackets and marks
         InRange(cp, 0xD800, 0xF8FF) ||    // surrogates and the Private Use Area
         InRange(cp, 0xFDD0, 0xFDEF) ||    // noncharacters
         InRange(cp, 0xFE10, 0xFE1F) ||    // Vertical Forms
         InRange(cp, 0xFE30, 0xFE6F) ||    // CJK Compatibility Forms, Small Form Variants
         InRange(cp, 0xFF00, 0xFF0F) ||    // fullwidth punctuation
         InRange(cp, 0xFF1A, 0xFF20) ||    // fullwidth punctuation
         InRange(cp, 0xFF3B, 0xFF40) ||    // fullwidth punctuation
         InRange(cp, 0xFF5B, 0xFF65) ||    // fullwidth and halfwidth punctuation
         InRange(cp, 0xFFF0, 0xFFFF) ||    // Specials
         InRange(cp, 0x1F000, 0x1FAFF) ||  // emoji and other pictographs
         cp >= 0xF0000 ||                  // supplementary private use
         (cp & 0xFFFE) == 0xFFFE;          // the noncharacters at the end of every plane
}

// Combining marks and variation selectors: identifier characters, but never the first.
bool IsCombiningMark(char32_t cp) {
  return InRange(cp, 0x0300, 0x036F) || InRange(cp, 0x1AB0, 0x1AFF) ||
         InRange(cp, 0x1DC0, 0x1DFF) || InRange(cp, 0x20D0, 0x20FF) ||
         InRange(cp, 0xFE00, 0xFE0F) || InRange(cp, 0xFE20, 0xFE2F);
}

// Connector punctuation other than '_' (Unicode category Pc): identifier characters inside the
// excluded blocks.
bool IsConnector(char32_t cp) {
  return cp == 0x203F || cp == 0x2040 || cp == 0x2054 || cp == 0xFE33 || cp == 0xFE34 ||
         InRange(cp, 0xFE4D, 0xFE4F) || cp == 0xFF3F;
}

bool IsLatin1Letter(char32_t cp) {
  return cp == 0xAA || cp == 0xB5 || cp == 0xBA || (cp >= 0xC0 && cp != 0xD7 && cp != 0xF7);
}

}  // namespace

bool IsIdStart(char32_t cp) {
  if (cp < 0x80) return InRange(cp, 'a', 'z') || InRange(cp, 'A', 'Z');
  if (cp < 0x100) return IsLatin1Letter(cp);
  return cp <= 0x10FFFF && !IsExcluded(cp) && !IsCombiningMark(cp);
}

bool IsIdContinue(char32_t cp) {
  if (cp < 0x80) {
    return InRange(cp, 'a', 'z') || InRange(cp, 'A', 'Z') || InRange(cp, '0', '9') || cp == '_';
  }
  if (cp < 0x100) return IsLatin1Letter(cp) || cp == 0xB7;  // U+00B7 MIDDLE DOT is Continue
  return cp <= 0x10FFFF && (!IsExcluded(cp) || IsConnector(cp));
}

}  // namespace stepwise::jsonpath::detail
