#include <array>
#include <string>

#include "asl/intrinsics/arguments.h"
#include "asl/intrinsics/functions.h"
#include "asl/intrinsics/utf8.h"

namespace stepwise::asl::detail {

namespace {

// Each byte's 6-bit value, or -1. Both the standard (+ /) and the URL-safe (- _) characters
// decode, as lenient Java decoders accept them.
constexpr std::array<int8_t, 256> MakeDecodeTable() {
  std::array<int8_t, 256> table{};
  for (auto& entry : table) entry = -1;
  constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (size_t i = 0; i < kAlphabet.size(); ++i) {
    table[static_cast<unsigned char>(kAlphabet[i])] = static_cast<int8_t>(i);
  }
  table['-'] = 62;
  table['_'] = 63;
  return table;
}

constexpr std::array<int8_t, 256> kDecode = MakeDecodeTable();

}  // namespace

// States.Base64Decode(base64): the text whose UTF-8 bytes base64 encodes. The input is at most
// 10,000 characters.
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-data-encode-decode
//
// The guide calls the scheme "MIME Base64", and AWS decodes leniently, as MIME decoders do
// (observed: "abc", " YWJjZA== ", "ab==cd" and "!!!invalid!!!" all decode rather than fail).
// So: characters outside the alphabet are skipped, decoding stops at the first '=', and a final
// group of two or three characters yields its one or two whole bytes. Bytes that are not UTF-8
// become U+FFFD, as Java's new String(bytes, UTF_8) makes them.
Result<json::Value> EvaluateBase64Decode(const Invocation& invocation) {
  const std::string_view text = invocation.args[0].as_string();
  if (Utf16Length(text) > kMaxInputCharacters) return InvalidArguments(invocation);
  std::string bytes;
  bytes.reserve(text.size() / 4 * 3 + 2);
  uint32_t bits = 0;
  int pending = 0;  // characters in bits
  for (char c : text) {
    if (c == '=') break;
    const int8_t value = kDecode[static_cast<unsigned char>(c)];
    if (value < 0) continue;
    bits = bits << 6 | static_cast<uint32_t>(value);
    if (++pending == 4) {
      bytes += static_cast<char>(bits >> 16);
      bytes += static_cast<char>(bits >> 8);
      bytes += static_cast<char>(bits);
      bits = 0;
      pending = 0;
    }
  }
  if (pending == 2) {
    bytes += static_cast<char>(bits >> 4);
  } else if (pending == 3) {
    bytes += static_cast<char>(bits >> 10);
    bytes += static_cast<char>(bits >> 2);
  }
  return json::Value::String(ToValidUtf8(bytes));
}

}  // namespace stepwise::asl::detail
