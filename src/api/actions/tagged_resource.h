#pragma once

#include <string>

#include "api/context.h"
#include "common/result.h"

namespace stepwise::api {

// Checks that arn names a resource that can carry tags (a state machine or an activity) and
// that it exists: InvalidArn, or ResourceNotFound.
Result<void> CheckTaggedResource(Context& context, const std::string& arn);

}  // namespace stepwise::api
