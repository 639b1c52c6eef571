// The JSONata functions Step Functions adds: $partition, $range, $hash, $random, $uuid, $parse.
// https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html

#include "asl/jsonata_functions.h"

#include <cmath>
#include <vector>

#include "asl/intrinsics/arguments.h"
#include "asl/intrinsics/function_table.h"
#include "asl/intrinsics/functions.h"
#include "asl/intrinsics/randomness.h"
#include "json/parse.h"

namespace stepwise::asl {
namespace {

using Args = std::span<const std::optional<json::Value>>;
using HostResult = Result<std::optional<json::Value>>;

// The error a host function raises; its name becomes the JSONata error's code in the cause.
Error InvalidArguments(std::string_view function) {
  return Error(std::string(kQueryEvaluationError),
               "Invalid arguments in " + std::string(function));
}

// Runs the intrinsic named intrinsic on args (all defined) as the JSONata function `function`.
HostResult CallIntrinsic(std::string_view function, std::string_view intrinsic, Args args,
                         const IntrinsicContext& context) {
  std::vector<json::Value> values;
  values.reserve(args.size());
  for (const auto& arg : args) {
    if (!arg) return std::optional<json::Value>();  // undefined in, undefined out
    values.push_back(*arg);
  }
  detail::IntrinsicNode call;
  call.type = detail::IntrinsicNode::Type::kCall;
  call.function = detail::FindFunction(intrinsic);
  call.source = std::string(function);
  detail::Invocation invocation{call, values, context};
  Result<json::Value> result = call.function->evaluate(invocation);
  if (!result.ok()) return InvalidArguments(function);
  return std::optional<json::Value>(result.release_value());
}

// $random's number in [0, 1) from 53 random bits, as JavaScript's Math.random has them.
double UnitInterval(uint64_t bits) { return static_cast<double>(bits >> 11) * 0x1.0p-53; }

}  // namespace

jsonata::Bindings JsonataHostFunctions(const IntrinsicContext& context) {
  jsonata::Bindings bindings;
  // The signatures are constants that parse; a failure would be a programmer error.
  auto bind = [&bindings](std::string_view name, std::string_view signature,
                          jsonata::HostFunctionBody body) {
    Result<void> bound = bindings.BindFunction(name, signature, std::move(body));
    if (!bound.ok()) std::abort();
  };
  // $partition(array, chunkSize): States.ArrayPartition.
  bind("partition", "<an:a>", [context](Args args) {
    return CallIntrinsic("$partition", "States.ArrayPartition", args, context);
  });
  // $range(first, last, step): States.ArrayRange (at most 1000 items).
  bind("range", "<nnn:a>", [context](Args args) {
    return CallIntrinsic("$range", "States.ArrayRange", args, context);
  });
  // $hash(data, algorithm): States.Hash (MD5, SHA-1, SHA-256, SHA-384, SHA-512).
  bind("hash", "<js:s>", [context](Args args) {
    return CallIntrinsic("$hash", "States.Hash", args, context);
  });
  // $uuid(): a version 4 UUID, States.UUID.
  bind("uuid", "<:s>", [context](Args args) {
    return CallIntrinsic("$uuid", "States.UUID", args, context);
  });
  // $random([seed]): a number in [0, 1); with a seed, the same number for the same seed (Java's
  // Random(seed).nextDouble(), the generator States.MathRandom seeds).
  bind("random", "<n?:n>", [context](Args args) -> HostResult {
    if (!args.empty() && args[0]) {
      double seed = args[0]->as_number();
      if (!std::isfinite(seed)) return InvalidArguments("$random");
      detail::JavaRandom random(static_cast<int64_t>(detail::JavaRound(seed)));
      int64_t high = random.Next(26);
      int64_t low = random.Next(27);
      return std::optional<json::Value>(
          json::Value::Double(static_cast<double>((high << 27) + low) * 0x1.0p-53));
    }
    return std::optional<json::Value>(
        json::Value::Double(UnitInterval(detail::RandomFor(context).Next())));
  });
  // $parse(text): the JSON value text holds (a JSON string parsed; States.StringToJson).
  bind("parse", "<s:j>", [](Args args) -> HostResult {
    if (args.empty() || !args[0]) return std::optional<json::Value>();
    Result<json::Value> parsed = json::Parse(args[0]->as_string());
    if (!parsed.ok()) {
      return Error(std::string(kQueryEvaluationError),
                   "$parse: the argument is not valid JSON: " + parsed.error().message());
    }
    return std::optional<json::Value>(parsed.release_value());
  });
  return bindings;
}

}  // namespace stepwise::asl
