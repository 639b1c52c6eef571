// Location paths: steps over sequences with the reference's flattening rules, predicates and
// index bindings (stages), tuple streams for @, # and %, grouping ({} after a path) and sorting
// (^(...)).

#include <algorithm>
#include <cmath>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "jsonata/evaluator.h"

namespace stepwise::jsonata {
namespace {

Env FrameFromTuple(const Env& env, const Value& tuple) {
  Env frame = NewFrame(env);
  if (tuple.type() == Value::Type::kObject) {
    for (const auto& [name, value] : tuple.object_data().members) frame->Bind(name, value);
  }
  return frame;
}

Value TupleContext(const Value& tuple) {
  if (tuple.type() != Value::Type::kObject) return Value();
  const Value* v = tuple.object_data().Find("@");
  return v != nullptr ? *v : Value();
}

Value MakeTuple(std::shared_ptr<ObjectData> data) { return Value::Object(std::move(data)); }

std::string AncestorKey(uint32_t label) { return "%" + std::to_string(label); }

Value TupleStream(std::vector<Value> tuples) {
  return Value::Array(std::move(tuples), Value::kSequence | Value::kTupleStream);
}

// Whether every key of an object constructor is a string literal and no two are equal.
bool HasDistinctLiteralKeys(const std::vector<std::pair<const Node*, const Node*>>& pairs) {
  for (size_t p = 0; p < pairs.size(); ++p) {
    const Node* key = pairs[p].first;
    if (key->kind != NodeKind::kLiteral || !key->predicates.empty() || key->group.has_value() ||
        key->keep_array) {
      return false;
    }
    const json::Value& text = static_cast<const LiteralNode*>(key)->value;
    if (!text.is_string()) return false;
    for (size_t q = 0; q < p; ++q) {
      if (static_cast<const LiteralNode*>(pairs[q].first)->value.as_string() == text.as_string()) {
        return false;
      }
    }
  }
  return true;
}

// EvalGroupPairs for a single input and keys HasDistinctLiteralKeys accepts: the same members in
// the same order, built straight into the result.
Result<Value> EvalLiteralKeyObject(Evaluator& ev,
                                   const std::vector<std::pair<const Node*, const Node*>>& pairs,
                                   const Value& input, const Env& env) {
  std::vector<Value> values;
  values.reserve(pairs.size());
  bool has_function = false;
  for (const auto& [key, expression] : pairs) {
    Value value = TRY(ev.Eval(*expression, input, env));
    if (value.is_function() || value.type() == Value::Type::kObject) has_function = true;
    values.push_back(std::move(value));
  }
  if (has_function) {
    auto data = std::make_shared<ObjectData>();
    data->members.reserve(pairs.size());
    for (size_t p = 0; p < pairs.size(); ++p) {
      if (values[p].is_undefined()) continue;
      data->members.emplace_back(
          std::string(static_cast<const LiteralNode*>(pairs[p].first)->value.as_string()),
          std::move(values[p]));
    }
    return Value::Object(std::move(data));
  }
  std::vector<json::Member> members;
  members.reserve(pairs.size());
  for (size_t p = 0; p < pairs.size(); ++p) {
    if (values[p].is_undefined()) continue;
    std::optional<json::Value> j = ToJson(values[p]);
    // The key's text is the literal's string value, shared rather than copied.
    if (j.has_value()) {
      members.emplace_back(static_cast<const LiteralNode*>(pairs[p].first)->value, std::move(*j));
    }
  }
  return Value(json::Value::ObjectWithDistinctKeys(std::move(members)));
}

}  // namespace

Result<Value> Evaluator::EvalPredicate(const Node& predicate, const Value& item, const Env& env) {
  // The usual predicate is a comparison (`status = 'PAID'`, `id < 2000`): called directly, as
  // Eval would, with Eval's depth and time checks (its leaves may make no Eval call of their own).
  if (predicate.kind == NodeKind::kBinary && predicate.predicates.empty() &&
      !predicate.group.has_value() && !AtDepthLimit()) {
    const auto& binary = static_cast<const BinaryNode&>(predicate);
    if (binary.op != BinaryOp::kRange) {
      if (has_deadline_) TRY(CheckTime());
      ++depth_;
      Result<Value> result = EvalBinary(binary, item, env);
      --depth_;
      return result;
    }
  }
  return Eval(predicate, item, env);
}

Result<Value> Evaluator::EvalFilter(const Node& predicate, Value input, const Env& env) {
  bool tuple = input.has_flag(Value::kTupleStream);
  uint8_t flags = Value::kSequence | (tuple ? Value::kTupleStream : 0);
  std::vector<Value> results;
  Value seq = input.is_array() ? input : Value::Sequence({input});
  size_t n = seq.size();
  if (predicate.kind == NodeKind::kLiteral &&
      static_cast<const LiteralNode&>(predicate).value.is_number()) {
    double d = std::floor(static_cast<const LiteralNode&>(predicate).value.as_number());
    if (d < 0) d += static_cast<double>(n);
    if (d >= 0 && d < static_cast<double>(n)) {
      Value item = seq.at(static_cast<size_t>(d));
      if (item.is_array()) return item;
      if (item.is_defined()) results.push_back(std::move(item));
    }
    return Value::Array(std::move(results), flags);
  }
  for (size_t index = 0; index < n; ++index) {
    Value item = seq.at(index);
    Value res;
    if (tuple) {
      Env frame = FrameFromTuple(env, item);
      res = TRY(Eval(predicate, TupleContext(item), frame));
    } else {
      res = TRY(EvalPredicate(predicate, item, env));
    }
    if (res.is_bool()) {  // the usual predicate: a comparison
      if (res.boolean() && item.is_defined()) results.push_back(std::move(item));
      continue;
    }
    bool numeric = TRY(IsNumeric(*this, res));
    if (numeric) {
      double d = std::floor(res.number());
      if (d < 0) d += static_cast<double>(n);
      if (d == static_cast<double>(index)) results.push_back(std::move(item));
      continue;
    }
    if (res.is_array() && res.size() > 0) {
      bool all_numbers = true;
      size_t m = res.size();
      for (size_t i = 0; i < m && all_numbers; ++i) all_numbers = res.at(i).is_number();
      if (all_numbers) {
        for (size_t i = 0; i < m; ++i) {
          double d = std::floor(res.at(i).number());
          if (d < 0) d += static_cast<double>(n);
          if (d == static_cast<double>(index)) results.push_back(item);
        }
        continue;
      }
    }
    if (ToBoolean(res).value_or(false) && item.is_defined()) results.push_back(std::move(item));
  }
  return Value::Array(std::move(results), flags);
}

namespace {

struct StepEvaluator {
  Evaluator& ev;

  Result<Value> Stages(const std::vector<Stage>& stages, Value input, const Env& env) {
    for (const Stage& stage : stages) {
      if (stage.kind == Stage::Kind::kFilter) {
        input = TRY(ev.EvalFilter(*stage.filter, std::move(input), env));
      } else {
        std::vector<Value> tuples;
        size_t n = input.size();
        for (size_t i = 0; i < n; ++i) {
          Value tuple = input.at(i);
          auto data = std::make_shared<ObjectData>();
          if (tuple.type() == Value::Type::kObject) *data = tuple.object_data();
          data->Set(stage.variable, Value::Number(static_cast<double>(i)));
          tuples.push_back(MakeTuple(std::move(data)));
        }
        input = Value::Array(std::move(tuples), input.flags());
      }
    }
    return input;
  }

  Result<Value> Step(const Node& step, const Value& input, const Env& env, bool last) {
    if (step.kind == NodeKind::kSort) {
      Value result = TRY(ev.EvalSort(static_cast<const SortNode&>(step), input, env));
      if (!step.stages.empty()) result = TRY(Stages(step.stages, std::move(result), env));
      return result;
    }
    std::vector<Value> results;
    auto visit = [&](const Value& item) -> Result<void> {
      Value res = TRY(ev.Eval(step, item, env));
      for (const Stage& stage : step.stages) {
        if (stage.kind == Stage::Kind::kFilter) {
          res = TRY(ev.EvalFilter(*stage.filter, std::move(res), env));
        }
      }
      if (res.is_defined()) results.push_back(std::move(res));
      return Ok();
    };
    // A bare field name over JSON items (`lines`, `qty`): the field is looked up in place, with
    // neither the item nor a dispatch through Eval (which would do just this).
    const std::string* field = nullptr;
    if (step.kind == NodeKind::kName && step.predicates.empty() && step.stages.empty() &&
        !step.group.has_value()) {
      field = &static_cast<const NameNode&>(step).name;
    }
    auto visit_json = [&](const json::Value& item) -> Result<void> {
      if (field != nullptr && !item.is_array()) {
        if (const json::Value* found = item.Find(*field)) results.emplace_back(*found);
        return Ok();
      }
      return visit(Value(item));
    };
    if (input.type() == Value::Type::kArray) {
      const std::vector<Value>& items = input.array_data().items;
      results.reserve(items.size());
      for (const Value& item : items) {
        if (item.is_json()) {
          TRY(visit_json(item.json()));
        } else {
          TRY(visit(item));
        }
      }
    } else if (input.is_array()) {
      std::span<const json::Value> items = input.json().items();
      results.reserve(items.size());
      for (const json::Value& item : items) TRY(visit_json(item));
    } else {
      TRY(visit(input));
    }
    if (last && results.size() == 1 && results[0].is_array() && !results[0].is_sequence()) {
      return std::move(results[0]);
    }
    // Flatten one level, except arrays built by a constructor step.
    bool flat = true;
    for (const Value& res : results) {
      if (res.is_array() && !res.has_flag(Value::kCons)) {
        flat = false;
        break;
      }
    }
    if (flat) return Value::Sequence(std::move(results));
    // One JSON array (a field holding an array, as `orders` in `orders.lines`): the sequence of
    // its items is the array itself, marked as a sequence, rather than a copy of every item.
    if (results.size() == 1 && results[0].is_json() && results[0].flags() == 0) {
      Value sequence = std::move(results[0]);
      sequence.set_flag(Value::kSequence);
      return sequence;
    }
    size_t total = 0;
    for (const Value& res : results) {
      total += (!res.is_array() || res.has_flag(Value::kCons)) ? 1 : res.size();
    }
    std::vector<Value> out;
    out.reserve(total);
    for (Value& res : results) {
      if (!res.is_array() || res.has_flag(Value::kCons)) {
        out.push_back(std::move(res));
      } else {
        size_t m = res.size();
        for (size_t i = 0; i < m; ++i) out.push_back(res.at(i));
      }
    }
    return Value::Sequence(std::move(out));
  }

  // Returns the new tuple stream.
  Result<Value> TupleStep(const Node& step, const Value& input, const Value* tuples,
                          const Env& env) {
    if (step.kind == NodeKind::kSort) {
      Value result;
      if (tuples != nullptr) {
        result = TRY(ev.EvalSort(static_cast<const SortNode&>(step), *tuples, env));
      } else {
        Value sorted = TRY(ev.EvalSort(static_cast<const SortNode&>(step), input, env));
        std::vector<Value> out;
        size_t n = sorted.is_array() ? sorted.size() : (sorted.is_defined() ? 1 : 0);
        for (size_t i = 0; i < n; ++i) {
          auto data = std::make_shared<ObjectData>();
          data->Set("@", sorted.is_array() ? sorted.at(i) : sorted);
          if (step.index.has_value()) data->Set(*step.index, Value::Number(static_cast<double>(i)));
          out.push_back(MakeTuple(std::move(data)));
        }
        result = TupleStream(std::move(out));
      }
      if (!step.stages.empty()) result = TRY(Stages(step.stages, std::move(result), env));
      return result;
    }
    Value bindings;
    if (tuples != nullptr) {
      bindings = *tuples;
    } else {
      std::vector<Value> initial;
      auto add = [&](const Value& item) {
        auto data = std::make_shared<ObjectData>();
        data->Set("@", item);
        initial.push_back(MakeTuple(std::move(data)));
      };
      if (input.is_array()) {
        size_t n = input.size();
        for (size_t i = 0; i < n; ++i) add(input.at(i));
      } else {
        add(input);
      }
      bindings = TupleStream(std::move(initial));
    }
    std::vector<Value> result;
    size_t n = bindings.size();
    for (size_t e = 0; e < n; ++e) {
      Value tb = bindings.at(e);
      Env frame = FrameFromTuple(env, tb);
      Value context = TupleContext(tb);
      Value res = TRY(ev.Eval(step, context, frame));
      if (res.is_undefined()) continue;
      bool stream = res.has_flag(Value::kTupleStream);
      size_t m = res.is_array() ? res.size() : 1;
      for (size_t b = 0; b < m; ++b) {
        Value item = res.is_array() ? res.at(b) : res;
        auto data = std::make_shared<ObjectData>();
        if (tb.type() == Value::Type::kObject) *data = tb.object_data();
        if (stream) {
          if (item.type() == Value::Type::kObject) {
            for (const auto& [name, value] : item.object_data().members) data->Set(name, value);
          }
        } else {
          if (step.focus.has_value()) {
            data->Set(*step.focus, item);
            data->Set("@", context);
          } else {
            data->Set("@", item);
          }
          if (step.index.has_value()) data->Set(*step.index, Value::Number(static_cast<double>(b)));
          if (step.ancestor.has_value()) data->Set(AncestorKey(*step.ancestor), context);
        }
        result.push_back(MakeTuple(std::move(data)));
      }
    }
    Value stream = TupleStream(std::move(result));
    if (!step.stages.empty()) stream = TRY(Stages(step.stages, std::move(stream), env));
    return stream;
  }
};

}  // namespace

bool Evaluator::EvalJsonPath(const PathNode& path, const Value& input, const Env& env,
                             Value* result) {
  if (!path.plain_names || input.is_array() || path.keep_singleton_array ||
      path.group.has_value() || path.tuple) {
    return false;
  }
  const auto& steps = path.steps;
  // The first step may also be a variable ($v.a.b).
  bool first_variable = steps[0]->kind == NodeKind::kVariable;
  const Value* start = &input;
  if (first_variable) {
    const std::string& name = static_cast<const VariableNode*>(steps[0])->name;
    start = name.empty() ? nullptr : env->Lookup(name);
  }
  if (start == nullptr || !start->is_json() || start->json().is_array()) return false;
  const json::Value* at = &start->json();
  for (size_t i = first_variable ? 1 : 0; i < steps.size(); ++i) {
    const json::Value* next = at->Find(static_cast<const NameNode*>(steps[i])->name);
    if (next == nullptr) {
      *result = Value();
      return true;
    }
    if (next->is_array() && i + 1 < steps.size()) return false;
    at = next;
  }
  *result = Value(*at);
  return true;
}

Result<Value> Evaluator::EvalPath(const PathNode& path, const Value& input, const Env& env) {
  const auto& steps = path.steps;
  // Fast path: a chain of plain names over a single (non-array) input needs no sequences.
  if (path.plain_names && !input.is_array() && !path.keep_singleton_array &&
      !path.group.has_value() && !path.tuple) {
    Value json_result;
    if (EvalJsonPath(path, input, env, &json_result)) return json_result;
    bool first_variable = steps[0]->kind == NodeKind::kVariable;
    // Not handled there: a variable bound outside the frames, or an input that is not JSON (an
    // object holding functions). A JSON input that gave up met an array: the general path.
    bool plain = first_variable || !input.is_json();
    if (plain) {
      Value current = input;
      size_t i = 0;
      if (first_variable) {
        current = TRY(Eval(*steps[0], input, env));
        if (current.is_undefined()) return Value();
        if (current.is_array()) plain = false;
        i = 1;
      }
      for (; plain && i < steps.size(); ++i) {
        Value next = LookupField(current, static_cast<const NameNode*>(steps[i])->name);
        if (next.is_undefined()) return Value();
        if (next.is_array() && i + 1 < steps.size()) break;
        current = std::move(next);
      }
      if (plain && i == steps.size()) return current;
    }
  }

  StepEvaluator stepper{*this};
  // The steps run over a sequence; a single input that is not an array is used as it is, as a
  // step visits it exactly as it would a one-item sequence.
  Value input_sequence;
  if (input.is_array() && steps[0]->kind != NodeKind::kVariable) {
    input_sequence = input;
  } else if (!input.is_array() && !steps[0]->consarray) {
    input_sequence = input;
  } else {
    input_sequence = Value::Sequence({input});
  }
  Value result_sequence;
  bool is_tuple = false;
  Value tuples;
  bool have_tuples = false;
  for (size_t i = 0; i < steps.size(); ++i) {
    const Node& step = *steps[i];
    if (step.tuple) is_tuple = true;
    if (i == 0 && step.consarray) {
      result_sequence = TRY(Eval(step, input_sequence, env));
    } else if (is_tuple) {
      tuples = TRY(stepper.TupleStep(step, input_sequence, have_tuples ? &tuples : nullptr, env));
      have_tuples = true;
    } else {
      result_sequence = TRY(stepper.Step(step, input_sequence, env, i + 1 == steps.size()));
    }
    if (!is_tuple && (result_sequence.is_undefined() ||
                      (result_sequence.is_array() && result_sequence.size() == 0))) {
      break;
    }
    if (!step.focus.has_value()) input_sequence = result_sequence;
  }
  if (is_tuple) {
    if (path.tuple) {
      result_sequence = tuples;
    } else {
      std::vector<Value> items;
      size_t n = tuples.size();
      items.reserve(n);
      for (size_t i = 0; i < n; ++i) items.push_back(TupleContext(tuples.at(i)));
      result_sequence = Value::Sequence(std::move(items));
    }
  }
  if (path.keep_singleton_array && result_sequence.is_defined()) {
    if (result_sequence.is_array() && result_sequence.has_flag(Value::kCons) &&
        !result_sequence.has_flag(Value::kSequence)) {
      result_sequence = Value::Sequence({result_sequence});
    }
    result_sequence.set_flag(Value::kKeepSingleton);
  }
  if (path.group.has_value()) {
    result_sequence = TRY(EvalGroupPairs(path.group->pairs, path.group->position,
                                         is_tuple ? tuples : result_sequence, env));
  }
  return result_sequence;
}

Result<Value> Evaluator::EvalGroupPairs(
    const std::vector<std::pair<const Node*, const Node*>>& pairs, size_t position, Value input,
    const Env& env) {
  bool reduce = input.has_flag(Value::kTupleStream);
  // Fast path: one (non-array) input and distinct string-literal keys, as in a state's
  // `{'a': x, 'b': y}`: every key makes its own group holding just the input, so the pairs are
  // evaluated in order on the input with no grouping tables at all.
  if (!reduce && !input.is_array() && HasDistinctLiteralKeys(pairs)) {
    return EvalLiteralKeyObject(*this, pairs, input, env);
  }
  struct Entry {
    std::string key;
    size_t expr_index;
    std::vector<Value> data;
    bool spliced = false;  // some item is an array (or undefined): fn.append splices it
  };
  std::vector<Entry> groups;
  // Looked up by the key's text, with no string made per item (once there are many groups).
  struct KeyHash {
    using is_transparent = void;
    size_t operator()(std::string_view key) const { return std::hash<std::string_view>()(key); }
  };
  std::unordered_map<std::string, size_t, KeyHash, std::equal_to<>> index;
  // The items one by one (an empty array counts as one undefined item), each copied once.
  size_t count = input.is_array() ? std::max<size_t>(input.size(), 1) : 1;
  bool from_array = input.is_array() && input.size() > 0;
  for (size_t i = 0; i < count; ++i) {
    Value item = from_array ? input.at(i) : (input.is_array() ? Value() : input);
    Env frame = reduce ? FrameFromTuple(env, item) : env;
    Value tuple_context = reduce ? TupleContext(item) : Value();
    const Value& context = reduce ? tuple_context : item;
    for (size_t p = 0; p < pairs.size(); ++p) {
      Value key = TRY(Eval(*pairs[p].first, context, frame));
      if (key.is_undefined()) continue;
      if (!key.is_string()) return Fail("T1003", position, std::nullopt, &key);
      std::string_view k = key.str();
      // Few groups (the usual case) are found by a scan; the hash index is built past kScan.
      constexpr size_t kScan = 8;
      Entry* entry = nullptr;
      if (groups.size() <= kScan) {
        for (Entry& candidate : groups) {
          if (candidate.key == k) {
            entry = &candidate;
            break;
          }
        }
      } else {
        if (index.empty()) {
          for (size_t g = 0; g < groups.size(); ++g) index.emplace(groups[g].key, g);
        }
        if (auto it = index.find(k); it != index.end()) entry = &groups[it->second];
      }
      if (entry != nullptr) {
        if (entry->expr_index != p) return Fail("D1009", position, std::nullopt, &key);
      } else {
        if (!index.empty()) index.emplace(std::string(k), groups.size());
        entry = &groups.emplace_back(Entry{std::string(k), p, {}});
      }
      if (item.is_array() || item.is_undefined()) entry->spliced = true;
      if (p + 1 == pairs.size() && !reduce) {
        entry->data.push_back(std::move(item));  // its last use
      } else {
        entry->data.push_back(item);
      }
    }
  }
  std::vector<std::pair<std::string, Value>> members;
  members.reserve(groups.size());
  bool has_function = false;
  for (Entry& entry : groups) {
    Value data;
    if (entry.data.size() == 1) {
      data = std::move(entry.data[0]);
    } else if (!entry.spliced) {
      data = Value::Array(std::move(entry.data));
    } else {
      // The reference appends the items one by one (fn.append), splicing arrays.
      std::vector<Value> all;
      for (Value& v : entry.data) {
        if (v.is_array()) {
          size_t m = v.size();
          for (size_t i = 0; i < m; ++i) all.push_back(v.at(i));
        } else if (v.is_defined()) {
          all.push_back(std::move(v));
        }
      }
      data = Value::Array(std::move(all));
    }
    Value context = data;
    Env frame = env;
    if (reduce) {
      // reduceTupleStream: merge the tuples, appending the values of each binding.
      auto merged = std::make_shared<ObjectData>();
      size_t m = data.is_array() ? data.size() : 1;
      for (size_t i = 0; i < m; ++i) {
        Value tuple = data.is_array() ? data.at(i) : data;
        if (tuple.type() != Value::Type::kObject) continue;
        for (const auto& [name, value] : tuple.object_data().members) {
          if (i == 0) {
            merged->Set(name, value);
          } else {
            const Value* existing = merged->Find(name);
            merged->Set(name, Append(existing != nullptr ? *existing : Value(), value));
          }
        }
      }
      const Value* at = merged->Find("@");
      context = at != nullptr ? *at : Value();
      frame = NewFrame(env);
      for (const auto& [name, value] : merged->members) {
        if (name != "@") frame->Bind(name, value);
      }
    }
    Value value = TRY(Eval(*pairs[entry.expr_index].second, context, frame));
    if (value.is_undefined()) continue;
    if (value.is_function() || value.type() == Value::Type::kObject) has_function = true;
    members.emplace_back(std::move(entry.key), std::move(value));
  }
  if (has_function) {
    auto data = std::make_shared<ObjectData>();
    data->members = std::move(members);
    return Value::Object(std::move(data));
  }
  std::vector<json::Member> json_members;
  json_members.reserve(members.size());
  for (auto& [key, value] : members) {
    std::optional<json::Value> j = ToJson(value);
    if (j.has_value()) json_members.emplace_back(key, std::move(*j));
  }
  return Value(json::Value::ObjectWithDistinctKeys(std::move(json_members)));
}

Result<Value> Evaluator::EvalSort(const SortNode& node, const Value& input, const Env& env) {
  bool tuple = input.has_flag(Value::kTupleStream);
  std::vector<Value> items = ItemsOf(input);
  if (items.size() <= 1) return input;
  size_t terms = node.terms.size();
  std::vector<Value> keys(items.size() * terms);
  for (size_t i = 0; i < items.size(); ++i) {
    Value context = tuple ? TupleContext(items[i]) : items[i];
    Env frame = tuple ? FrameFromTuple(env, items[i]) : env;
    for (size_t t = 0; t < terms; ++t) {
      keys[i * terms + t] = TRY(Eval(*node.terms[t].expression, context, frame));
    }
  }
  std::vector<Value> order;
  order.reserve(items.size());
  for (size_t i = 0; i < items.size(); ++i) order.push_back(Value::Number(static_cast<double>(i)));
  auto greater = [&](const Value& a, const Value& b) -> Result<bool> {
    size_t ia = static_cast<size_t>(a.json().as_int());
    size_t ib = static_cast<size_t>(b.json().as_int());
    int comp = 0;
    for (size_t t = 0; comp == 0 && t < terms; ++t) {
      const Value& aa = keys[ia * terms + t];
      const Value& bb = keys[ib * terms + t];
      if (aa.is_undefined()) {
        comp = bb.is_undefined() ? 0 : 1;
        continue;
      }
      if (bb.is_undefined()) {
        comp = -1;
        continue;
      }
      bool a_ok = aa.is_string() || aa.is_number();
      bool b_ok = bb.is_string() || bb.is_number();
      if (!a_ok || !b_ok) return Fail("T2008", node.position, std::nullopt, !a_ok ? &aa : &bb);
      if (aa.is_string() != bb.is_string()) {
        return Fail("T2007", node.position, std::nullopt, &aa, &bb);
      }
      if (aa.is_string()) {
        int c = aa.str().compare(bb.str());
        comp = c == 0 ? 0 : (c < 0 ? -1 : 1);
      } else {
        double x = aa.number(), y = bb.number();
        comp = x == y ? 0 : (x < y ? -1 : 1);
      }
      if (node.terms[t].descending) comp = -comp;
    }
    return comp == 1;
  };
  TRY(MergeSort(order, greater));
  std::vector<Value> sorted;
  sorted.reserve(items.size());
  for (const Value& o : order)
    sorted.push_back(std::move(items[static_cast<size_t>(o.json().as_int())]));
  return Value::Array(std::move(sorted), Value::kSequence | (tuple ? Value::kTupleStream : 0));
}

}  // namespace stepwise::jsonata
