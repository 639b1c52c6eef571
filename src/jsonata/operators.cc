// The binary operators, with the reference's JavaScript semantics: numbers are doubles,
// arithmetic on anything but numbers is T2001/T2002, comparisons need two numbers or two strings,
// & concatenates $string forms, `and`/`or` short-circuit, `in` tests membership, `..` builds
// ranges of at most 1e7 integers.

#include <cmath>
#include <string>
#include <vector>

#include "jsonata/evaluator.h"

namespace stepwise::jsonata {
namespace {

bool IsInteger(const Value& v) {
  if (!v.is_number()) return false;
  double d = v.number();
  return std::isfinite(d) && d == std::trunc(d);
}

}  // namespace

// Leaves recurse no further; at the depth limit Eval is left to fail as it would.
bool Evaluator::EvalLeaf(const Node& operand, const Value& input, const Env& env, Value* result) {
  if (!operand.predicates.empty() || operand.group.has_value() || AtDepthLimit()) return false;
  if (operand.kind == NodeKind::kLiteral) {
    *result = Value(static_cast<const LiteralNode&>(operand).value);
    return true;
  }
  if (operand.kind == NodeKind::kPath) {
    return EvalJsonPath(static_cast<const PathNode&>(operand), input, env, result);
  }
  return false;
}

Result<Value> Evaluator::EvalBinary(const BinaryNode& node, const Value& input, const Env& env) {
  Value lhs;
  if (!EvalLeaf(*node.lhs, input, env, &lhs)) lhs = TRY(Eval(*node.lhs, input, env));
  BinaryOp op = node.op;
  if (op == BinaryOp::kAnd || op == BinaryOp::kOr) {
    bool left = lhs.is_bool() ? lhs.boolean() : ToBoolean(lhs).value_or(false);
    if (op == BinaryOp::kAnd && !left) return Value::Bool(false);
    if (op == BinaryOp::kOr && left) return Value::Bool(true);
    Value rhs;
    if (!EvalLeaf(*node.rhs, input, env, &rhs)) rhs = TRY(Eval(*node.rhs, input, env));
    return Value::Bool(ToBoolean(rhs).value_or(false));
  }
  Value rhs;
  if (!EvalLeaf(*node.rhs, input, env, &rhs)) rhs = TRY(Eval(*node.rhs, input, env));
  switch (op) {
    case BinaryOp::kAdd:
    case BinaryOp::kSubtract:
    case BinaryOp::kMultiply:
    case BinaryOp::kDivide:
    case BinaryOp::kModulo: {
      if (lhs.is_defined() && !TRY(IsNumeric(*this, lhs))) {
        return Fail("T2001", node.position, JsonText(BinaryOpText(op)), &lhs);
      }
      if (rhs.is_defined() && !TRY(IsNumeric(*this, rhs))) {
        return Fail("T2002", node.position, JsonText(BinaryOpText(op)), &rhs);
      }
      if (lhs.is_undefined() || rhs.is_undefined()) return Value();
      double a = lhs.number(), b = rhs.number();
      // Integer fast path: exact when both are small integers.
      if (lhs.json().is_int() && rhs.json().is_int()) {
        int64_t x = lhs.json().as_int(), y = rhs.json().as_int();
        constexpr int64_t kSmall = int64_t{1} << 31;
        if (x > -kSmall && x < kSmall && y > -kSmall && y < kSmall) {
          switch (op) {
            case BinaryOp::kAdd:
              return Value(json::Value::Int(x + y));
            case BinaryOp::kSubtract:
              return Value(json::Value::Int(x - y));
            case BinaryOp::kMultiply:
              if ((x == 0 && y < 0) || (y == 0 && x < 0)) break;  // -0
              return Value(json::Value::Int(x * y));
            default:
              break;
          }
        }
      }
      double r = 0;
      switch (op) {
        case BinaryOp::kAdd:
          r = a + b;
          break;
        case BinaryOp::kSubtract:
          r = a - b;
          break;
        case BinaryOp::kMultiply:
          r = a * b;
          break;
        case BinaryOp::kDivide:
          r = a / b;
          break;
        default:
          r = std::fmod(a, b);
          break;
      }
      return Value::Number(r);
    }
    case BinaryOp::kEqual:
    case BinaryOp::kNotEqual: {
      if (lhs.is_undefined() || rhs.is_undefined()) return Value::Bool(false);
      bool equal = DeepEqual(lhs, rhs);
      return Value::Bool(op == BinaryOp::kEqual ? equal : !equal);
    }
    case BinaryOp::kLess:
    case BinaryOp::kLessEqual:
    case BinaryOp::kGreater:
    case BinaryOp::kGreaterEqual: {
      bool lcomparable = lhs.is_undefined() || lhs.is_string() || lhs.is_number();
      bool rcomparable = rhs.is_undefined() || rhs.is_string() || rhs.is_number();
      if (!lcomparable || !rcomparable) {
        return Fail("T2010", node.position, JsonText(BinaryOpText(op)), !lcomparable ? &lhs : &rhs);
      }
      if (lhs.is_undefined() || rhs.is_undefined()) return Value();
      if (lhs.is_string() != rhs.is_string()) {
        return Fail("T2009", node.position, JsonText(BinaryOpText(op)), &lhs, &rhs);
      }
      int c;
      if (lhs.is_string()) {
        int x = lhs.str().compare(rhs.str());
        c = x < 0 ? -1 : (x > 0 ? 1 : 0);
      } else {
        double x = lhs.number(), y = rhs.number();
        if (std::isnan(x) || std::isnan(y)) return Value::Bool(false);
        c = x < y ? -1 : (x > y ? 1 : 0);
      }
      bool r = op == BinaryOp::kLess        ? c < 0
               : op == BinaryOp::kLessEqual ? c <= 0
               : op == BinaryOp::kGreater   ? c > 0
                                            : c >= 0;
      return Value::Bool(r);
    }
    case BinaryOp::kConcat: {
      // Strings (the usual operands) are appended as they are, which is their $string form.
      if (lhs.is_string() && rhs.is_string()) {
        std::string_view a = lhs.str(), b = rhs.str();
        TRY(CheckStringLength(a.size() + b.size(), node.position));
        std::string joined;
        joined.reserve(a.size() + b.size());
        joined.append(a).append(b);
        return Value::String(joined);
      }
      std::string out;
      if (lhs.is_defined()) {
        Result<std::string> s = Stringify(*this, lhs, false);
        if (!s.ok()) {
          Annotate(node.position, BinaryOpText(op));
          return s.release_error();
        }
        out = s.release_value();
      }
      if (rhs.is_defined()) {
        Result<std::string> s = Stringify(*this, rhs, false);
        if (!s.ok()) {
          Annotate(node.position, BinaryOpText(op));
          return s.release_error();
        }
        TRY(CheckStringLength(out.size() + s.value().size(), node.position));
        out += s.value();
      }
      return Value::String(out);
    }
    case BinaryOp::kIn: {
      if (lhs.is_undefined() || rhs.is_undefined()) return Value::Bool(false);
      if (rhs.is_array()) {
        size_t n = rhs.size();
        for (size_t i = 0; i < n; ++i) {
          if (rhs.at(i).Identical(lhs)) return Value::Bool(true);
        }
        return Value::Bool(false);
      }
      return Value::Bool(rhs.Identical(lhs));
    }
    case BinaryOp::kRange: {
      if (lhs.is_defined() && !IsInteger(lhs)) {
        return Fail("T2003", node.position, JsonText(BinaryOpText(op)), &lhs);
      }
      if (rhs.is_defined() && !IsInteger(rhs)) {
        return Fail("T2004", node.position, JsonText(BinaryOpText(op)), &rhs);
      }
      if (lhs.is_undefined() || rhs.is_undefined()) return Value();
      double a = lhs.number(), b = rhs.number();
      if (a > b) return Value();
      double size = b - a + 1;
      if (size > 1e7) {
        Value v = Value::Number(size);
        return Fail("D2014", node.position, JsonText(BinaryOpText(op)), &v);
      }
      std::vector<Value> items;
      items.reserve(static_cast<size_t>(size));
      int64_t start = static_cast<int64_t>(a);
      for (int64_t i = 0; i < static_cast<int64_t>(size); ++i) {
        items.emplace_back(json::Value::Int(start + i));
      }
      return Value::Sequence(std::move(items));
    }
    default:
      break;
  }
  return Value();
}

}  // namespace stepwise::jsonata
