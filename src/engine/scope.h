#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "json/value.h"
#include "jsonpath/roots.h"

namespace stepwise::engine {

// The variables a frame sees (ASL's Assign). A Map iteration or Parallel branch gets a scope of
// its own whose parent is the scope of the state that started it: it reads the outer variables,
// and what it assigns stays inside it and is gone when it ends.
// https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html
//
// Thread safety: a scope is written only by the frame that owns it, and only while no child
// frame can read it (children run while their parent's state waits for them). Reads from
// several children at once are safe.
class Scope final : public jsonpath::VariableLookup {
 public:
  explicit Scope(std::shared_ptr<const Scope> parent = nullptr) : parent_(std::move(parent)) {}

  const json::Value* Find(std::string_view name) const override {
    if (auto it = variables_.find(name); it != variables_.end()) return &it->second;
    return parent_ != nullptr ? parent_->Find(name) : nullptr;
  }

  // Sets every member of assigned (an object) at once.
  void AssignAll(const json::Value& assigned) {
    for (const json::Member& m : assigned.members()) {
      variables_.insert_or_assign(std::string(m.name()), m.value);
    }
  }

  bool empty() const { return variables_.empty() && parent_ == nullptr; }

  // This scope's own variables (not its parent's), as an object.
  json::Value Variables() const {
    std::vector<json::Member> members;
    members.reserve(variables_.size());
    for (const auto& [name, value] : variables_) members.emplace_back(name, value);
    return json::Value::Object(std::move(members));
  }

 private:
  std::shared_ptr<const Scope> parent_;
  std::map<std::string, json::Value, std::less<>> variables_;
};

}  // namespace stepwise::engine
