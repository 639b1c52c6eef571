#pragma once

#include <memory>
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
// An Error is one pointer to immutable, shared text, so that Result<T> stays small: fallible
// code creates many Result temporaries, and their size is stack that deep recursion (parsers,
// evaluators) pays for at every level.
//
// Intentionally copyable (copies share the text).
class Error {
 public:
  Error(std::string name, std::string message)
      : data_(std::make_shared<const Data>(Data{std::move(name), std::move(message)})) {}

  const std::string& name() const { return data_->name; }
  const std::string& message() const { return data_->message; }

  friend bool operator==(const Error& a, const Error& b) {
    return a.name() == b.name() && a.message() == b.message();
  }

 private:
  struct Data {
    std::string name;
    std::string message;
  };
  std::shared_ptr<const Data> data_;
};

}  // namespace stepwise
