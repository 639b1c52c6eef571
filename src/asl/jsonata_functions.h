#pragma once

#include "asl/intrinsics/intrinsic_call.h"
#include "asl/jsonata_template.h"
#include "jsonata/evaluate.h"

namespace stepwise::asl {

// The functions Step Functions adds to JSONata, as host functions on top of the library:
// $partition, $range, $hash, $random (with an optional seed), $uuid and $parse. They share their
// behaviour with the intrinsic functions they replace (States.ArrayPartition, States.ArrayRange,
// States.Hash, States.MathRandom's seeded generator, States.UUID, States.StringToJson); $uuid and
// an unseeded $random draw from context's RandomSource.
// https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
//
// A call with an undefined argument returns undefined, as JSONata's own functions do; invalid
// arguments fail the evaluation (the state then fails with States.QueryEvaluationError).
//
// The returned Bindings may be shared by concurrent evaluations when context's RandomSource is
// thread-safe (the engine's is).
jsonata::Bindings JsonataHostFunctions(const IntrinsicContext& context);

}  // namespace stepwise::asl
