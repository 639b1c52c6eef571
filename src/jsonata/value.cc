#include "jsonata/value.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>

#include "json/string_escape.h"
#include "jsonata/evaluator.h"
#include "jsonata/js_number.h"

namespace stepwise::jsonata {

json::Value JsonNumber(double d) {
  if (d == std::trunc(d) && std::fabs(d) <= 9007199254740992.0 && !(d == 0 && std::signbit(d))) {
    return json::Value::Int(static_cast<int64_t>(d));
  }
  return json::Value::Double(d);
}

void Value::DestroyHeap() noexcept { heap_.~shared_ptr(); }

Value Value::Number(double d) { return Value(JsonNumber(d)); }

Value Value::Array(std::vector<Value> items, uint8_t flags) {
  auto data = std::make_shared<ArrayData>();
  data->items = std::move(items);
  Value v;
  v.SetHeap(Type::kArray, std::move(data));
  v.flags_ = flags;
  return v;
}

Value Value::Object(std::shared_ptr<const ObjectData> object) {
  Value v;
  v.SetHeap(Type::kObject, std::move(object));
  return v;
}

Value Value::Func(std::shared_ptr<const Function> function) {
  Value v;
  v.SetHeap(Type::kFunction, std::move(function));
  return v;
}

bool Value::Identical(const Value& other) const {
  if (type_ != other.type_) return false;
  switch (type_) {
    case Type::kUndefined:
      return true;
    case Type::kJson:
      if (json_.is_array() || json_.is_object()) return json_.SharesNodeWith(other.json_);
      return json_ == other.json_;
    default:
      return heap_ == other.heap_;
  }
}

Value MemberOf(const Value& object, std::string_view key) {
  if (object.type() == Value::Type::kObject) {
    const Value* found = object.object_data().Find(key);
    return found != nullptr ? *found : Value();
  }
  if (object.is_json()) {
    const json::Value* found = object.json().Find(key);
    if (found != nullptr) return Value(*found);
  }
  return Value();
}

std::optional<json::Value> ToJson(const Value& value) {
  switch (value.type()) {
    case Value::Type::kUndefined:
    case Value::Type::kFunction:
      return std::nullopt;
    case Value::Type::kJson:
      return value.json();
    case Value::Type::kArray: {
      std::vector<json::Value> items;
      items.reserve(value.size());
      for (const Value& item : value.array_data().items) {
        std::optional<json::Value> j = ToJson(item);
        if (j.has_value()) {
          items.push_back(std::move(*j));
        } else if (item.is_function()) {
          items.push_back(json::Value::Null());
        }
      }
      return json::Value::Array(std::move(items));
    }
    case Value::Type::kObject: {
      json::ObjectBuilder builder;
      for (const auto& [name, member] : value.object_data().members) {
        std::optional<json::Value> j = ToJson(member);
        if (j.has_value()) builder.Add(name, std::move(*j));
      }
      return builder.Build();
    }
  }
  return std::nullopt;
}

std::optional<bool> ToBoolean(const Value& value) {
  switch (value.type()) {
    case Value::Type::kUndefined:
      return std::nullopt;
    case Value::Type::kFunction:
      return false;
    case Value::Type::kObject:
      return !value.object_data().members.empty();
    case Value::Type::kArray: {
      const auto& items = value.array_data().items;
      if (items.size() == 1) return ToBoolean(items[0]);
      for (const Value& item : items) {
        if (ToBoolean(item).value_or(false)) return true;
      }
      return false;
    }
    case Value::Type::kJson:
      break;
  }
  const json::Value& j = value.json();
  switch (j.kind()) {
    case json::Kind::kNull:
      return false;
    case json::Kind::kBool:
      return j.as_bool();
    case json::Kind::kInt:
      return j.as_int() != 0;
    case json::Kind::kDouble:
      return j.as_double() != 0 && !std::isnan(j.as_double());
    case json::Kind::kString:
      return !j.as_string().empty();
    case json::Kind::kObject:
      return j.size() > 0;
    case json::Kind::kArray: {
      auto items = j.items();
      if (items.size() == 1) return ToBoolean(Value(items[0]));
      for (const json::Value& item : items) {
        if (ToBoolean(Value(item)).value_or(false)) return true;
      }
      return false;
    }
  }
  return false;
}

bool DeepEqual(const Value& a, const Value& b) {
  if (a.is_undefined() || b.is_undefined()) return a.is_undefined() && b.is_undefined();
  if (a.is_json() && b.is_json()) return a.json() == b.json();
  if (a.is_function() || b.is_function()) return a.Identical(b);
  if (a.is_array() && b.is_array()) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (!DeepEqual(a.at(i), b.at(i))) return false;
    }
    return true;
  }
  if (a.is_object() && b.is_object()) {
    size_t count_a = 0, count_b = 0;
    bool equal = true;
    ForEachMember(a, [&](std::string_view key, const Value& value) {
      ++count_a;
      if (equal && !DeepEqual(value, MemberOf(b, key))) equal = false;
    });
    ForEachMember(b, [&](std::string_view, const Value&) { ++count_b; });
    return equal && count_a == count_b;
  }
  return false;
}

std::string NumberToString(double d) {
  // JSON.stringify(Number(d.toPrecision(15))).
  if (!std::isfinite(d)) return FormatJsNumber(d);
  // Shortest digits of at most 15 significant figures survive toPrecision(15) unchanged.
  std::string shortest = FormatJsNumber(d);
  int digits = 0;
  bool leading = true;
  for (char c : shortest) {
    if (c == 'e') break;
    if (c < '0' || c > '9') continue;
    if (leading && c == '0') continue;
    leading = false;
    ++digits;
  }
  // Trailing zeros of an integer do not count ("1e+21" prints as digits plus zeros).
  if (digits <= 15 || shortest.find('.') == std::string::npos) {
    size_t end = shortest.find('e');
    std::string mantissa = shortest.substr(0, end);
    int significant = 0, zeros = 0;
    leading = true;
    for (char c : mantissa) {
      if (c < '0' || c > '9') continue;
      if (leading && c == '0') continue;
      leading = false;
      if (c == '0') {
        ++zeros;
      } else {
        significant += zeros + 1;
        zeros = 0;
      }
    }
    if (significant <= 15) return shortest;
  }
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.14e", d);
  return FormatJsNumber(std::strtod(buffer, nullptr));
}

namespace {

void AppendIndent(std::string& out, int indent, int level) {
  out += '\n';
  out.append(static_cast<size_t>(indent * level), ' ');
}

// JSON.stringify(value, replacer, indent) where the replacer turns numbers to 15 significant
// digits and functions to "". Returns false for a value JSON.stringify skips (undefined). An
// infinite number goes to *bad (the reference's replacer fails on it).
bool AppendStringified(std::string& out, const Value& value, int indent, int level,
                       std::optional<double>* bad = nullptr) {
  switch (value.type()) {
    case Value::Type::kUndefined:
      return false;
    case Value::Type::kFunction:
      out += "\"\"";
      return true;
    case Value::Type::kJson: {
      const json::Value& j = value.json();
      switch (j.kind()) {
        case json::Kind::kNull:
          out += "null";
          return true;
        case json::Kind::kBool:
          out += j.as_bool() ? "true" : "false";
          return true;
        case json::Kind::kInt:
        case json::Kind::kDouble: {
          if (j.is_int()) {
            out += FormatJsNumber(static_cast<double>(j.as_int()));
            return true;
          }
          double d = j.as_number();
          if (!std::isfinite(d) && bad != nullptr && !bad->has_value()) *bad = d;
          out += std::isfinite(d) ? NumberToString(d) : "null";
          return true;
        }
        case json::Kind::kString:
          json::AppendQuoted(out, j.as_string());
          return true;
        default:
          break;
      }
      break;
    }
    default:
      break;
  }
  if (value.is_array()) {
    size_t n = value.size();
    if (n == 0) {
      out += "[]";
      return true;
    }
    out += '[';
    for (size_t i = 0; i < n; ++i) {
      if (i > 0) out += ',';
      if (indent > 0) AppendIndent(out, indent, level + 1);
      if (!AppendStringified(out, value.at(i), indent, level + 1, bad)) out += "null";
    }
    if (indent > 0) AppendIndent(out, indent, level);
    out += ']';
    return true;
  }
  // An object.
  bool first = true;
  out += '{';
  ForEachMember(value, [&](std::string_view key, const Value& member) {
    if (member.is_undefined()) return;
    if (!first) out += ',';
    first = false;
    if (indent > 0) AppendIndent(out, indent, level + 1);
    json::AppendQuoted(out, key);
    out += indent > 0 ? ": " : ":";
    AppendStringified(out, member, indent, level + 1, bad);
  });
  if (!first && indent > 0) AppendIndent(out, indent, level);
  out += '}';
  return true;
}

}  // namespace

Result<std::string> Stringify(Evaluator& ev, const Value& value, bool pretty) {
  if (value.is_string()) return std::string(value.str());
  if (value.is_function()) return std::string();
  if (value.is_number() && !std::isfinite(value.number())) {
    return ev.Fail("D3001", kNoPosition, std::nullopt, &value);
  }
  Value arg = value.has_flag(Value::kOuterWrapper) && value.size() > 0 ? value.at(0) : value;
  std::string out;
  std::optional<double> bad;
  AppendStringified(out, arg, pretty ? 2 : 0, 0, &bad);
  if (bad.has_value()) {
    Value number(json::Value::Double(*bad));
    return ev.Fail("D1001", kNoPosition, std::nullopt, &number);
  }
  return out;
}

std::string ValueText(const Value& value) {
  if (value.is_undefined()) return "undefined";
  if (value.is_number()) return FormatJsNumber(value.number());
  std::string out;
  AppendStringified(out, value, 0, 0);
  return out;
}

Value LookupField(const Value& input, std::string_view key) {
  if (input.is_array()) {
    std::vector<Value> result;
    size_t n = input.size();
    for (size_t i = 0; i < n; ++i) {
      Value res = LookupField(input.at(i), key);
      if (res.is_undefined()) continue;
      if (res.is_array()) {
        size_t m = res.size();
        for (size_t j = 0; j < m; ++j) result.push_back(res.at(j));
      } else {
        result.push_back(std::move(res));
      }
    }
    return Value::Sequence(std::move(result));
  }
  if (input.is_json()) {
    const json::Value* found = input.json().Find(key);
    return found != nullptr ? Value(*found) : Value();
  }
  if (input.type() == Value::Type::kObject) return MemberOf(input, key);
  return Value();
}

Value Append(const Value& a, const Value& b) {
  if (a.is_undefined()) return b;
  if (b.is_undefined()) return a;
  std::vector<Value> items;
  if (a.is_array()) {
    size_t n = a.size();
    items.reserve(n + 1);
    for (size_t i = 0; i < n; ++i) items.push_back(a.at(i));
  } else {
    items.push_back(a);
  }
  if (b.is_array()) {
    size_t n = b.size();
    for (size_t i = 0; i < n; ++i) items.push_back(b.at(i));
  } else {
    items.push_back(b);
  }
  return Value::Array(std::move(items));
}

std::vector<Value> ItemsOf(const Value& value) {
  std::vector<Value> items;
  if (value.is_array()) {
    size_t n = value.size();
    items.reserve(n);
    for (size_t i = 0; i < n; ++i) items.push_back(value.at(i));
  } else if (value.is_defined()) {
    items.push_back(value);
  }
  return items;
}

char TypeSymbol(const Value& value) {
  switch (value.type()) {
    case Value::Type::kUndefined:
      return 'm';
    case Value::Type::kFunction:
      return 'f';
    case Value::Type::kArray:
      return 'a';
    case Value::Type::kObject:
      return 'o';
    case Value::Type::kJson:
      break;
  }
  switch (value.json().kind()) {
    case json::Kind::kNull:
      return 'l';
    case json::Kind::kBool:
      return 'b';
    case json::Kind::kInt:
    case json::Kind::kDouble:
      return 'n';
    case json::Kind::kString:
      return 's';
    case json::Kind::kArray:
      return 'a';
    case json::Kind::kObject:
      return 'o';
  }
  return 'm';
}

Result<bool> IsNumeric(Evaluator& ev, const Value& value) {
  if (!value.is_number()) return false;
  double d = value.number();
  if (std::isnan(d)) return false;
  if (!std::isfinite(d)) return ev.Fail("D1001", kNoPosition, std::nullopt, &value);
  return true;
}

}  // namespace stepwise::jsonata
