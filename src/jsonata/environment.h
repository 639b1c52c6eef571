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
  Frame(const Frame&) = delete;
  Frame& operator=(const Frame&) = delete;

  void Bind(std::string_view name, Value value) { BindAs(name, std::move(value), false); }

  // Binds a name that outlives the frame — one held by the expression's tree (a lambda's
  // parameter, a `$v :=`): the frame keeps a view of it rather than a copy. Frames never outlive
  // the evaluation, and the trees it evaluates outlive it.
  void BindTreeName(const std::string& name, Value value) { BindAs(name, std::move(value), true); }

  // The binding in this frame or an enclosing one, or nullptr.
  const Value* Lookup(std::string_view name) const {
    for (const Frame* frame = this; frame != nullptr; frame = frame->parent_.get()) {
      if (const Value* v = const_cast<Frame*>(frame)->Find(name)) return v;
    }
    return nullptr;
  }

  const Env& parent() const { return parent_; }

  // Drops every binding (and parent), breaking reference cycles between a frame and the closures
  // bound in it ($f := function(){ $f() }) once an evaluation is over.
  void Clear() {
    for (size_t i = 0; i < inline_count_; ++i) inline_[i] = Slot();
    inline_count_ = 0;
    more_.clear();
    parent_.reset();
  }

 private:
  // A lambda's parameters and a block's variables are few: the first ones live in the frame
  // itself, so that a call allocates the frame and nothing else (higher-order functions call a
  // lambda per item).
  static constexpr size_t kInline = 2;
  struct Slot {
    std::string_view name;  // owned, or a name in the tree
    std::string owned;
    Value value;
  };

  void BindAs(std::string_view name, Value value, bool tree_name) {
    if (Value* existing = Find(name)) {
      *existing = std::move(value);
      return;
    }
    if (inline_count_ < kInline) {
      Slot& slot = inline_[inline_count_++];
      if (tree_name) {
        slot.name = name;
      } else {
        slot.owned.assign(name);
        slot.name = slot.owned;
      }
      slot.value = std::move(value);
      return;
    }
    more_.emplace_back(std::string(name), std::move(value));
  }

  Value* Find(std::string_view name) {
    for (size_t i = 0; i < inline_count_; ++i) {
      if (inline_[i].name == name) return &inline_[i].value;
    }
    for (auto& [key, value] : more_) {
      if (key == name) return &value;
    }
    return nullptr;
  }

  Env parent_;
  size_t inline_count_ = 0;
  Slot inline_[kInline];
  std::vector<std::pair<std::string, Value>> more_;
};

inline Env NewFrame(const Env& parent) { return std::make_shared<Frame>(parent); }

}  // namespace stepwise::jsonata
