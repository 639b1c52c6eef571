#include "tasks/text_excerpt.h"

namespace stepwise::tasks {
namespace {

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";     // U+2026
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

bool IsContinuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// The length of the valid UTF-8 sequence (RFC 3629: no overlong forms, no surrogates, nothing
// above U+10FFFF) that starts at text[i], or 0 when the byte there does not start one.
size_t ValidSequenceLength(std::string_view text, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[i + k]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return 1;
  size_t length;
  unsigned char min_second = 0x80;
  unsigned char max_second = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) min_second = 0xA0;  // overlong
    if (lead == 0xED) max_second = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) min_second = 0x90;  // overlong
    if (lead == 0xF4) max_second = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  if (byte(1) < min_second || byte(1) > max_second) return 0;
  for (size_t k = 2; k < length; ++k) {
    if (!IsContinuation(byte(k))) return 0;
  }
  return length;
}

void AppendValidUtf8(std::string& out, std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const size_t length = ValidSequenceLength(text, i);
    if (length == 0) {
      out += kReplacement;
      ++i;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
}

}  // namespace

std::string Excerpt(std::string_view text, size_t max_bytes, ExcerptEnd keep) {
  std::string out;
  if (text.size() <= max_bytes) {
    AppendValidUtf8(out, text);
    return out;
  }
  // Move the cut off a character's continuation bytes (at most three of them), so that a
  // character is kept whole or dropped whole rather than becoming replacement characters.
  if (keep == ExcerptEnd::kHead) {
    size_t end = max_bytes;
    for (int step = 0; step < 3 && end > 0 && IsContinuation(text[end]); ++step) --end;
    AppendValidUtf8(out, text.substr(0, end));
    out += kEllipsis;
  } else {
    size_t begin = text.size() - max_bytes;
    for (int step = 0; step < 3 && begin < text.size() && IsContinuation(text[begin]); ++step) {
      ++begin;
    }
    out += kEllipsis;
    AppendValidUtf8(out, text.substr(begin));
  }
  return out;
}

std::string_view TrimWhitespace(std::string_view text) {
  constexpr std::string_view kWhitespace = " \t\n\r\f\v";
  const size_t begin = text.find_first_not_of(kWhitespace);
  if (begin == std::string_view::npos) return text.substr(text.size());
  const size_t end = text.find_last_not_of(kWhitespace);
  return text.substr(begin, end - begin + 1);
}

}  // namespace stepwise::tasks
