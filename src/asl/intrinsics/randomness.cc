#include "asl/intrinsics/randomness.h"

#include <random>

namespace stepwise::asl::detail {

namespace {

// The default source: one Mersenne Twister per thread, so concurrent executions never share
// state and need no lock.
class ThreadRandom final : public RandomSource {
 public:
  ThreadRandom() {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device()};
    engine_.seed(seed);
  }
  uint64_t Next() override { return engine_(); }

 private:
  std::mt19937_64 engine_;
};

constexpr uint64_t kMultiplier = 0x5DEECE66DULL;
constexpr uint64_t kAddend = 0xBULL;
constexpr uint64_t kMask = (uint64_t{1} << 48) - 1;

}  // namespace

RandomSource& RandomFor(const IntrinsicContext& context) {
  if (context.random != nullptr) return *context.random;
  thread_local ThreadRandom random;
  return random;
}

uint64_t UniformBelow(RandomSource& random, uint64_t bound) {
  // Reject the values of the last, incomplete copy of [0, bound) in the 64-bit range.
  uint64_t limit = UINT64_MAX - (UINT64_MAX % bound + 1) % bound;
  for (;;) {
    uint64_t r = random.Next();
    if (r <= limit) return r % bound;
  }
}

JavaRandom::JavaRandom(int64_t seed)
    : state_((static_cast<uint64_t>(seed) ^ kMultiplier) & kMask) {}

int32_t JavaRandom::Next(int bits) {
  state_ = (state_ * kMultiplier + kAddend) & kMask;
  // Java shifts the 48-bit state as a signed long and narrows to int.
  return static_cast<int32_t>(static_cast<uint32_t>(state_ >> (48 - bits)));
}

int32_t JavaRandom::NextInt(int32_t bound) {
  if ((bound & -bound) == bound) {  // a power of two
    return static_cast<int32_t>((static_cast<int64_t>(bound) * Next(31)) >> 31);
  }
  int32_t bits;
  int32_t value;
  do {
    bits = Next(31);
    value = bits % bound;
    // Java's condition bits - value + (bound - 1) < 0 detects int overflow; compute it in 64 bits.
  } while (static_cast<int64_t>(bits) - value + (bound - 1) > INT32_MAX);
  return value;
}

int64_t JavaRandom::NextLong() {
  uint64_t high = static_cast<uint64_t>(static_cast<int64_t>(Next(32))) << 32;
  return static_cast<int64_t>(high + static_cast<uint64_t>(static_cast<int64_t>(Next(32))));
}

}  // namespace stepwise::asl::detail
