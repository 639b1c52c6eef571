#include <array>
#include <string>

#include "asl/intrinsics/functions.h"
#include "asl/intrinsics/randomness.h"

namespace stepwise::asl::detail {

// States.UUID(): a version 4 (random) UUID in its lowercase 8-4-4-4-12 form, drawn from the
// context's RandomSource (RFC 9562, section 5.4).
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-uuid-generate
Result<json::Value> EvaluateUuid(const Invocation& invocation) {
  RandomSource& random = RandomFor(invocation.context);
  std::array<unsigned char, 16> bytes;
  for (size_t half = 0; half < 2; ++half) {
    uint64_t bits = random.Next();
    for (size_t i = 0; i < 8; ++i)
      bytes[half * 8 + i] = static_cast<unsigned char>(bits >> (56 - 8 * i));
  }
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0F) | 0x40);  // version 4
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3F) | 0x80);  // variant 10xx
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text;
  text.reserve(36);
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) text += '-';
    text += kHex[bytes[i] >> 4];
    text += kHex[bytes[i] & 0xF];
  }
  return json::Value::String(text);
}

}  // namespace stepwise::asl::detail
