#pragma once

#include <string>
#include <utility>

namespace stepwise {

// An error as data: a name and a human-readable message.
//
// For ASL runtime errors the name is the error name that Retry and Catch match ("States.Runtime",
// "States.IntrinsicFailure", or a task's own error) and the message is AWS's Cause. Components that
// are not ASL-facing use their own names (for example "JsonParseError"); see error_name.h for the
// closed table of States.* names.
//
// Intentionally copyable.
class Error {
 public:
  Error(std::string name, std::string message) : name_(std::move(name)), message_(std::move(message)) {}

  const std::string& name() const { return name_; }
  const std::string& message() const { return message_; }

  bool operator==(const Error&) const = default;

 private:
  std::string name_;
  std::string message_;
};

}  // namespace stepwise
