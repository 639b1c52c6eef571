#include "asl/resource.h"

#include <vector>

namespace stepwise::asl {
namespace {

std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return parts;
}

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

bool IsName(std::string_view s, size_t max_length) {
  if (s.empty() || s.size() > max_length) return false;
  for (char c : s) {
    if (!IsNameChar(c)) return false;
  }
  return true;
}

// Lambda: function:NAME[:QUALIFIER], NAME of [a-zA-Z0-9-_]{1,64} and QUALIFIER $LATEST, a version
// number or an alias of [a-zA-Z0-9-_]{1,128}.
// https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html
std::optional<std::string> CheckLambdaResource(const std::vector<std::string_view>& parts) {
  if (parts.size() < 7 || parts[5] != "function") {
    return "A Lambda function ARN has the form arn:aws:lambda:REGION:ACCOUNT:function:NAME";
  }
  if (!IsName(parts[6], 64)) return "Invalid Lambda function name '" + std::string(parts[6]) + "'";
  if (parts.size() == 8 && parts[7] != "$LATEST" && !IsName(parts[7], 128)) {
    return "Invalid Lambda function qualifier '" + std::string(parts[7]) + "'";
  }
  if (parts.size() > 8) return "Too many parts in the Lambda function ARN";
  return std::nullopt;
}

}  // namespace

std::optional<std::string> CheckResourceArn(std::string_view resource) {
  std::vector<std::string_view> parts = Split(resource, ':');
  if (parts.size() < 6 || parts[0] != "arn") {
    return "Resource must be an ARN (arn:partition:service:region:account:resource)";
  }
  if (!IsName(parts[1], 32)) return "Invalid partition in the ARN";
  if (!IsName(parts[2], 64)) return "Invalid service in the ARN";
  for (size_t i = 5; i < parts.size(); ++i) {
    for (char c : parts[i]) {
      if (static_cast<unsigned char>(c) < 0x21 || c == '{' || c == '}') {
        return "Invalid character in the ARN's resource";
      }
    }
  }
  if (parts[5].empty()) return "The ARN has no resource";
  if (parts[2] == "lambda") return CheckLambdaResource(parts);
  return std::nullopt;
}

HistoryResource DescribeResource(std::string_view arn) {
  std::vector<std::string_view> parts = Split(arn, ':');
  HistoryResource kind;
  if (parts.size() >= 7 && parts[2] == "lambda" && parts[5] == "function") {
    kind.lambda_function = true;
    kind.resource = std::string(arn);
    return kind;
  }
  kind.region = parts.size() > 3 ? std::string(parts[3]) : "";
  kind.activity = IsActivityArn(arn);
  if (parts.size() >= 7 && parts[2] == "states" && parts[3].empty()) {
    kind.resource_type = std::string(parts[5]);
    kind.resource = std::string(parts[6]);
    for (size_t i = 7; i < parts.size(); ++i) kind.resource += ":" + std::string(parts[i]);
    return kind;
  }
  kind.resource_type = parts.size() > 2 ? std::string(parts[2]) : "";
  kind.resource = std::string(arn);
  return kind;
}

bool IsActivityArn(std::string_view arn) {
  std::vector<std::string_view> parts = Split(arn, ':');
  return parts.size() >= 7 && parts[2] == "states" && parts[5] == "activity";
}

}  // namespace stepwise::asl
