#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "jsonata/value.h"

namespace stepwise::jsonata {

// One frame of variable bindings: a block, a lambda invocation, or the tuple of a tuple stream.
// Frames form a chain to the global frame; lambdas keep the frame they were defined in alive
// (closures). Lookups that miss every frame fall through to the host's bindings and then to the
// built-in functions (see Evaluator::Lookup).
//
// Frames are created and written by one evaluation only; not thread-safe.
class Frame;
using Env = std::shared_ptr<Frame>;

class Frame {
 public:
  explicit Frame(Env parent) : parent_(std::move(parent)) {}

  void Bind(std::string_view name, Value value) {
    for (auto& [key, existing] : bindings_) {
      if (key == name) {
        existing = std::move(value);
        return;
      }
    }
    bindings_.emplace_back(std::string(name), std::move(value));
  }

  // The binding in this frame or an enclosing one, or nullptr.
  const Value* Lookup(std::string_view name) const {
    for (const Frame* frame = this; frame != nullptr; frame = frame->parent_.get()) {
      for (const auto& [key, value] : frame->bindings_) {
        if (key == name) return &value;
      }
    }
    return nullptr;
  }

  const Env& parent() const { return parent_; }

  // Drops every binding (and parent), breaking reference cycles between a frame and the closures
  // bound in it ($f := function(){ $f() }) once an evaluation is over.
  void Clear() {
    bindings_.clear();
    parent_.reset();
  }

 private:
  Env parent_;
  std::vector<std::pair<std::string, Value>> bindings_;
};

inline Env NewFrame(const Env& parent) { return std::make_shared<Frame>(parent); }

}  // namespace stepwise::jsonata
