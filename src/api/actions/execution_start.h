#pragma once

#include "api/context.h"
#include "api/execution_runner.h"
#include "common/result.h"
#include "json/value.h"
#include "store/store.h"

namespace stepwise::api {

// What StartExecution and StartSyncExecution read: the machine (or version) to run and the
// execution's name, input and trace header.
struct StartTarget {
  store::StateMachineRecord machine;
  ExecutionStart start;
};

// Reads and checks a start request: stateMachineArn (a machine, a version, or an alias, which
// picks a version by its routing weights), name, input (JSON text within the payload quota),
// traceHeader. Errors: InvalidArn, StateMachineDoesNotExist, StateMachineDeleting, InvalidName,
// InvalidExecutionInput, ValidationException.
Result<StartTarget> ReadStartRequest(Context& context, const json::Value& request,
                                     bool synchronous);

}  // namespace stepwise::api
