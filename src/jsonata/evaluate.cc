// The evaluator's core: the dispatch on node kinds, variables and blocks, conditions, lambdas and
// function application (with the tail-call trampoline), partial application, ~>, and the public
// Evaluate. Paths live in path.cc, operators in operators.cc, the library in functions/.

#include "jsonata/evaluate.h"

#include <chrono>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "jsonata/evaluator.h"
#include "jsonata/regex_glue.h"

namespace stepwise::jsonata {

// ---------------------------------------------------------------------------------------------
// Bindings

Bindings::Bindings() = default;
Bindings::~Bindings() = default;
Bindings::Bindings(const Bindings&) = default;
Bindings& Bindings::operator=(const Bindings&) = default;

void Bindings::Bind(std::string_view name, json::Value value) {
  values_[std::string(name)] = std::move(value);
  functions_.erase(std::string(name));
}

Result<void> Bindings::BindFunction(std::string_view name, std::string_view signature,
                                    HostFunctionBody body) {
  auto host = std::make_shared<HostFunction>();
  host->name = std::string(name);
  if (!signature.empty()) {
    ParseError error;
    host->signature = TRY(ParseSignature(signature, 0, &error));
  }
  host->body = std::move(body);
  functions_[std::string(name)] = std::move(host);
  values_.erase(std::string(name));
  return Ok();
}

const json::Value* Bindings::FindValue(std::string_view name) const {
  for (const Bindings* b = this; b != nullptr; b = b->parent_) {
    if (auto it = b->values_.find(name); it != b->values_.end()) return &it->second;
    // A function bound here hides a value of the same name further up.
    if (b->functions_.count(name) != 0) return nullptr;
  }
  return resolver_ ? resolver_(name) : nullptr;
}

std::shared_ptr<const Bindings::HostFunction> Bindings::FindFunction(std::string_view name) const {
  for (const Bindings* b = this; b != nullptr; b = b->parent_) {
    if (auto it = b->functions_.find(name); it != b->functions_.end()) return it->second;
    if (b->values_.count(name) != 0) return nullptr;
  }
  return nullptr;
}

// ---------------------------------------------------------------------------------------------
// Function

size_t Function::Arity() const {
  switch (kind) {
    case Kind::kLambda:
      return partial_params ? params.size() : lambda->params.size();
    case Kind::kNative:
      return native->arity;
    case Kind::kHost:
      return host->signature.has_value() ? host->signature->params.size() : 1;
    case Kind::kPartial: {
      size_t n = 0;
      for (bool p : placeholder) n += p ? 1 : 0;
      return n;
    }
    case Kind::kComposed:
      return 1;
    default:
      return 1;
  }
}

// ---------------------------------------------------------------------------------------------
// Evaluator

Evaluator::Evaluator(const Bindings& bindings, const EvalLimits& limits)
    : bindings_(bindings), limits_(limits) {
  char probe = 0;
  stack_base_ = &probe;
  if (limits_.timeout.count() > 0) {
    has_deadline_ = true;
    deadline_ = std::chrono::steady_clock::now() + limits_.timeout;
  }
  now_millis_ = bindings.now_millis();
}

Evaluator::~Evaluator() {
  for (const std::weak_ptr<Frame>& weak : cyclic_frames_) {
    if (Env frame = weak.lock()) frame->Clear();
  }
}

int64_t Evaluator::now_millis() {
  if (!now_millis_.has_value()) {
    now_millis_ = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
  }
  return *now_millis_;
}

Result<void> Evaluator::CheckTime() {
  if (has_deadline_ && (++ticks_ & 255) == 0 && std::chrono::steady_clock::now() > deadline_) {
    Error e = Fail("U1001");
    error_.message = "Expression evaluation timeout: Check for infinite loop";
    inserts_.emplace_back("message", "");
    return e;
  }
  return Ok();
}

Value Evaluator::Lookup(const Env& env, std::string_view name) {
  if (const Value* v = env->Lookup(name)) return *v;
  if (const json::Value* j = bindings_.FindValue(name)) return Value(*j);
  if (auto host = bindings_.FindFunction(name)) {
    auto f = std::make_shared<Function>(Function::Kind::kHost);
    f->host = std::move(host);
    return Value::Func(std::move(f));
  }
  if (const Value* native = FindNativeValue(name)) return *native;
  return Value();
}

Result<Value> Evaluator::Eval(const Node& node, const Value& input, const Env& env) {
  char probe = 0;
  if (++depth_ > limits_.max_depth ||
      static_cast<size_t>(stack_base_ - &probe) > limits_.max_stack_bytes) {
    --depth_;
    return Fail("U1001", node.position);
  }
  if (has_deadline_) {
    Result<void> time = CheckTime();
    if (!time.ok()) {
      --depth_;
      return time.release_error();
    }
  }
  Result<Value> result = EvalInner(node, input, env);
  --depth_;
  return result;
}

namespace {

// The name the reference reports for a called procedure: a path's first step or a variable.
std::string ProcedureName(const Node& procedure) {
  if (procedure.kind == NodeKind::kPath) {
    const Node* first = static_cast<const PathNode&>(procedure).steps[0];
    if (first->kind == NodeKind::kName) return static_cast<const NameNode*>(first)->name;
    if (first->kind == NodeKind::kVariable) return static_cast<const VariableNode*>(first)->name;
    return "";
  }
  if (procedure.kind == NodeKind::kVariable) {
    return static_cast<const VariableNode&>(procedure).name;
  }
  if (procedure.kind == NodeKind::kName) return static_cast<const NameNode&>(procedure).name;
  return "";
}

// The name of a path's first step when it is a plain name (for T1005/T1007), or "".
std::string FirstStepName(const Node& procedure) {
  if (procedure.kind != NodeKind::kPath) return "";
  const Node* first = static_cast<const PathNode&>(procedure).steps[0];
  if (first->kind == NodeKind::kName) return static_cast<const NameNode*>(first)->name;
  return "";
}

}  // namespace

Result<Value> Evaluator::EvalInner(const Node& node, const Value& input, const Env& env) {
  // The commonest nodes, when they carry no predicate or grouping, never produce a sequence, so
  // they skip the post-processing below (and the copy into `result`).
  if (node.predicates.empty() && !node.group.has_value()) {
    switch (node.kind) {
      case NodeKind::kLiteral:
        return Value(static_cast<const LiteralNode&>(node).value);
      case NodeKind::kBinary: {
        const auto& binary = static_cast<const BinaryNode&>(node);
        if (binary.op != BinaryOp::kRange) return EvalBinary(binary, input, env);
        break;
      }
      case NodeKind::kPath: {
        // A plain JSON path's result is never a sequence.
        Value value;
        if (EvalJsonPath(static_cast<const PathNode&>(node), input, env, &value)) return value;
        break;
      }
      case NodeKind::kName:
        if (input.is_json() && !input.json().is_array()) {
          const json::Value* found = input.json().Find(static_cast<const NameNode&>(node).name);
          return found != nullptr ? Value(*found) : Value();
        }
        break;
      default:
        break;
    }
  }
  Value result;
  switch (node.kind) {
    case NodeKind::kPath:
      result = TRY(EvalPath(static_cast<const PathNode&>(node), input, env));
      break;
    case NodeKind::kName:
      result = LookupField(input, static_cast<const NameNode&>(node).name);
      break;
    case NodeKind::kLiteral:
      result = Value(static_cast<const LiteralNode&>(node).value);
      break;
    case NodeKind::kVariable: {
      const auto& var = static_cast<const VariableNode&>(node);
      if (var.name.empty()) {
        result = input.has_flag(Value::kOuterWrapper) && input.size() > 0 ? input.at(0) : input;
      } else {
        result = Lookup(env, var.name);
      }
      break;
    }
    case NodeKind::kRegex:
      result = TRY(MakeRegexFunction(*this, static_cast<const RegexNode&>(node)));
      break;
    case NodeKind::kWildcard: {
      std::vector<Value> results;
      Value v = input;
      if (v.is_array() && v.has_flag(Value::kOuterWrapper) && v.size() > 0) v = v.at(0);
      auto add = [&](const Value& member) {
        if (member.is_array()) {
          // Flattened fully, as the reference's flatten does.
          struct Flattener {
            static void Run(const Value& a, std::vector<Value>& out) {
              size_t n = a.size();
              for (size_t i = 0; i < n; ++i) {
                Value item = a.at(i);
                if (item.is_array()) {
                  Run(item, out);
                } else {
                  out.push_back(std::move(item));
                }
              }
            }
          };
          Flattener::Run(member, results);
        } else {
          results.push_back(member);
        }
      };
      if (v.is_object()) {
        ForEachMember(v, [&](std::string_view, const Value& member) { add(member); });
      } else if (v.is_array()) {
        size_t n = v.size();
        for (size_t i = 0; i < n; ++i) add(v.at(i));
      }
      result = Value::Sequence(std::move(results));
      break;
    }
    case NodeKind::kDescendant: {
      if (input.is_undefined()) break;
      std::vector<Value> results;
      struct Walker {
        static void Run(const Value& v, std::vector<Value>& out) {
          if (v.is_array()) {
            size_t n = v.size();
            for (size_t i = 0; i < n; ++i) Run(v.at(i), out);
            return;
          }
          out.push_back(v);
          if (v.is_object()) {
            ForEachMember(v, [&](std::string_view, const Value& member) { Run(member, out); });
          }
        }
      };
      Walker::Run(input, results);
      if (results.size() == 1) {
        result = std::move(results[0]);
      } else {
        result = Value::Sequence(std::move(results));
      }
      break;
    }
    case NodeKind::kParent: {
      const auto& parent = static_cast<const ParentNode&>(node);
      std::string label = "%" + std::to_string(parent.label);
      if (const Value* v = env->Lookup(label)) result = *v;
      break;
    }
    case NodeKind::kBinary:
      result = TRY(EvalBinary(static_cast<const BinaryNode&>(node), input, env));
      break;
    case NodeKind::kNegate: {
      const auto& negate = static_cast<const NegateNode&>(node);
      Value operand = TRY(Eval(*negate.operand, input, env));
      if (operand.is_undefined()) break;
      if (TRY(IsNumeric(*this, operand))) {
        result = Value::Number(-operand.number());
      } else {
        return Fail("D1002", node.position, JsonText("-"), &operand);
      }
      break;
    }
    case NodeKind::kArray: {
      const auto& array = static_cast<const ArrayNode&>(node);
      std::vector<Value> items;
      for (const Node* item : array.items) {
        Value value = TRY(Eval(*item, input, env));
        if (value.is_undefined()) continue;
        if (item->kind == NodeKind::kArray) {
          items.push_back(std::move(value));
        } else if (value.is_array()) {
          size_t n = value.size();
          for (size_t i = 0; i < n; ++i) items.push_back(value.at(i));
        } else {
          items.push_back(std::move(value));
        }
      }
      result = Value::Array(std::move(items), node.consarray ? Value::kCons : 0);
      break;
    }
    case NodeKind::kObject: {
      const auto& object = static_cast<const ObjectNode&>(node);
      result = TRY(EvalGroupPairs(object.pairs, node.position, input, env));
      break;
    }
    case NodeKind::kFunction: {
      const auto& call = static_cast<const CallNode&>(node);
      if (call.tail_call) {
        auto thunk = std::make_shared<Function>(Function::Kind::kThunk);
        thunk->call = &call;
        thunk->input = input;
        thunk->env = env;
        result = Value::Func(std::move(thunk));
      } else {
        result = TRY(EvalCall(call, input, env, nullptr));
      }
      break;
    }
    case NodeKind::kPartial:
      result = TRY(EvalPartial(static_cast<const CallNode&>(node), input, env));
      break;
    case NodeKind::kPlaceholder:
      break;
    case NodeKind::kLambda: {
      const auto& lambda = static_cast<const LambdaNode&>(node);
      auto f = std::make_shared<Function>(Function::Kind::kLambda);
      f->lambda = &lambda;
      f->input = input;
      f->env = env;
      f->signature = lambda.signature.has_value() ? &*lambda.signature : nullptr;
      result = Value::Func(std::move(f));
      break;
    }
    case NodeKind::kCondition: {
      const auto& condition = static_cast<const ConditionNode&>(node);
      Value test = TRY(Eval(*condition.condition, input, env));
      if (ToBoolean(test).value_or(false)) {
        result = TRY(Eval(*condition.then, input, env));
      } else if (condition.otherwise != nullptr) {
        result = TRY(Eval(*condition.otherwise, input, env));
      }
      break;
    }
    case NodeKind::kCoalesce: {
      const auto& fallback = static_cast<const FallbackNode&>(node);
      result = TRY(Eval(*fallback.lhs, input, env));
      if (result.is_undefined()) result = TRY(Eval(*fallback.rhs, input, env));
      break;
    }
    case NodeKind::kDefault: {
      const auto& fallback = static_cast<const FallbackNode&>(node);
      result = TRY(Eval(*fallback.lhs, input, env));
      if (!ToBoolean(result).value_or(false)) result = TRY(Eval(*fallback.rhs, input, env));
      break;
    }
    case NodeKind::kTransform: {
      auto f = std::make_shared<Function>(Function::Kind::kTransform);
      f->transform = &static_cast<const TransformNode&>(node);
      f->env = env;
      result = Value::Func(std::move(f));
      break;
    }
    case NodeKind::kBlock: {
      const auto& block = static_cast<const BlockNode&>(node);
      Env own_frame;
      if (block.scoped) own_frame = NewFrame(env);
      const Env& frame = block.scoped ? own_frame : env;
      for (const Node* expression : block.expressions) {
        result = TRY(Eval(*expression, input, frame));
      }
      break;
    }
    case NodeKind::kBind: {
      const auto& bind = static_cast<const BindNode&>(node);
      result = TRY(Eval(*bind.value, input, env));
      env->BindTreeName(bind.variable, result);
      if (result.is_function() || result.type() == Value::Type::kArray ||
          result.type() == Value::Type::kObject) {
        if (cyclic_frames_.size() > 64 && cyclic_frames_.size() % 64 == 0) {
          std::erase_if(cyclic_frames_, [](const std::weak_ptr<Frame>& w) { return w.expired(); });
        }
        cyclic_frames_.push_back(env);
      }
      break;
    }
    case NodeKind::kApply: {
      const auto& apply = static_cast<const ApplyNode&>(node);
      Value lhs = TRY(Eval(*apply.lhs, input, env));
      if (apply.rhs->kind == NodeKind::kFunction) {
        result = TRY(EvalCall(static_cast<const CallNode&>(*apply.rhs), input, env, &lhs));
      } else {
        Value func = TRY(Eval(*apply.rhs, input, env));
        if (!func.is_function()) return Fail("T2006", node.position, std::nullopt, &func);
        if (lhs.is_function()) {
          auto composed = std::make_shared<Function>(Function::Kind::kComposed);
          composed->first = lhs;
          composed->second = func;
          result = Value::Func(std::move(composed));
        } else {
          std::vector<Value> args{lhs};
          result = TRY(Apply(func, std::move(args), input, env, node.position));
        }
      }
      break;
    }
    case NodeKind::kSort: {
      result = TRY(EvalSort(static_cast<const SortNode&>(node), input, env));
      break;
    }
  }
  for (const Stage& predicate : node.predicates) {
    if (predicate.kind == Stage::Kind::kFilter) {
      result = TRY(EvalFilter(*predicate.filter, std::move(result), env));
    }
  }
  if (node.kind != NodeKind::kPath && node.group.has_value()) {
    result = TRY(EvalGroupPairs(node.group->pairs, node.group->position, std::move(result), env));
  }
  if (result.is_sequence() && !result.has_flag(Value::kTupleStream)) {
    if (node.keep_array) result.set_flag(Value::kKeepSingleton);
    size_t n = result.size();
    if (n == 0) {
      result = Value();
    } else if (n == 1 && !result.has_flag(Value::kKeepSingleton)) {
      result = result.at(0);
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Calls

Result<Value> Evaluator::EvalCall(const CallNode& call, const Value& input, const Env& env,
                                  const Value* applyto) {
  Value procedure = TRY(Eval(*call.procedure, input, env));
  if (procedure.is_undefined()) {
    std::string name = FirstStepName(*call.procedure);
    if (!name.empty() && Lookup(env, name).is_defined()) {
      return Fail("T1005", call.position, JsonText(name));
    }
  }
  std::vector<Value> args;
  args.reserve(call.arguments.size() + (applyto != nullptr ? 1 : 0));
  if (applyto != nullptr) args.push_back(*applyto);
  for (const Node* argument : call.arguments) {
    Value arg;
    if (!EvalLeaf(*argument, input, env, &arg)) arg = TRY(Eval(*argument, input, env));
    args.push_back(std::move(arg));
  }
  Result<Value> result = Apply(procedure, std::move(args), input, env, call.position);
  if (!result.ok()) Annotate(call.position, ProcedureName(*call.procedure));
  return result;
}

Result<Value> Evaluator::Apply(const Value& procedure, std::vector<Value> args, const Value& input,
                               const Env& env, size_t position) {
  Result<Value> first = ApplyInner(procedure, args, input, env);
  if (!first.ok()) {
    Annotate(position, "");
    return first;
  }
  Value result = first.release_value();
  while (result.is_function() && result.function().kind == Function::Kind::kThunk) {
    TRY(CheckTime());
    Value thunk = std::move(result);
    const Function& f = thunk.function();
    const CallNode& call = *f.call;
    Value next = TRY(Eval(*call.procedure, f.input, f.env));
    std::vector<Value> next_args;
    next_args.reserve(call.arguments.size());
    for (const Node* argument : call.arguments) {
      next_args.push_back(TRY(Eval(*argument, f.input, f.env)));
    }
    Result<Value> step = ApplyInner(next, next_args, input, env);
    if (!step.ok()) {
      Annotate(call.position, ProcedureName(*call.procedure));
      return step;
    }
    result = step.release_value();
  }
  return result;
}

Result<Value> Evaluator::ApplyInner(const Value& procedure, std::vector<Value>& args,
                                    const Value& input, const Env& env) {
  if (!procedure.is_function()) return Fail("T1006");
  // The caller keeps `procedure` (and so the function) alive for the call.
  const Function& f = procedure.function();
  switch (f.kind) {
    case Function::Kind::kLambda: {
      std::vector<Value> validated;
      if (f.signature != nullptr) {
        validated = TRY(ValidateArgs(*f.signature, args, input));
      } else {
        validated = std::move(args);
      }
      Env frame = NewFrame(f.env);
      if (f.partial_params) {
        for (size_t i = 0; i < f.params.size(); ++i) {
          frame->Bind(f.params[i], i < validated.size() ? std::move(validated[i]) : Value());
        }
      } else {
        const std::vector<std::string>& params = f.lambda->params;
        for (size_t i = 0; i < params.size(); ++i) {
          frame->BindTreeName(params[i], i < validated.size() ? std::move(validated[i]) : Value());
        }
      }
      return Eval(*f.lambda->body, f.input, frame);
    }
    case Function::Kind::kNative: {
      std::vector<Value> validated = TRY(ValidateArgs(f.native->signature, args, input));
      NativeContext cx{*this, input, env, kNoPosition};
      Result<Value> r = f.native->body(cx, validated);
      if (!r.ok()) Annotate(kNoPosition, f.native->name);
      return r;
    }
    case Function::Kind::kHost: {
      std::vector<Value> validated;
      if (f.host->signature.has_value()) {
        validated = TRY(ValidateArgs(*f.host->signature, args, input));
      } else {
        validated = std::move(args);
      }
      std::vector<std::optional<json::Value>> json_args;
      json_args.reserve(validated.size());
      for (const Value& arg : validated) json_args.push_back(ToJson(arg));
      Result<std::optional<json::Value>> r = f.host->body(json_args);
      if (!r.ok()) {
        Error e = r.release_error();
        error_ = EvalError();
        inserts_.clear();
        error_.code = e.name();
        error_.message = e.message();
        inserts_.emplace_back("message", "");
        return e;
      }
      if (!r.value().has_value()) return Value();
      if (r.value()->is_double()) return Value::Number(r.value()->as_double());
      return Value(*r.value());
    }
    case Function::Kind::kPartial: {
      std::vector<Value> full;
      full.reserve(f.bound.size());
      size_t next = 0;
      for (size_t i = 0; i < f.bound.size(); ++i) {
        if (f.placeholder[i]) {
          full.push_back(next < args.size() ? args[next] : Value());
          ++next;
        } else {
          full.push_back(f.bound[i]);
        }
      }
      while (!full.empty() && full.back().is_undefined()) full.pop_back();
      auto inner = std::make_shared<Function>(f.native != nullptr ? Function::Kind::kNative
                                                                  : Function::Kind::kHost);
      inner->native = f.native;
      inner->host = f.host;
      return ApplyInner(Value::Func(std::move(inner)), full, Value(), env);
    }
    case Function::Kind::kRegex:
      return ApplyRegexFunction(*this, f, args);
    case Function::Kind::kTransform: {
      Value arg = args.empty() ? Value() : args[0];
      if (args.size() > 1 || (arg.is_defined() && !arg.is_object() && !arg.is_array())) {
        Error e = Fail("T0410", kNoPosition, std::nullopt, &arg);
        SetErrorInsert("index", std::to_string(args.size() > 1 ? 2 : 1));
        return e;
      }
      return ApplyTransform(f, arg);
    }
    case Function::Kind::kComposed: {
      Value inner = TRY(Apply(f.first, std::move(args), input, env));
      std::vector<Value> second_args{inner};
      return Apply(f.second, std::move(second_args), input, env);
    }
    case Function::Kind::kThunk:
      return procedure;
  }
  return Value();
}

Result<Value> Evaluator::EvalPartial(const CallNode& call, const Value& input, const Env& env) {
  std::vector<Value> args;
  std::vector<bool> placeholder;
  for (const Node* argument : call.arguments) {
    if (argument->kind == NodeKind::kPlaceholder) {
      args.emplace_back();
      placeholder.push_back(true);
    } else {
      args.push_back(TRY(Eval(*argument, input, env)));
      placeholder.push_back(false);
    }
  }
  Value procedure = TRY(Eval(*call.procedure, input, env));
  if (procedure.is_undefined()) {
    std::string name = FirstStepName(*call.procedure);
    if (!name.empty() && Lookup(env, name).is_defined()) {
      return Fail("T1007", call.position, JsonText(name));
    }
  }
  if (!procedure.is_function()) {
    return Fail("T1008", call.position, JsonText(ProcedureName(*call.procedure)));
  }
  const Function& f = procedure.function();
  if (f.kind == Function::Kind::kLambda) {
    auto partial = std::make_shared<Function>(Function::Kind::kLambda);
    partial->lambda = f.lambda;
    partial->input = f.input;
    partial->env = NewFrame(f.env);
    partial->partial_params = true;
    const std::vector<std::string>& params = f.partial_params ? f.params : f.lambda->params;
    for (size_t i = 0; i < params.size(); ++i) {
      if (i < args.size() && placeholder[i]) {
        partial->params.push_back(params[i]);
      } else {
        partial->env->Bind(params[i], i < args.size() ? args[i] : Value());
      }
    }
    return Value::Func(std::move(partial));
  }
  if (f.kind == Function::Kind::kNative || f.kind == Function::Kind::kHost ||
      f.kind == Function::Kind::kPartial) {
    auto partial = std::make_shared<Function>(Function::Kind::kPartial);
    if (f.kind == Function::Kind::kPartial) {
      partial->native = f.native;
      partial->host = f.host;
      size_t next = 0;
      for (size_t i = 0; i < f.bound.size(); ++i) {
        if (f.placeholder[i]) {
          bool hole = next >= args.size() || placeholder[next];
          partial->bound.push_back(next < args.size() ? args[next] : Value());
          partial->placeholder.push_back(hole && next < args.size());
          ++next;
        } else {
          partial->bound.push_back(f.bound[i]);
          partial->placeholder.push_back(false);
        }
      }
    } else {
      partial->native = f.native;
      partial->host = f.host;
      size_t arity = f.Arity();
      for (size_t i = 0; i < std::max(arity, args.size()); ++i) {
        partial->bound.push_back(i < args.size() ? args[i] : Value());
        partial->placeholder.push_back(i < args.size() && placeholder[i]);
      }
    }
    return Value::Func(std::move(partial));
  }
  return Fail("T1008", call.position, JsonText(ProcedureName(*call.procedure)));
}

// ---------------------------------------------------------------------------------------------
// The public entry point

Result<std::optional<json::Value>> Evaluate(const Expression& expr, const json::Value* input,
                                            const Bindings& bindings, const EvalLimits& limits,
                                            EvalError* error, bool* returned_function) {
  Evaluator ev(bindings, limits);
  Value in;
  if (input != nullptr) {
    in = Value(*input);
    if (input->is_array()) in = Value::Array({in}, Value::kSequence | Value::kOuterWrapper);
  }
  Env global = NewFrame(nullptr);
  global->Bind("$", in);
  Result<Value> result = ev.Eval(expr.root(), in, global);
  if (!result.ok()) {
    EvalError& detail = ev.error();
    if (detail.code.empty()) detail.code = result.error().name();
    detail.message = ev.ErrorMessage();
    if (error != nullptr) *error = detail;
    return detail.ToError();
  }
  Value value = result.release_value();
  if (returned_function != nullptr) *returned_function = value.is_function();
  if (value.is_sequence() && value.size() == 0) return std::optional<json::Value>();
  return ToJson(value);
}

}  // namespace stepwise::jsonata
