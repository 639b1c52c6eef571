#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace stepwise::asl {

// Checks a Task's Resource: an ARN (arn:partition:service:region:account:resource), with
// Lambda function names and qualifiers checked as Lambda checks them. Returns nullopt when it is
// valid, and otherwise what is wrong.
std::optional<std::string> CheckResourceArn(std::string_view resource);

}  // namespace stepwise::asl
