#include "api/names.h"

#include <string>

#include "api/errors.h"

namespace stepwise::api {
namespace {

Error InvalidName(std::string_view name) {
  return ApiError("InvalidName", "Invalid Name: '" + std::string(name) + "'");
}

// Decodes one UTF-8 code point at text[i], advancing i; U+FFFD for a malformed sequence.
char32_t NextCodePoint(std::string_view text, size_t& i) {
  unsigned char c = static_cast<unsigned char>(text[i++]);
  if (c < 0x80) return c;
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : -1;
  if (extra < 0) return 0xFFFD;
  char32_t code = c & (0x3F >> extra);
  for (int k = 0; k < extra; ++k) {
    if (i >= text.size()) return 0xFFFD;
    unsigned char next = static_cast<unsigned char>(text[i]);
    if ((next & 0xC0) != 0x80) return 0xFFFD;
    code = (code << 6) | (next & 0x3F);
    ++i;
  }
  return code;
}

bool Forbidden(char32_t c) {
  if (c <= 0x20 || (c >= 0x7F && c <= 0x9F)) return true;  // control characters and space
  if (c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
      c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000) {
    return true;  // Unicode white space
  }
  static constexpr std::u32string_view kForbidden = U"<>{}[]?*\"#%\\^|~`$&,;:/";
  return kForbidden.find(c) != std::u32string_view::npos;
}

}  // namespace

Result<void> ValidateName(std::string_view name) {
  size_t length = 0;
  for (size_t i = 0; i < name.size();) {
    if (Forbidden(NextCodePoint(name, i))) return InvalidName(name);
    ++length;
  }
  if (length == 0 || length > 80) return InvalidName(name);
  return Ok();
}

Result<void> ValidateAliasName(std::string_view name) {
  if (name.empty() || name.size() > 80) return InvalidName(name);
  bool all_digits = true;
  for (char c : name) {
    bool digit = c >= '0' && c <= '9';
    bool allowed = digit || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
                   c == '-' || c == '.';
    if (!allowed) return InvalidName(name);
    all_digits = all_digits && digit;
  }
  if (all_digits) return InvalidName(name);
  return Ok();
}

}  // namespace stepwise::api
