// Object functions: $keys, $lookup, $spread, $merge, $sift, $each, $clone.

#include <string>
#include <unordered_set>
#include <vector>

#include "jsonata/functions/library.h"

namespace stepwise::jsonata::functions {
namespace {

void CollectKeys(const Value& v, std::vector<Value>& out, std::unordered_set<std::string>& seen) {
  if (v.is_array()) {
    size_t n = v.size();
    for (size_t i = 0; i < n; ++i) CollectKeys(v.at(i), out, seen);
    return;
  }
  ForEachMember(v, [&](std::string_view key, const Value&) {
    if (seen.insert(std::string(key)).second) out.push_back(Value::String(key));
  });
}

Result<Value> FnKeys(NativeContext&, std::vector<Value>& args) {
  std::vector<Value> keys;
  std::unordered_set<std::string> seen;
  CollectKeys(Arg(args, 0), keys, seen);
  return Value::Sequence(std::move(keys));
}

Result<Value> FnLookup(NativeContext&, std::vector<Value>& args) {
  if (!Arg(args, 1).is_string()) return Value();
  return LookupField(Arg(args, 0), Arg(args, 1).str());
}

Value Spread(const Value& arg) {
  if (arg.is_array()) {
    Value result = Value::Sequence({});
    size_t n = arg.size();
    for (size_t i = 0; i < n; ++i) result = Append(result, Spread(arg.at(i)));
    return result;
  }
  if (arg.is_object()) {
    std::vector<Value> result;
    ForEachMember(arg, [&](std::string_view key, const Value& value) {
      if (value.is_json()) {
        result.push_back(Value(json::Value::Object({json::Member(key, value.json())})));
      } else {
        auto data = std::make_shared<ObjectData>();
        data->Set(key, value);
        result.push_back(Value::Object(std::move(data)));
      }
    });
    return Value::Sequence(std::move(result));
  }
  return arg;
}

Result<Value> FnSpread(NativeContext&, std::vector<Value>& args) { return Spread(Arg(args, 0)); }

Value BuildObject(std::vector<std::pair<std::string, Value>> members) {
  bool native = false;
  for (const auto& [key, value] : members) {
    if (!value.is_json()) native = true;
  }
  if (native) {
    auto data = std::make_shared<ObjectData>();
    for (auto& [key, value] : members) data->Set(key, std::move(value));
    return Value::Object(std::move(data));
  }
  json::ObjectBuilder builder(members.size());
  for (auto& [key, value] : members) builder.Add(key, value.json());
  return Value(builder.Build());
}

Result<Value> FnMerge(NativeContext& cx, std::vector<Value>& args) {
  const Value& array = Arg(args, 0);
  if (array.is_undefined()) return Value();
  std::vector<std::pair<std::string, Value>> members;
  auto set = [&](std::string_view key, const Value& value) {
    for (auto& [k, v] : members) {
      if (k == key) {
        v = value;
        return;
      }
    }
    members.emplace_back(std::string(key), value);
  };
  size_t n = array.size();
  for (size_t i = 0; i < n; ++i) {
    // Quadratic in the distinct keys: bounded by the time budget ($merge of 1e5 one-key objects
    // runs for minutes otherwise).
    TRY(cx.ev.CheckTime());
    ForEachMember(array.at(i), set);
  }
  return BuildObject(std::move(members));
}

// Calls f on each member of object as $sift and $each do — with (value, key, object), as many as
// f takes — and hands each result to `take` with the member's key and value.
template <typename Take>
Result<void> ApplyToMembers(NativeContext& cx, const Value& object, const Value& f, Take take) {
  std::vector<std::pair<std::string, Value>> members;
  ForEachMember(object, [&](std::string_view key, const Value& value) {
    members.emplace_back(std::string(key), value);
  });
  size_t arity = f.is_function() ? f.function().Arity() : 1;
  for (auto& [key, value] : members) {
    std::vector<Value> call_args{value};
    if (arity >= 2) call_args.push_back(Value::String(key));
    if (arity >= 3) call_args.push_back(object);
    take(key, value, TRY(cx.ev.Apply(f, std::move(call_args), cx.input, cx.env)));
  }
  return Ok();
}

Result<Value> FnSift(NativeContext& cx, std::vector<Value>& args) {
  const Value& object = Arg(args, 0);
  if (object.is_undefined()) return Value();
  std::vector<std::pair<std::string, Value>> members;
  TRY(ApplyToMembers(cx, object, Arg(args, 1),
                     [&](const std::string& key, const Value& value, const Value& r) {
                       if (ToBoolean(r).value_or(false)) members.emplace_back(key, value);
                     }));
  if (members.empty()) return Value();
  return BuildObject(std::move(members));
}

Result<Value> FnEach(NativeContext& cx, std::vector<Value>& args) {
  const Value& object = Arg(args, 0);
  if (object.is_undefined()) return Value();
  std::vector<Value> result;
  TRY(ApplyToMembers(cx, object, Arg(args, 1),
                     [&](const std::string&, const Value&, Value r) {
                       if (r.is_defined()) result.push_back(std::move(r));
                     }));
  return Value::Sequence(std::move(result));
}

Result<Value> FnClone(NativeContext&, std::vector<Value>& args) {
  std::optional<json::Value> j = ToJson(Arg(args, 0));
  return j.has_value() ? Value(*j) : Value();
}

}  // namespace

std::vector<Entry> ObjectFunctions() {
  return {
      {"keys", "<x-:a<s>>", FnKeys},     {"lookup", "<x-s:x>", FnLookup},
      {"spread", "<x-:a<o>>", FnSpread}, {"merge", "<a<o>:o>", FnMerge},
      {"sift", "<o-f?:o>", FnSift},      {"each", "<o-f?:a>", FnEach},
      {"clone", "<(oa)-:o>", FnClone},
  };
}

}  // namespace stepwise::jsonata::functions
