// The transform operator | pattern | update, delete |. The reference deep-clones its argument and
// mutates the objects the pattern selects; values here are immutable, so the pattern is
// evaluated against the argument itself, each selected object's new version is computed (keyed
// by the object's identity), and only the spine above changed objects is rebuilt — everything
// else stays shared with the argument.

#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "jsonata/evaluator.h"

namespace stepwise::jsonata {
namespace {

// The identity of a JSON object (its member storage), or nullptr for an empty object, whose
// storage may be shared.
const void* Identity(const json::Value& v) {
  auto members = v.members();
  return members.empty() ? nullptr : static_cast<const void*>(members.data());
}

struct Rebuilder {
  std::unordered_map<const void*, json::Value> changes;
  std::vector<std::pair<json::Value, json::Value>> empty_changes;  // original, new
  std::unordered_set<const void*> active;

  const json::Value* ChangeFor(const json::Value& v) {
    const void* id = Identity(v);
    if (id != nullptr) {
      auto it = changes.find(id);
      return it == changes.end() ? nullptr : &it->second;
    }
    for (auto& [original, current] : empty_changes) {
      if (original.SharesNodeWith(v)) return &current;
    }
    return nullptr;
  }

  std::optional<json::Value> Rebuild(const json::Value& v, int depth) {
    if (depth > 10000) return std::nullopt;
    if (v.is_object()) {
      const void* id = Identity(v);
      const json::Value* change = nullptr;
      if (id == nullptr || active.count(id) == 0) change = ChangeFor(v);
      const json::Value& base = change != nullptr ? *change : v;
      if (id != nullptr) active.insert(id);
      std::vector<json::Member> members;
      bool child_changed = false;
      for (const json::Member& m : base.members()) {
        std::optional<json::Value> r = Rebuild(m.value, depth + 1);
        if (r.has_value()) child_changed = true;
        members.emplace_back(m.key, r.has_value() ? std::move(*r) : m.value);
      }
      if (id != nullptr) active.erase(id);
      if (!child_changed) {
        if (change == nullptr) return std::nullopt;
        return *change;
      }
      return json::Value::ObjectWithDistinctKeys(std::move(members));
    }
    if (v.is_array()) {
      std::vector<json::Value> items;
      bool changed = false;
      for (const json::Value& item : v.items()) {
        std::optional<json::Value> r = Rebuild(item, depth + 1);
        if (r.has_value()) changed = true;
        items.push_back(r.has_value() ? std::move(*r) : item);
      }
      if (!changed) return std::nullopt;
      return json::Value::Array(std::move(items));
    }
    return std::nullopt;
  }
};

}  // namespace

Result<Value> Evaluator::ApplyTransform(const Function& f, const Value& argument) {
  if (argument.is_undefined()) return Value();
  // Objects are matched by identity, so the argument must be JSON throughout.
  Value arg = argument;
  if (!arg.is_json()) {
    std::optional<json::Value> j = ToJson(argument);
    if (!j.has_value()) return Value();
    arg = Value(*j);
  }
  const TransformNode& node = *f.transform;
  Value matches = TRY(Eval(*node.pattern, arg, f.env));
  if (matches.is_undefined()) return arg;
  std::vector<Value> list = ItemsOf(matches);
  Rebuilder rebuilder;
  for (const Value& match : list) {
    bool is_object = match.is_json() && match.json().is_object();
    json::Value current;
    if (is_object) {
      const json::Value* existing = rebuilder.ChangeFor(match.json());
      current = existing != nullptr ? *existing : match.json();
    }
    Value context = is_object ? Value(current) : match;
    Value update = TRY(Eval(*node.update, context, f.env));
    if (update.is_defined()) {
      if (!update.is_object()) return Fail("T2011", node.update->position, std::nullopt, &update);
      if (is_object) {
        ForEachMember(update, [&](std::string_view key, const Value& value) {
          std::optional<json::Value> j = ToJson(value);
          if (j.has_value()) current = current.With(key, std::move(*j));
        });
      }
    }
    if (node.remove != nullptr) {
      Value deletions = TRY(Eval(*node.remove, is_object ? Value(current) : match, f.env));
      if (deletions.is_defined()) {
        std::vector<Value> names = ItemsOf(deletions);
        for (const Value& name : names) {
          if (!name.is_string()) {
            return Fail("T2012", node.remove->position, std::nullopt, &deletions);
          }
        }
        if (is_object) {
          for (const Value& name : names) {
            if (current.Find(name.str()) != nullptr) current = current.Without(name.str());
          }
        }
      }
    }
    if (is_object) {
      const void* id = Identity(match.json());
      if (id != nullptr) {
        rebuilder.changes[id] = std::move(current);
      } else {
        bool found = false;
        for (auto& [original, value] : rebuilder.empty_changes) {
          if (original.SharesNodeWith(match.json())) {
            value = current;
            found = true;
          }
        }
        if (!found) rebuilder.empty_changes.emplace_back(match.json(), std::move(current));
      }
    }
  }
  if (rebuilder.changes.empty() && rebuilder.empty_changes.empty()) return arg;
  std::optional<json::Value> rebuilt = rebuilder.Rebuild(arg.json(), 0);
  return rebuilt.has_value() ? Value(*rebuilt) : arg;
}

}  // namespace stepwise::jsonata
