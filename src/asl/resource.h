#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace stepwise::asl {

// Checks a Task's Resource: an ARN (arn:partition:service:region:account:resource), with
// Lambda function names and qualifiers checked as Lambda checks them. Returns nullopt when it is
// valid, and otherwise what is wrong.
std::optional<std::string> CheckResourceArn(std::string_view resource);

// How AWS's execution history names a Task's resource. A Lambda function ARN gets
// LambdaFunction* events (resource: the ARN); a service integration
// (arn:aws:states:::lambda:invoke) Task* events with resource_type "lambda" and resource
// "invoke"; an activity ARN Activity* events (resource: the ARN); any other ARN Task* events with
// its service as the type and the ARN as the resource.
struct HistoryResource {
  bool lambda_function = false;
  bool activity = false;  // arn:aws:states:REGION:ACCOUNT:activity:NAME
  std::string resource_type;
  std::string resource;
  std::string region;
};
HistoryResource DescribeResource(std::string_view arn);

// Whether arn names an activity (arn:aws:states:REGION:ACCOUNT:activity:NAME).
bool IsActivityArn(std::string_view arn);

}  // namespace stepwise::asl
