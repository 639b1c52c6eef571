#include <openssl/evp.h>

#include <string>

#include "asl/intrinsics/arguments.h"
#include "asl/intrinsics/functions.h"
#include "asl/intrinsics/utf8.h"
#include "json/write.h"

namespace stepwise::asl::detail {

namespace {

// The algorithms the guide lists, by their exact (case-sensitive) names.
const EVP_MD* DigestNamed(std::string_view name) {
  if (name == "MD5") return EVP_md5();
  if (name == "SHA-1") return EVP_sha1();
  if (name == "SHA-256") return EVP_sha256();
  if (name == "SHA-384") return EVP_sha384();
  if (name == "SHA-512") return EVP_sha512();
  return nullptr;
}

}  // namespace

// States.Hash(data, algorithm): the lowercase hex digest of data's UTF-8 bytes. Data is at most
// 10,000 characters; algorithm is one of MD5, SHA-1, SHA-256, SHA-384 and SHA-512.
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-hash-calc
//
// Data that is not a string is hashed in its compact JSON form: AWS accepts numbers and objects
// here and hashes their text (observed); the guide only speaks of "an object string".
Result<json::Value> EvaluateHash(const Invocation& invocation) {
  const json::Value& data = invocation.args[0];
  const EVP_MD* digest = DigestNamed(invocation.args[1].as_string());
  if (digest == nullptr) return InvalidArguments(invocation);
  std::string text;
  if (data.is_string()) {
    text = data.as_string();
  } else {
    if (!FitsPayload(data)) return InvalidArguments(invocation);
    text = json::Write(data);
  }
  if (Utf16Length(text) > kMaxInputCharacters) return InvalidArguments(invocation);

  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(text.data(), text.size(), out, &length, digest, nullptr) != 1) {
    return IntrinsicFailure(invocation, "The hash could not be computed");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[out[i] >> 4];
    hex += kHex[out[i] & 0xF];
  }
  return json::Value::String(hex);
}

}  // namespace stepwise::asl::detail
