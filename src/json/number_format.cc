#include "json/number_format.h"

#include <charconv>
#include <cmath>
#include <cstring>

namespace stepwise::json {

size_t IntSize(int64_t value) {
  uint64_t magnitude = value < 0 ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  size_t digits = 1;
  while (magnitude >= 10) {
    magnitude /= 10;
    ++digits;
  }
  return digits + (value < 0 ? 1 : 0);
}

size_t FormatInt(int64_t value, char* out) {
  return static_cast<size_t>(std::to_chars(out, out + kMaxNumberChars, value).ptr - out);
}

size_t FormatDouble(double value, char* out) {
  if (!std::isfinite(value)) {
    std::memcpy(out, "null", 4);
    return 4;
  }
  char* p = out;
  if (std::signbit(value)) {
    *p++ = '-';
    value = -value;
  }
  if (value == 0) {
    std::memcpy(p, "0.0", 3);
    return static_cast<size_t>(p + 3 - out);
  }
  // The shortest round-trip digits, in scientific form: "d[.ddd]e[+-]xx".
  char sci[kMaxNumberChars];
  char* end = std::to_chars(sci, sci + sizeof sci, value, std::chars_format::scientific).ptr;
  char* e = static_cast<char*>(std::memchr(sci, 'e', static_cast<size_t>(end - sci)));
  int exponent = 0;
  std::from_chars(e + 1 + (e[1] == '+'), end, exponent);
  char digits[kMaxNumberChars] = {};
  size_t digit_count = 0;
  for (char* c = sci; c < e; ++c) {
    if (*c != '.') digits[digit_count++] = *c;
  }

  if (value >= 1e-3 && value < 1e7) {
    // Plain decimal: digits with the point after exponent+1 of them.
    int point = exponent + 1;  // may be <= 0 for values below 1
    if (point <= 0) {
      *p++ = '0';
      *p++ = '.';
      for (int i = point; i < 0; ++i) *p++ = '0';
      std::memcpy(p, digits, digit_count);
      p += digit_count;
    } else {
      for (int i = 0; i < point; ++i) {
        *p++ = static_cast<size_t>(i) < digit_count ? digits[i] : '0';
      }
      *p++ = '.';
      if (static_cast<size_t>(point) < digit_count) {
        std::memcpy(p, digits + point, digit_count - static_cast<size_t>(point));
        p += digit_count - static_cast<size_t>(point);
      } else {
        *p++ = '0';
      }
    }
  } else {
    *p++ = digits[0];
    *p++ = '.';
    if (digit_count > 1) {
      std::memcpy(p, digits + 1, digit_count - 1);
      p += digit_count - 1;
    } else {
      *p++ = '0';
    }
    *p++ = 'E';
    p = std::to_chars(p, out + kMaxNumberChars, exponent).ptr;
  }
  return static_cast<size_t>(p - out);
}

}  // namespace stepwise::json
