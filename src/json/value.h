#pragma once

#include <atomic>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace stepwise::json {

enum class Kind : uint8_t { kNull, kBool, kInt, kDouble, kString, kArray, kObject };

// The name JSON and AWS's messages use for a kind: "null", "boolean", "number", "string",
// "array", "object".
std::string_view KindName(Kind kind);

class Value;
struct Member;

namespace detail {

inline constexpr size_t kUnknownSize = static_cast<size_t>(-1);

// The header every heap node starts with (value.cc defines the node kinds). It is here so that
// copying and destroying values, the hottest operations of all, are inline.
struct Node {
  explicit Node(Kind k) : kind(k) {}
  std::atomic<uint32_t> refs{1};
  Kind kind;
  // The compact serialization's size, computed on first use (see Value::SerializedSize). Racing
  // threads compute the same number, so relaxed stores suffice.
  mutable std::atomic<size_t> serialized_size{kUnknownSize};
};

// Frees a node whose last reference is gone (and releases its children).
void Destroy(Node* node);

}  // namespace detail

// An immutable JSON value.
//
// A Value is 16 bytes. Null, booleans, numbers and strings of up to 14 bytes live inline; longer
// strings, arrays and objects live in reference-counted heap nodes that are never modified after
// construction. Copying a Value is therefore O(1) (at most one atomic increment), and "changing"
// one (With, WithAppended, ...) builds a new node for the changed container only and shares every
// other node. This is what lets a state pass a 200 KiB payload to its output, to Parallel branches
// and to Map iterations without copying it.
//
// Numbers: integers that fit in int64 are kept exactly (Kind::kInt); every other number is a
// double (Kind::kDouble). Objects keep their keys in insertion order; lookup is a linear scan for
// small objects and a hash index (built once, at construction) for larger ones.
//
// Thread safety: a Value may be read, copied and destroyed concurrently from any number of
// threads; the reference counts are atomic and nodes are immutable.
//
// Intentionally copyable.
class Value {
 public:
  // Null.
  Value() noexcept {
    boxed_.i = 0;  // so that no byte is indeterminate (compilers warn on copies otherwise)
    inline_.kind = Kind::kNull;
    inline_.size = 0;
  }
  Value(const Value& other) noexcept {
    std::memcpy(static_cast<void*>(this), &other, sizeof(Value));
    if (detail::Node* n = node()) n->refs.fetch_add(1, std::memory_order_relaxed);
  }
  Value(Value&& other) noexcept {
    std::memcpy(static_cast<void*>(this), &other, sizeof(Value));
    other.inline_.kind = Kind::kNull;
    other.inline_.size = 0;
  }
  Value& operator=(const Value& other) noexcept {
    if (this != &other) {
      if (detail::Node* n = other.node()) n->refs.fetch_add(1, std::memory_order_relaxed);
      Release();
      std::memcpy(static_cast<void*>(this), &other, sizeof(Value));
    }
    return *this;
  }
  Value& operator=(Value&& other) noexcept {
    if (this != &other) {
      Release();
      std::memcpy(static_cast<void*>(this), &other, sizeof(Value));
      other.inline_.kind = Kind::kNull;
      other.inline_.size = 0;
    }
    return *this;
  }
  ~Value() { Release(); }

  static Value Null() { return Value(); }
  // The scalar constructors and accessors are inline: the JSONata evaluator calls them for every
  // number and boolean it handles.
  static Value Bool(bool b) {
    Value v;
    v.boxed_.kind = Kind::kBool;
    v.boxed_.b = b;
    return v;
  }
  static Value Int(int64_t i) {
    Value v;
    v.boxed_.kind = Kind::kInt;
    v.boxed_.i = i;
    return v;
  }
  static Value Double(double d) {
    Value v;
    v.boxed_.kind = Kind::kDouble;
    v.boxed_.d = d;
    return v;
  }
  static Value String(std::string_view s) {
    if (s.size() > kInlineCapacity) return HeapString(s);
    Value v;
    v.inline_.kind = Kind::kString;
    v.inline_.size = static_cast<uint8_t>(s.size());
    if (!s.empty()) std::memcpy(v.inline_.chars, s.data(), s.size());
    return v;
  }
  static Value Array(std::vector<Value> items);
  static Value Array(std::initializer_list<Value> items);
  // An object from members in order. Where a key repeats, the last value wins and keeps the first
  // key's position (as JSON.parse and Jackson do); use ObjectBuilder to detect repeats instead.
  static Value Object(std::vector<Member> members);
  static Value Object(std::initializer_list<Member> members);
  // The same, moving the elements out of a caller's buffer (which keeps its capacity for reuse);
  // ObjectFromMembers reports repeated keys as ObjectBuilder::Build does.
  static Value ArrayFromItems(std::span<Value> items);
  static Value ObjectFromMembers(std::span<Member> members, int64_t* repeated_key = nullptr);
  // An object from members whose keys the caller knows to be distinct (a compiled template, a
  // copy with one member replaced): skips the check for repeated keys. Precondition: no key
  // repeats.
  static Value ObjectWithDistinctKeys(std::span<Member> members);  // moves from members
  static Value ObjectWithDistinctKeys(std::vector<Member> members);
  static Value EmptyArray();
  static Value EmptyObject();

  Kind kind() const { return inline_.kind; }
  bool is_null() const { return kind() == Kind::kNull; }
  bool is_bool() const { return kind() == Kind::kBool; }
  bool is_int() const { return kind() == Kind::kInt; }
  bool is_double() const { return kind() == Kind::kDouble; }
  bool is_number() const { return kind() == Kind::kInt || kind() == Kind::kDouble; }
  bool is_string() const { return kind() == Kind::kString; }
  bool is_array() const { return kind() == Kind::kArray; }
  bool is_object() const { return kind() == Kind::kObject; }

  // Accessors; calling one on a value of another kind is a programmer error (asserts).
  bool as_bool() const {
    assert(is_bool());
    return boxed_.b;
  }
  int64_t as_int() const {
    assert(is_int());
    return boxed_.i;
  }
  double as_double() const {  // a kDouble
    assert(is_double());
    return boxed_.d;
  }
  double as_number() const {  // a kInt or kDouble, as a double
    assert(is_number());
    return is_int() ? static_cast<double>(boxed_.i) : boxed_.d;
  }
  // The view lives as long as this Value (or any copy of it sharing the node).
  std::string_view as_string() const;
  std::span<const Value> items() const;     // array elements
  std::span<const Member> members() const;  // object members, in insertion order

  // Element count of an array or member count of an object; 0 for anything else.
  size_t size() const;

  // Object lookup: the member's value, or nullptr when this is not an object or has no such key.
  const Value* Find(std::string_view key) const;
  // Array access: the element, or nullptr when this is not an array or index is out of range.
  const Value* At(size_t index) const;

  // Copies with one change. The receiver must be an object (With, Without) or an array
  // (WithAppended, WithItem); everything not changed is shared.
  Value With(std::string_view key, Value value) const;
  Value Without(std::string_view key) const;
  Value WithAppended(Value item) const;
  Value WithItem(size_t index, Value item) const;

  // The number of bytes of this value's compact serialization (as Write produces it), or
  // kMaxSerializedSize when it would be larger. Computed once per container node and cached, so
  // that a value built from shared parts only pays for its new spine. AWS's payload limit is
  // checked with this on every state.
  static constexpr size_t kMaxSerializedSize = size_t{1} << 62;
  size_t SerializedSize() const;

  // Deep equality. Numbers compare by value (1 == 1.0); object member order does not matter.
  friend bool operator==(const Value& a, const Value& b);

  // Whether the two values share the same heap node (or are equal inline values). O(1).
  bool SharesNodeWith(const Value& other) const;

 private:
  friend class ObjectBuilder;
  static Value MakeObject(std::span<Member> members, int64_t* repeated_key);
  static Value MakeDistinctObject(std::span<Member> members);
  static constexpr uint8_t kHeap = 0xFF;
  static constexpr size_t kInlineCapacity = 14;

  explicit Value(detail::Node* node, Kind kind);
  detail::Node* node() const { return inline_.size == kHeap ? boxed_.node : nullptr; }
  void Release() {
    if (detail::Node* n = node()) {
      if (n->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) detail::Destroy(n);
    }
  }
  static Value HeapString(std::string_view s);

  struct Inline {
    Kind kind;
    uint8_t size;  // inline string length, or kHeap when the payload is a heap node
    char chars[kInlineCapacity];
  };
  struct Boxed {
    Kind kind;
    uint8_t size;
    uint8_t padding[6];
    union {
      bool b;
      int64_t i;
      double d;
      detail::Node* node;
    };
  };
  union {
    Inline inline_;
    Boxed boxed_;
  };
};

static_assert(sizeof(Value) == 16);

// An object member. The key is a string Value so that short keys stay inline.
struct Member {
  Member(std::string_view k, Value v) : key(Value::String(k)), value(std::move(v)) {}
  Member(Value k, Value v) : key(std::move(k)), value(std::move(v)) {}
  std::string_view name() const { return key.as_string(); }

  Value key;
  Value value;
};

// Builds an object member by member, detecting repeated keys.
//
//   ObjectBuilder b;
//   b.Add("a", Value::Int(1));
//   Value object = b.Build();
//
// Not thread-safe; single use.
class ObjectBuilder {
 public:
  ObjectBuilder() = default;
  explicit ObjectBuilder(size_t expected_members) { members_.reserve(expected_members); }

  void Add(std::string_view key, Value value) { members_.emplace_back(key, std::move(value)); }
  void Add(Value key, Value value) { members_.emplace_back(std::move(key), std::move(value)); }
  size_t size() const { return members_.size(); }

  // The object; where a key repeats, the last value wins in the first key's position. When
  // repeated_key is given, it receives the Add-order index of the first member whose key repeats
  // an earlier one, or -1.
  Value Build(int64_t* repeated_key = nullptr);

 private:
  std::vector<Member> members_;
};

}  // namespace stepwise::json
