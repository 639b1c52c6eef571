#pragma once

#include <cassert>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

#include "common/error.h"

namespace stepwise {

// Result<T> holds either a value of type T or an Error. Fallible functions return it instead of
// throwing; callers propagate errors with TRY:
//
//   Result<int> ParseCount(std::string_view text);
//   Result<Config> Load(std::string_view text) {
//     int count = TRY(ParseCount(text));
//     ...
//   }
//
// Accessing value() on an error (or error() on a value) is a programmer error and asserts.
template <typename T>
class [[nodiscard]] Result {
 public:
  using ValueType = T;

  Result(T value) : storage_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit
  Result(Error error) : storage_(std::in_place_index<1>, std::move(error)) {}  // NOLINT: implicit
  template <typename U>
    requires(std::is_constructible_v<T, U &&> && !std::is_same_v<std::decay_t<U>, Error> &&
             !std::is_same_v<std::decay_t<U>, Result>)
  Result(U&& value) : storage_(std::in_place_index<0>, T(std::forward<U>(value))) {}  // NOLINT

  bool ok() const { return storage_.index() == 0; }

  T& value() & {
    assert(ok());
    return *std::get_if<0>(&storage_);
  }
  const T& value() const& {
    assert(ok());
    return *std::get_if<0>(&storage_);
  }
  T&& value() && {
    assert(ok());
    return std::move(*std::get_if<0>(&storage_));
  }
  T release_value() { return std::move(value()); }

  const Error& error() const& {
    assert(!ok());
    return *std::get_if<1>(&storage_);
  }
  Error release_error() {
    assert(!ok());
    return std::move(*std::get_if<1>(&storage_));
  }

 private:
  std::variant<T, Error> storage_;
};

// Result<void>: success carries nothing.
template <>
class [[nodiscard]] Result<void> {
 public:
  using ValueType = void;

  Result() = default;  // success: allocates nothing
  Result(Error error) : error_(std::move(error)) {}  // NOLINT: implicit

  bool ok() const { return !error_.has_value(); }
  void value() const { assert(ok()); }
  void release_value() const { assert(ok()); }
  const Error& error() const {
    assert(!ok());
    return *error_;
  }
  Error release_error() {
    assert(!ok());
    return std::move(*error_);
  }

 private:
  std::optional<Error> error_;
};

inline Result<void> Ok() { return Result<void>(); }

}  // namespace stepwise

// TRY(expr): evaluates a Result; on error returns the error from the enclosing function, otherwise
// yields the value. Uses a GNU statement expression (g++ and clang), as SerenityOS's TRY does.
#define TRY(expression)                                   \
  ({                                                      \
    auto&& _stepwise_try_result = (expression);           \
    if (!_stepwise_try_result.ok()) [[unlikely]]          \
      return _stepwise_try_result.release_error();        \
    _stepwise_try_result.release_value();                 \
  })
