#pragma once

#include <cstdint>

#include "asl/intrinsics/intrinsic_call.h"

namespace stepwise::asl::detail {

// The source a call draws from: context.random, or else this thread's generator (seeded once
// from std::random_device). The reference is valid for the calling thread's lifetime.
RandomSource& RandomFor(const IntrinsicContext& context);

// A uniformly distributed integer in [0, bound), without modulo bias. Precondition: bound > 0.
uint64_t UniformBelow(RandomSource& random, uint64_t bound);

// java.util.Random's linear congruential generator, bit for bit: States.MathRandom with a seed
// returns the same number every time for the same seed, as AWS's documentation promises, and this
// is the generator AWS's Java engine most plausibly seeds.
//
// Not thread-safe; cheap to construct. Intentionally copyable.
class JavaRandom {
 public:
  explicit JavaRandom(int64_t seed);

  // Random.next(bits): the high `bits` bits of the next state.
  int32_t Next(int bits);
  // Random.nextInt(bound), including its rejection loop. Precondition: bound > 0.
  int32_t NextInt(int32_t bound);
  // Random.nextLong().
  int64_t NextLong();

 private:
  uint64_t state_;
};

}  // namespace stepwise::asl::detail
