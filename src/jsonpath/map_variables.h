#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "json/value.h"
#include "jsonpath/roots.h"

namespace stepwise::jsonpath {

// Variables held in an ordered map: the simplest VariableLookup, for tests and tools.
// Not thread-safe while being changed; Find may be called concurrently once it is not.
class MapVariables final : public VariableLookup {
 public:
  void Set(std::string name, json::Value value) { values_[std::move(name)] = std::move(value); }

  const json::Value* Find(std::string_view name) const override {
    auto it = values_.find(name);
    return it == values_.end() ? nullptr : &it->second;
  }

 private:
  std::map<std::string, json::Value, std::less<>> values_;
};

}  // namespace stepwise::jsonpath
