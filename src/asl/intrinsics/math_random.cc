#include <cmath>
#include <cstdint>

#include "asl/intrinsics/arguments.h"
#include "asl/intrinsics/functions.h"
#include "asl/intrinsics/randomness.h"

namespace stepwise::asl::detail {

namespace {

// A seed argument as Java's long: rounded like the other numeric arguments, and nullopt beyond
// the int64 range.
std::optional<int64_t> ToSeed(const json::Value& value) {
  if (value.is_int()) return value.as_int();
  const double rounded = JavaRound(value.as_number());
  // 2^63 is exactly representable; every double below it converts without overflow.
  if (!(rounded >= -9223372036854775808.0 && rounded < 9223372036854775808.0)) return std::nullopt;
  return static_cast<int64_t>(rounded);
}

}  // namespace

// States.MathRandom(start, end[, seed]): a random integer with start <= n < end. Start and end
// are integers (non-integers are rounded to the nearest integer) and start < end. With a seed the
// number is the same on every call: it is java.util.Random(seed).nextInt(end - start) + start.
// Without one it comes from the context's RandomSource.
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-math-operation
Result<json::Value> EvaluateMathRandom(const Invocation& invocation) {
  const std::optional<int32_t> start = ToInt32(invocation.args[0]);
  const std::optional<int32_t> end = ToInt32(invocation.args[1]);
  if (!start || !end || *start >= *end) return InvalidArguments(invocation);
  const int64_t range = static_cast<int64_t>(*end) - *start;  // 1 .. 2^32 - 1

  int64_t offset = 0;
  if (invocation.args.size() == 3) {
    const std::optional<int64_t> seed = ToSeed(invocation.args[2]);
    if (!seed) return InvalidArguments(invocation);
    JavaRandom random(*seed);
    if (range <= INT32_MAX) {
      offset = random.NextInt(static_cast<int32_t>(range));
    } else {
      // Java's nextInt cannot take a bound this large; draw from nextLong instead. The modulo
      // bias is below 2^-31 and the result stays a pure function of the seed.
      offset = static_cast<int64_t>(static_cast<uint64_t>(random.NextLong()) %
                                    static_cast<uint64_t>(range));
    }
  } else {
    offset = static_cast<int64_t>(
        UniformBelow(RandomFor(invocation.context), static_cast<uint64_t>(range)));
  }
  return json::Value::Int(*start + offset);
}

}  // namespace stepwise::asl::detail
