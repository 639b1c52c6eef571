#include <bit>
#include <cstdint>
#include <functional>
#include <unordered_map>
#include <vector>

#include "asl/intrinsics/arguments.h"
#include "asl/intrinsics/functions.h"

namespace stepwise::asl::detail {

namespace {

uint64_t Mix(uint64_t h) {
  // The splitmix64 finalizer: spreads every input bit over the result.
  h ^= h >> 30;
  h *= 0xBF58476D1CE4E5B9ULL;
  h ^= h >> 27;
  h *= 0x94D049BB133111EBULL;
  return h ^ (h >> 31);
}

// A hash consistent with json::Value's operator==: equal values hash equally. Numbers hash by
// their double value (1 and 1.0 are equal), objects independently of member order.
uint64_t Hash(const json::Value& value) {
  switch (value.kind()) {
    case json::Kind::kNull:
      return Mix(1);
    case json::Kind::kBool:
      return Mix(value.as_bool() ? 2 : 3);
    case json::Kind::kInt:
    case json::Kind::kDouble: {
      double d = value.as_number();
      if (d == 0) d = 0;  // -0.0 equals 0.0
      return Mix(std::bit_cast<uint64_t>(d) ^ 4);
    }
    case json::Kind::kString:
      return Mix(std::hash<std::string_view>{}(value.as_string()) ^ 5);
    case json::Kind::kArray: {
      uint64_t h = Mix(6);
      for (const json::Value& item : value.items()) h = Mix(h ^ Hash(item));
      return h;
    }
    case json::Kind::kObject: {
      uint64_t h = 7;
      for (const json::Member& member : value.members()) {
        h += Mix(std::hash<std::string_view>{}(member.name()) ^ Mix(Hash(member.value)));
      }
      return Mix(h);
    }
  }
  return 0;
}

}  // namespace

// States.ArrayUnique(array): array without repeated elements, each kept where it first appears,
// comparing as JSON does. Hashing keeps this linear for large arrays.
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-arrays
Result<json::Value> EvaluateArrayUnique(const Invocation& invocation) {
  const json::Value& array = invocation.args[0];
  if (!FitsPayload(array)) return PayloadTooLarge(invocation);
  std::vector<json::Value> unique;
  std::unordered_multimap<uint64_t, size_t> seen;  // hash -> index in unique
  for (const json::Value& item : array.items()) {
    const uint64_t h = Hash(item);
    bool repeated = false;
    for (auto [it, end] = seen.equal_range(h); it != end; ++it) {
      if (unique[it->second] == item) {
        repeated = true;
        break;
      }
    }
    if (repeated) continue;
    seen.emplace(h, unique.size());
    unique.push_back(item);
  }
  return json::Value::Array(std::move(unique));
}

}  // namespace stepwise::asl::detail
