#include "asl/intrinsics/utf8.h"

namespace stepwise::asl::detail {

namespace {

// What a lead byte announces: the sequence length (0: not a lead byte) and the range its second
// byte must fall in, which excludes overlong forms, surrogates and values beyond U+10FFFF.
struct Lead {
  size_t length;
  unsigned char low;
  unsigned char high;
};

Lead LeadOf(unsigned char c) {
  if (c < 0x80) return {1, 0, 0};
  if (c >= 0xC2 && c <= 0xDF) return {2, 0x80, 0xBF};
  if (c == 0xE0) return {3, 0xA0, 0xBF};
  if (c == 0xED) return {3, 0x80, 0x9F};
  if (c >= 0xE1 && c <= 0xEF) return {3, 0x80, 0xBF};
  if (c == 0xF0) return {4, 0x90, 0xBF};
  if (c >= 0xF1 && c <= 0xF3) return {4, 0x80, 0xBF};
  if (c == 0xF4) return {4, 0x80, 0x8F};
  return {0, 0, 0};
}

// How many bytes at text[offset] belong to the sequence its lead byte starts, as far as they are
// valid: the whole length for a well-formed sequence, less for a truncated or broken one (the
// "maximal subpart" that Java's decoder replaces with a single U+FFFD), 1 for a stray byte.
size_t ValidPrefix(std::string_view text, size_t offset, const Lead& lead) {
  if (lead.length <= 1) return 1;
  size_t k = 1;
  for (; k < lead.length && offset + k < text.size(); ++k) {
    const auto c = static_cast<unsigned char>(text[offset + k]);
    const unsigned char low = k == 1 ? lead.low : 0x80;
    const unsigned char high = k == 1 ? lead.high : 0xBF;
    if (c < low || c > high) break;
  }
  return k;
}

// The length of the well-formed sequence at text[offset], or 0 when it is ill-formed.
size_t SequenceLength(std::string_view text, size_t offset) {
  const Lead lead = LeadOf(static_cast<unsigned char>(text[offset]));
  if (lead.length == 0) return 0;
  return ValidPrefix(text, offset, lead) == lead.length ? lead.length : 0;
}

}  // namespace

size_t Utf16Length(std::string_view utf8) {
  size_t units = 0;
  for (size_t offset = 0; offset < utf8.size();) {
    const size_t length = SequenceLength(utf8, offset);
    units += length == 4 ? 2 : 1;
    offset += length == 0 ? 1 : length;
  }
  return units;
}

uint32_t NextCodePoint(std::string_view text, size_t* offset) {
  const size_t start = *offset;
  const size_t length = SequenceLength(text, start);
  const auto c = static_cast<unsigned char>(text[start]);
  if (length == 0) {
    *offset = start + 1;
    return kInvalidByteBase + c;
  }
  *offset = start + length;
  if (length == 1) return c;
  uint32_t code_point = c & (0x7F >> length);
  for (size_t k = 1; k < length; ++k) {
    code_point = (code_point << 6) | (static_cast<unsigned char>(text[start + k]) & 0x3F);
  }
  return code_point;
}

std::string ToValidUtf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (size_t offset = 0; offset < bytes.size();) {
    const Lead lead = LeadOf(static_cast<unsigned char>(bytes[offset]));
    const size_t prefix = lead.length == 0 ? 1 : ValidPrefix(bytes, offset, lead);
    if (lead.length != 0 && prefix == lead.length) {
      out.append(bytes.substr(offset, prefix));
    } else {
      out += "\xEF\xBF\xBD";
    }
    offset += prefix;
  }
  return out;
}

}  // namespace stepwise::asl::detail
