#include "api/actions/tagged_resource.h"

#include "api/arn.h"
#include "api/errors.h"

namespace stepwise::api {

Result<void> CheckTaggedResource(Context& context, const std::string& arn) {
  Arn parsed = TRY(ParseArnOf(arn, ArnKindBit(ArnKind::kStateMachine) |
                                       ArnKindBit(ArnKind::kActivity)));
  bool exists = false;
  if (parsed.kind == ArnKind::kActivity) {
    exists = TRY(context.store.GetActivity(arn)).has_value();
  } else {
    exists = TRY(context.store.GetStateMachine(arn)).has_value();
  }
  if (!exists) return ApiError("ResourceNotFound", "Resource not found: '" + arn + "'");
  return Ok();
}

}  // namespace stepwise::api
