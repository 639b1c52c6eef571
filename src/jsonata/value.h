#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "json/value.h"

namespace stepwise::jsonata {

struct Function;
struct ArrayData;
struct ObjectData;

// What the evaluator's values are allocated as, beside json::Value: arrays it builds (sequences
// and constructed arrays), objects holding functions, tuples, and functions.
struct HeapData {
  virtual ~HeapData() = default;
};

// The evaluator's value: undefined, a JSON value (shared with the input, never copied), or one of
// the things JSON cannot hold — arrays the evaluator builds (which may hold functions, and carry
// the reference's sequence flags), objects holding functions, tuples of a tuple stream, and
// functions (lambdas, built-in and host functions, partial applications, regex matchers...).
//
// The reference (jsonata-js) marks arrays with flags: `sequence` (a result sequence, unwrapped
// when it holds one item), `keepSingleton` (from `[]`), `cons` (built by an array constructor that
// is a path step, never flattened), `outerWrapper` (the input array wrapped at the top), and
// `tupleStream`. Here the flags travel with the handle, which is equivalent as the reference only
// sets them on arrays it has just created.
//
// Intentionally copyable: copies share everything.
class Value {
 public:
  enum class Type : uint8_t { kUndefined, kJson, kArray, kObject, kFunction };
  enum Flag : uint8_t {
    kSequence = 1,
    kKeepSingleton = 2,
    kCons = 4,
    kOuterWrapper = 8,
    kTupleStream = 16,
  };

  Value() noexcept : json_() {}  // undefined
  Value(json::Value json) noexcept  // NOLINT: implicit
      : type_(Type::kJson), json_(std::move(json)) {}
  Value(const Value& other) noexcept : type_(other.type_), flags_(other.flags_) {
    if (other.on_heap()) [[unlikely]] {
      new (&heap_) std::shared_ptr<const HeapData>(other.heap_);
    } else {
      new (&json_) json::Value(other.json_);
    }
  }
  // Leaves `other` undefined.
  Value(Value&& other) noexcept : type_(other.type_), flags_(other.flags_) { Take(other); }
  Value& operator=(const Value& other) noexcept {
    if (this != &other) {
      Value copy(other);  // other may live inside this value
      *this = std::move(copy);
    }
    return *this;
  }
  Value& operator=(Value&& other) noexcept {
    if (this != &other) {
      Value taken(std::move(other));  // other may live inside this value
      Destroy();
      type_ = taken.type_;
      flags_ = taken.flags_;
      Take(taken);
    }
    return *this;
  }
  ~Value() { Destroy(); }

  static Value Undefined() { return Value(); }
  static Value Number(double d);
  static Value String(std::string_view s) { return Value(json::Value::String(s)); }
  static Value Bool(bool b) { return Value(json::Value::Bool(b)); }
  static Value Null() { return Value(json::Value::Null()); }
  // A new array owned by the evaluator (flags: a combination of Flag).
  static Value Array(std::vector<Value> items, uint8_t flags = 0);
  static Value Sequence(std::vector<Value> items) { return Array(std::move(items), kSequence); }
  static Value Object(std::shared_ptr<const ObjectData> object);
  static Value Func(std::shared_ptr<const Function> function);

  Type type() const { return type_; }
  bool is_undefined() const { return type_ == Type::kUndefined; }
  bool is_defined() const { return type_ != Type::kUndefined; }
  bool is_json() const { return type_ == Type::kJson; }
  bool is_function() const { return type_ == Type::kFunction; }
  // An array of either kind (JSON or built by the evaluator).
  bool is_array() const {
    return type_ == Type::kArray || (type_ == Type::kJson && json_.is_array());
  }
  // An object of either kind (JSON or holding functions).
  bool is_object() const {
    return type_ == Type::kObject || (type_ == Type::kJson && json_.is_object());
  }
  bool is_string() const { return type_ == Type::kJson && json_.is_string(); }
  bool is_number() const { return type_ == Type::kJson && json_.is_number(); }
  bool is_bool() const { return type_ == Type::kJson && json_.is_bool(); }
  bool is_null() const { return type_ == Type::kJson && json_.is_null(); }

  // The JSON value of a kJson value; null for the others.
  const json::Value& json() const { return on_heap() ? NoJson() : json_; }
  double number() const { return json().as_number(); }
  std::string_view str() const { return json().as_string(); }
  bool boolean() const { return json().as_bool(); }
  // The parts of a kFunction, kObject or kArray value (evaluator.h defines Function).
  inline const Function& function() const;
  inline std::shared_ptr<const Function> function_ptr() const;
  inline const ObjectData& object_data() const;
  inline const ArrayData& array_data() const;

  // Arrays of both kinds: the item count and one item.
  size_t size() const;
  Value at(size_t i) const;

  uint8_t flags() const { return flags_; }
  bool has_flag(Flag f) const { return (flags_ & f) != 0; }
  void set_flag(Flag f) { flags_ |= f; }
  void clear_flag(Flag f) { flags_ &= static_cast<uint8_t>(~f); }
  bool is_sequence() const { return is_array() && has_flag(kSequence); }

  // Whether two values are the same object (JavaScript's === on objects), or equal primitives.
  bool Identical(const Value& other) const;

 private:
  // One of the two is alive: json_ for kUndefined (a null) and kJson, heap_ for the others.
  // Copies, moves and destruction touch only that one, and a Value is 24 bytes.
  bool on_heap() const { return type_ >= Type::kArray; }
  static const json::Value& NoJson() {
    static const json::Value null;
    return null;
  }
  // Moves other's payload into this value's (dead) storage; other becomes undefined. Forced
  // inline, as Destroy: GCC otherwise keeps these out of line, and they run on every move of every
  // value (a tenth of the time of a path filter, measured with perf).
  [[gnu::always_inline]] void Take(Value& other) noexcept {
    if (other.on_heap()) [[unlikely]] {
      new (&heap_) std::shared_ptr<const HeapData>(std::move(other.heap_));
      other.heap_.~shared_ptr();
      new (&other.json_) json::Value();
    } else {
      new (&json_) json::Value(std::move(other.json_));
    }
    other.type_ = Type::kUndefined;
    other.flags_ = 0;
  }
  // Ends the payload's lifetime; the caller constructs another one.
  [[gnu::always_inline]] void Destroy() noexcept {
    if (on_heap()) [[unlikely]] {
      DestroyHeap();
    } else {
      json_.~Value();
    }
  }
  void DestroyHeap() noexcept;
  void SetHeap(Type type, std::shared_ptr<const HeapData> heap) {
    Destroy();
    type_ = type;
    new (&heap_) std::shared_ptr<const HeapData>(std::move(heap));
  }

  Type type_ = Type::kUndefined;
  uint8_t flags_ = 0;
  union {
    json::Value json_;
    std::shared_ptr<const HeapData> heap_;
  };
};

static_assert(sizeof(Value) == 24);

struct ArrayData : HeapData {
  std::vector<Value> items;
};

// An object the evaluator built that holds something JSON cannot (a function), or a tuple of a
// tuple stream (names of bound variables, "@" for the context, "%N" for ancestor labels).
struct ObjectData : HeapData {
  std::vector<std::pair<std::string, Value>> members;
  const Value* Find(std::string_view key) const {  // linear: tuples and such objects are small
    for (const auto& [name, value] : members) {
      if (name == key) return &value;
    }
    return nullptr;
  }
  void Set(std::string_view key, Value value) {
    for (auto& [name, existing] : members) {
      if (name == key) {
        existing = std::move(value);
        return;
      }
    }
    members.emplace_back(std::string(key), std::move(value));
  }
};

inline const ObjectData& Value::object_data() const {
  return *static_cast<const ObjectData*>(heap_.get());
}
inline const ArrayData& Value::array_data() const {
  return *static_cast<const ArrayData*>(heap_.get());
}

inline size_t Value::size() const {
  if (type_ == Type::kArray) return array_data().items.size();
  if (type_ == Type::kJson && json_.is_array()) return json_.size();
  return 0;
}

inline Value Value::at(size_t i) const {
  if (type_ == Type::kArray) return array_data().items[i];
  return Value(json_.items()[i]);
}

// Object members of either kind, in order.
template <typename F>
void ForEachMember(const Value& object, F&& f) {
  if (object.type() == Value::Type::kObject) {
    for (const auto& [name, value] : object.object_data().members) f(std::string_view(name), value);
  } else if (object.is_json() && object.json().is_object()) {
    for (const json::Member& member : object.json().members()) {
      f(member.name(), Value(member.value));
    }
  }
}

// The value of key in an object of either kind, or undefined.
Value MemberOf(const Value& object, std::string_view key);

// The JSON form of a value, as JSON.stringify would give it (functions in objects are dropped,
// in arrays they become null); nullopt for undefined and for a function.
std::optional<json::Value> ToJson(const Value& value);

// A number as JSON: an integer when integral and within +/-2^53, otherwise a double.
json::Value JsonNumber(double d);

}  // namespace stepwise::jsonata
