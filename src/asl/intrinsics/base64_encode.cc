#include <string>

#include "asl/intrinsics/arguments.h"
#include "asl/intrinsics/functions.h"
#include "asl/intrinsics/utf8.h"

namespace stepwise::asl::detail {

// States.Base64Encode(text): the Base64 form (standard alphabet, padded, on one line) of text's
// UTF-8 bytes. The input is at most 10,000 characters.
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-data-encode-decode
Result<json::Value> EvaluateBase64Encode(const Invocation& invocation) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const std::string_view text = invocation.args[0].as_string();
  if (Utf16Length(text) > kMaxInputCharacters) return InvalidArguments(invocation);
  std::string out;
  out.reserve((text.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= text.size(); i += 3) {
    const uint32_t bits = static_cast<unsigned char>(text[i]) << 16 |
                          static_cast<unsigned char>(text[i + 1]) << 8 |
                          static_cast<unsigned char>(text[i + 2]);
    out += kAlphabet[bits >> 18];
    out += kAlphabet[(bits >> 12) & 0x3F];
    out += kAlphabet[(bits >> 6) & 0x3F];
    out += kAlphabet[bits & 0x3F];
  }
  if (const size_t rest = text.size() - i; rest > 0) {
    uint32_t bits = static_cast<unsigned char>(text[i]) << 16;
    if (rest == 2) bits |= static_cast<unsigned char>(text[i + 1]) << 8;
    out += kAlphabet[bits >> 18];
    out += kAlphabet[(bits >> 12) & 0x3F];
    out += rest == 2 ? kAlphabet[(bits >> 6) & 0x3F] : '=';
    out += '=';
  }
  return json::Value::String(out);
}

}  // namespace stepwise::asl::detail
