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

// Reads and checks a start request: stateMachineArn, name, input (JSON text within the payload
// quota), traceHeader. stateMachineArn names a machine, a version (start.version_arn is then set)
// or an alias: an alias picks one of its versions at random by its routing weights, and the start
// records both (start.version_arn, start.alias_arn), as AWS associates such an execution with the
// alias and the version it ran. Errors: InvalidArn, StateMachineDoesNotExist (also for an alias
// that does not exist), StateMachineDeleting, InvalidName, InvalidExecutionInput,
// ValidationException.
Result<StartTarget> ReadStartRequest(Context& context, const json::Value& request,
                                     bool synchronous);

}  // namespace stepwise::api
