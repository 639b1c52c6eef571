#pragma once

#include <string_view>

#include "json/value.h"

namespace stepwise::jsonpath {

// Where ASL's variables live while a path is evaluated: `$name` looks the name up here.
// Implementations are owned by the engine (the scopes of Assign); tests use MapVariables.
class VariableLookup {
 public:
  virtual ~VariableLookup() = default;
  // The variable's value, or nullptr when no such variable is in scope. The pointer stays valid
  // while the lookup object is unchanged.
  virtual const json::Value* Find(std::string_view name) const = 0;
};

// The values a path may start from. Any may be absent (nullptr); a path whose root is absent
// evaluates to nothing.
struct Roots {
  const json::Value* input = nullptr;         // `$`: the state's (effective) input
  const json::Value* context = nullptr;       // `$$`: the context object
  const VariableLookup* variables = nullptr;  // `$name`
};

}  // namespace stepwise::jsonpath
