#include "jsonpath/evaluate.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "jsonpath/filter.h"

namespace stepwise::jsonpath::detail {

namespace {

using json::Member;
using json::Value;

// An array index, negative ones counting from the end (Jayway and Python); nullopt when out of
// range.
std::optional<size_t> ResolveIndex(int64_t index, size_t size) {
  auto count = static_cast<int64_t>(size);
  if (index < 0) index += count;  // cannot overflow: index < 0 <= count
  if (index < 0 || index >= count) return std::nullopt;
  return static_cast<size_t>(index);
}

const Value* AtIndex(const Value& node, int64_t index) {
  if (!node.is_array()) return nullptr;
  std::optional<size_t> resolved = ResolveIndex(index, node.size());
  return resolved ? node.At(*resolved) : nullptr;
}

// Calls visit(i) for each index that slice selects from an array of `size` elements, with
// Python's semantics (negative bounds count from the end, bounds are clamped, a negative step
// walks backwards). For the forms Jayway has ([a:b], [a:], [:b]) this is also Jayway's result.
template <typename Visit>
void ForEachInSlice(const Slice& slice, size_t size, Visit visit) {
  const auto count = static_cast<int64_t>(size);
  auto bound = [count](const std::optional<int64_t>& value, int64_t fallback, int64_t low,
                       int64_t high) {
    if (!value) return fallback;
    int64_t resolved = *value < 0 ? *value + count : *value;
    return std::clamp(resolved, low, high);
  };
  const int64_t step = slice.step;
  if (step > 0) {
    int64_t start = bound(slice.start, 0, 0, count);
    int64_t end = bound(slice.end, count, 0, count);
    for (int64_t i = start; i < end;) {
      visit(static_cast<size_t>(i));
      if (end - i <= step) break;  // rather than i += step, which could overflow
      i += step;
    }
  } else {
    int64_t start = bound(slice.start, count - 1, -1, count - 1);
    int64_t end = bound(slice.end, -1, -1, count - 1);
    for (int64_t i = start; i > end;) {
      visit(static_cast<size_t>(i));
      if (i + step <= end) break;  // i >= 0, so i + step cannot overflow
      i += step;
    }
  }
}

const Value* ResolveRoot(const CompiledPath& path, const Roots& roots, const Value* current) {
  switch (path.root) {
    case PathRoot::kInput:
      return roots.input;
    case PathRoot::kContext:
      return roots.context;
    case PathRoot::kVariable:
      return roots.variables != nullptr ? roots.variables->Find(path.variable) : nullptr;
    case PathRoot::kCurrent:
      return current;
  }
  return nullptr;
}

// Collects the matches of an indefinite path, depth first and in document order, as Jayway does.
class Walker {
 public:
  Walker(const CompiledPath& path, const Roots& roots, std::vector<Value>& matches)
      : steps_(path.steps),
        end_(path.steps.size() - (path.ends_with_length ? 1 : 0)),
        length_(path.ends_with_length),
        roots_(roots),
        matches_(matches) {}

  // Applies steps [i, end) to node.
  void Walk(const Value& start, size_t i) {
    // Runs of names and single indices advance without recursion.
    const Value* node = &start;
    while (i < end_) {
      const Step& step = steps_[i];
      if (step.kind == StepKind::kName) {
        node = node->Find(step.name);
      } else if (step.kind == StepKind::kIndex) {
        node = AtIndex(*node, step.index);
      } else {
        break;
      }
      if (node == nullptr) return;
      ++i;
    }
    if (i == end_) {
      matches_.push_back(length_ ? LengthOf(*node) : *node);
      return;
    }
    const Step& step = steps_[i];
    switch (step.kind) {
      case StepKind::kNames:
        if (!node->is_object()) return;
        if (IsMergedUnion(i)) {
          matches_.push_back(Merge(*node, step.names));
          return;
        }
        for (const std::string& name : step.names) {
          if (const Value* child = node->Find(name)) Walk(*child, i + 1);
        }
        return;
      case StepKind::kIndices:
        for (int64_t index : step.indices) {
          if (const Value* child = AtIndex(*node, index)) Walk(*child, i + 1);
        }
        return;
      case StepKind::kSlice:
        if (!node->is_array()) return;
        ForEachInSlice(step.slice, node->size(),
                       [&](size_t index) { Walk(node->items()[index], i + 1); });
        return;
      case StepKind::kWildcard:
        if (node->is_object()) {
          for (const Member& member : node->members()) Walk(member.value, i + 1);
        } else if (node->is_array()) {
          for (const Value& item : node->items()) Walk(item, i + 1);
        }
        return;
      case StepKind::kFilter:
        // Jayway applies a filter to an array's elements, and to an object itself: `$.o[?(@.a)]`
        // yields [o] when o has "a". Scalars yield nothing.
        if (node->is_object()) {
          if (FilterAccepts(*step.filter, *node, roots_)) Walk(*node, i + 1);
        } else if (node->is_array()) {
          for (const Value& item : node->items()) {
            if (FilterAccepts(*step.filter, item, roots_)) Walk(item, i + 1);
          }
        }
        return;
      case StepKind::kDescendant:
        Descend(*node, i + 1);
        return;
      case StepKind::kName:
      case StepKind::kIndex:
      case StepKind::kLength:
        return;  // handled above; length() is never before end_
    }
  }

 private:
  // length() as Jayway's Length function computes it, at each node the path reaches: an array's
  // elements or an object's members, and null for anything else.
  static Value LengthOf(const Value& node) {
    if (node.is_array() || node.is_object()) return Value::Int(static_cast<int64_t>(node.size()));
    return Value::Null();
  }

  // A union of names as the very last step merges the members present into one object
  // (Jayway's PropertyPathToken "merge case"); anywhere else it iterates.
  bool IsMergedUnion(size_t i) const { return i + 1 == steps_.size(); }

  static Value Merge(const Value& object, const std::vector<std::string>& names) {
    std::vector<Member> members;
    members.reserve(names.size());
    for (const std::string& name : names) {
      if (const Value* value = object.Find(name)) members.emplace_back(name, *value);
    }
    return Value::Object(std::move(members));
  }

  // `..`: applies step `target` at node and at every object and array below it, in Jayway's
  // order (ScanPathToken.walk): a node before its children, children in document order. Jayway
  // only applies a filter at a node the filter accepts, and a merged union only at an object that
  // has every name. The walk keeps its own stack, so document depth does not use the call stack.
  void Descend(const Value& node, size_t target) {
    const Step& step = steps_[target];
    std::vector<const Value*> pending;
    if (node.is_object() || node.is_array()) pending.push_back(&node);
    while (!pending.empty()) {
      const Value* container = pending.back();
      pending.pop_back();
      bool applies = true;
      if (step.kind == StepKind::kFilter) {
        applies = FilterAccepts(*step.filter, *container, roots_);
      } else if (step.kind == StepKind::kNames && IsMergedUnion(target)) {
        applies = container->is_object() &&
                  std::all_of(step.names.begin(), step.names.end(),
                              [&](const std::string& n) { return container->Find(n) != nullptr; });
      }
      if (applies) Walk(*container, target);
      size_t first_child = pending.size();
      if (container->is_object()) {
        for (const Member& member : container->members()) {
          if (member.value.is_object() || member.value.is_array()) pending.push_back(&member.value);
        }
      } else {
        for (const Value& item : container->items()) {
          if (item.is_object() || item.is_array()) pending.push_back(&item);
        }
      }
      std::reverse(pending.begin() + static_cast<ptrdiff_t>(first_child), pending.end());
    }
  }

  const std::vector<Step>& steps_;
  const size_t end_;
  const bool length_;
  const Roots& roots_;
  std::vector<Value>& matches_;
};

}  // namespace

std::optional<Value> Evaluate(const CompiledPath& path, const Roots& roots, const Value* current) {
  const Value* root = ResolveRoot(path, roots, current);
  if (root == nullptr) return std::nullopt;

  // The Reference Path fast path: follow pointers, copy (one reference count) the node found.
  if (path.definite) {
    const Value* node = root;
    for (const Step& step : path.steps) {
      node = step.kind == StepKind::kName ? node->Find(step.name) : AtIndex(*node, step.index);
      if (node == nullptr) return std::nullopt;
    }
    return *node;
  }

  std::vector<Value> matches;
  Walker(path, roots, matches).Walk(*root, 0);
  if (!path.single_result) return Value::Array(std::move(matches));
  if (matches.empty()) return std::nullopt;
  return std::move(matches.front());
}

}  // namespace stepwise::jsonpath::detail
