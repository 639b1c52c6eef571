#pragma once

#include <optional>
#include <string>

#include "asl/model.h"
#include "common/result.h"
#include "engine/frame.h"
#include "json/value.h"
#include "jsonpath/roots.h"

// The JSONPath data flow of a state, step by step as AWS applies it:
// InputPath -> Parameters -> (the state's work) -> ResultSelector -> ResultPath -> OutputPath.
// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-input-output-filtering.html
// Internal to src/engine. Errors are StateErrors with AWS's names and messages (without the
// "An error occurred while executing the state" prefix, which the interpreter adds).
namespace stepwise::engine {

// InputPath or OutputPath: absent is the whole value, null is {}, a path selects; a path that
// matches nothing is States.Runtime "Invalid path '$.x' : No results for path: $['x']".
Result<json::Value> ApplyInputOrOutputPath(const asl::PathField& field, const json::Value& value,
                                           const jsonpath::Roots& roots);

// ResultPath: absent is the result, null is the raw input, a path places the result in the raw
// input (States.ResultPathMatchFailure when it cannot).
Result<json::Value> ApplyResultPath(const asl::PathField& field, const json::Value& raw_input,
                                    const json::Value& result);

// The payload quota: States.DataLimitExceeded when value's serialization exceeds max_bytes.
Result<void> CheckPayloadSize(const json::Value& value, size_t max_bytes,
                              const std::string& state_name);

// Converts a library Error into the StateError Retry and Catch see.
StateError ToStateError(const Error& error);

}  // namespace stepwise::engine
