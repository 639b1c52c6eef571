#include "json/value.h"

#include <atomic>
#include <cassert>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <new>

#include "json/number_format.h"
#include "json/string_escape.h"

namespace stepwise::json {

std::string_view KindName(Kind kind) {
  switch (kind) {
    case Kind::kNull: return "null";
    case Kind::kBool: return "boolean";
    case Kind::kInt:
    case Kind::kDouble: return "number";
    case Kind::kString: return "string";
    case Kind::kArray: return "array";
    case Kind::kObject: return "object";
  }
  return "unknown";
}

namespace detail {

struct StringNode : Node {
  explicit StringNode(size_t n) : Node(Kind::kString), length(n) {}
  char* data() { return reinterpret_cast<char*>(this + 1); }
  size_t length;
};

struct ArrayNode : Node {
  explicit ArrayNode(size_t n) : Node(Kind::kArray), count(n) {}
  Value* items() { return reinterpret_cast<Value*>(this + 1); }
  size_t count;
};

// Objects with more members than this get a hash index; smaller ones are scanned.
inline constexpr size_t kIndexThreshold = 8;

struct ObjectNode : Node {
  ObjectNode(size_t n, size_t capacity) : Node(Kind::kObject), count(n), index_capacity(capacity) {}
  Member* members() { return reinterpret_cast<Member*>(this + 1); }
  // Open-addressing table of member index + 1 (0 marks an empty slot); capacity is a power of two.
  uint32_t* index() { return reinterpret_cast<uint32_t*>(members() + count); }
  size_t count;
  size_t index_capacity;
};

static_assert(sizeof(StringNode) % alignof(Value) == 0);
static_assert(sizeof(ArrayNode) % alignof(Value) == 0);
static_assert(sizeof(ObjectNode) % alignof(Member) == 0);

namespace {

size_t HashKey(std::string_view key) { return std::hash<std::string_view>{}(key); }

}  // namespace

void Destroy(Node* node) {
  switch (node->kind) {
    case Kind::kString:
      static_cast<StringNode*>(node)->~StringNode();
      break;
    case Kind::kArray: {
      auto* array = static_cast<ArrayNode*>(node);
      for (size_t i = 0; i < array->count; ++i) array->items()[i].~Value();
      array->~ArrayNode();
      break;
    }
    case Kind::kObject: {
      auto* object = static_cast<ObjectNode*>(node);
      for (size_t i = 0; i < object->count; ++i) object->members()[i].~Member();
      object->~ObjectNode();
      break;
    }
    default:
      assert(false && "scalar kinds have no heap node");
  }
  ::operator delete(node);
}

}  // namespace detail

using detail::ArrayNode;
using detail::Node;
using detail::ObjectNode;
using detail::StringNode;

// ---- Construction, copy and destruction -------------------------------------------------------

Value::Value(Node* node, Kind kind) {
  boxed_.kind = kind;
  boxed_.size = kHeap;
  boxed_.node = node;
}

Value Value::HeapString(std::string_view s) {
  void* block = ::operator new(sizeof(StringNode) + s.size());
  auto* node = new (block) StringNode(s.size());
  std::memcpy(node->data(), s.data(), s.size());
  return Value(node, Kind::kString);
}

Value Value::Array(std::vector<Value> items) { return ArrayFromItems(items); }

Value Value::Array(std::initializer_list<Value> items) {
  return Array(std::vector<Value>(items));
}

Value Value::EmptyArray() { return Array(std::vector<Value>{}); }

Value Value::EmptyObject() { return Object(std::vector<Member>{}); }

Value Value::Object(std::vector<Member> members) { return MakeObject(members, nullptr); }

Value Value::Object(std::initializer_list<Member> members) {
  return Object(std::vector<Member>(members));
}

namespace {

size_t IndexCapacityFor(size_t count) {
  if (count <= detail::kIndexThreshold) return 0;
  size_t capacity = 16;
  while (capacity < count * 2) capacity *= 2;
  return capacity;
}

// Fills the node's index; returns the position of the first member whose key an earlier member
// already has, or -1.
int64_t BuildIndex(ObjectNode* node) {
  int64_t repeated = -1;
  uint32_t* table = node->index();
  std::memset(table, 0, node->index_capacity * sizeof(uint32_t));
  size_t mask = node->index_capacity - 1;
  for (size_t i = 0; i < node->count; ++i) {
    std::string_view key = node->members()[i].name();
    size_t slot = detail::HashKey(key) & mask;
    while (table[slot] != 0) {
      if (node->members()[table[slot] - 1].name() == key && repeated < 0) {
        repeated = static_cast<int64_t>(i);
      }
      slot = (slot + 1) & mask;
    }
    table[slot] = static_cast<uint32_t>(i + 1);
  }
  return repeated;
}

int64_t FindRepeatByScan(std::span<const Member> members) {
  for (size_t i = 1; i < members.size(); ++i) {
    std::string_view key = members[i].name();
    for (size_t j = 0; j < i; ++j) {
      if (members[j].name() == key) return static_cast<int64_t>(i);
    }
  }
  return -1;
}

// Keeps the first position of each key with the last value given for it.
std::vector<Member> MergeRepeatedKeys(std::vector<Member> members) {
  std::vector<Member> merged;
  merged.reserve(members.size());
  for (Member& m : members) {
    bool replaced = false;
    for (Member& existing : merged) {
      if (existing.name() == m.name()) {
        existing.value = std::move(m.value);
        replaced = true;
        break;
      }
    }
    if (!replaced) merged.push_back(std::move(m));
  }
  return merged;
}

}  // namespace

Value Value::MakeObject(std::span<Member> members, int64_t* repeated_key) {
  size_t count = members.size();
  int64_t repeated = -1;
  if (count <= detail::kIndexThreshold) repeated = FindRepeatByScan(members);
  size_t capacity = IndexCapacityFor(count);
  if (repeated < 0) {
    void* block = ::operator new(sizeof(ObjectNode) + count * sizeof(Member) +
                                 capacity * sizeof(uint32_t));
    auto* node = new (block) ObjectNode(count, capacity);
    for (size_t i = 0; i < count; ++i) new (&node->members()[i]) Member(std::move(members[i]));
    if (capacity != 0) repeated = BuildIndex(node);
    if (repeated < 0) {
      if (repeated_key != nullptr) *repeated_key = -1;
      return Value(node, Kind::kObject);
    }
    // Rare: a repeated key in a large object. Take the members back and merge below.
    for (size_t i = 0; i < count; ++i) members[i] = std::move(node->members()[i]);
    detail::Destroy(node);  // the moved-from shell
  }
  if (repeated_key != nullptr) *repeated_key = repeated;
  std::vector<Member> merged =
      MergeRepeatedKeys(std::vector<Member>(std::make_move_iterator(members.begin()),
                                            std::make_move_iterator(members.end())));
  return MakeObject(merged, nullptr);
}

Value Value::MakeDistinctObject(std::span<Member> members) {
  size_t count = members.size();
  size_t capacity = IndexCapacityFor(count);
  void* block =
      ::operator new(sizeof(ObjectNode) + count * sizeof(Member) + capacity * sizeof(uint32_t));
  auto* node = new (block) ObjectNode(count, capacity);
  for (size_t i = 0; i < count; ++i) new (&node->members()[i]) Member(std::move(members[i]));
  if (capacity != 0) {
    [[maybe_unused]] int64_t repeated = BuildIndex(node);
    assert(repeated < 0 && "ObjectWithDistinctKeys: a key repeats");
  }
  return Value(node, Kind::kObject);
}

Value Value::ObjectWithDistinctKeys(std::vector<Member> members) {
  return MakeDistinctObject(members);
}

Value Value::ObjectWithDistinctKeys(std::span<Member> members) {
  return MakeDistinctObject(members);
}

Value Value::ObjectFromMembers(std::span<Member> members, int64_t* repeated_key) {
  return MakeObject(members, repeated_key);
}

Value Value::ArrayFromItems(std::span<Value> items) {
  void* block = ::operator new(sizeof(ArrayNode) + items.size() * sizeof(Value));
  auto* node = new (block) ArrayNode(items.size());
  for (size_t i = 0; i < items.size(); ++i) new (&node->items()[i]) Value(std::move(items[i]));
  return Value(node, Kind::kArray);
}

Value ObjectBuilder::Build(int64_t* repeated_key) {
  return Value::MakeObject(members_, repeated_key);
}

// ---- Accessors ----------------------------------------------------------------------------------

std::string_view Value::as_string() const {
  assert(is_string());
  if (inline_.size != kHeap) return std::string_view(inline_.chars, inline_.size);
  auto* node = static_cast<StringNode*>(boxed_.node);
  return std::string_view(node->data(), node->length);
}

std::span<const Value> Value::items() const {
  assert(is_array());
  auto* node = static_cast<ArrayNode*>(boxed_.node);
  return std::span<const Value>(node->items(), node->count);
}

std::span<const Member> Value::members() const {
  assert(is_object());
  auto* node = static_cast<ObjectNode*>(boxed_.node);
  return std::span<const Member>(node->members(), node->count);
}

size_t Value::size() const {
  if (is_array()) return static_cast<ArrayNode*>(boxed_.node)->count;
  if (is_object()) return static_cast<ObjectNode*>(boxed_.node)->count;
  return 0;
}

namespace {

// Key equality for Find: the length and first byte settle most mismatches without a call to
// memcmp (a lookup in a small object otherwise spent as long in memcmp as in the scan).
inline bool SameKey(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         (a.empty() || (a[0] == b[0] && std::memcmp(a.data(), b.data(), a.size()) == 0));
}

}  // namespace

const Value* Value::Find(std::string_view key) const {
  if (!is_object()) return nullptr;
  auto* node = static_cast<ObjectNode*>(boxed_.node);
  Member* members = node->members();
  if (node->index_capacity == 0) {
    for (size_t i = 0; i < node->count; ++i) {
      if (SameKey(members[i].name(), key)) return &members[i].value;
    }
    return nullptr;
  }
  const uint32_t* table = node->index();
  size_t mask = node->index_capacity - 1;
  for (size_t slot = detail::HashKey(key) & mask; table[slot] != 0; slot = (slot + 1) & mask) {
    const Member& m = members[table[slot] - 1];
    if (SameKey(m.name(), key)) return &m.value;
  }
  return nullptr;
}

const Value* Value::At(size_t index) const {
  if (!is_array()) return nullptr;
  auto* node = static_cast<ArrayNode*>(boxed_.node);
  return index < node->count ? &node->items()[index] : nullptr;
}

// ---- Copies with one change ----------------------------------------------------------------------

Value Value::With(std::string_view key, Value value) const {
  assert(is_object());
  std::span<const Member> old = members();
  std::vector<Member> copy(old.begin(), old.end());
  bool replaced = false;
  for (Member& m : copy) {
    if (m.name() == key) {
      m.value = std::move(value);
      replaced = true;
      break;
    }
  }
  if (!replaced) copy.emplace_back(key, std::move(value));
  return MakeDistinctObject(copy);
}

Value Value::Without(std::string_view key) const {
  assert(is_object());
  std::vector<Member> copy;
  copy.reserve(size());
  for (const Member& m : members()) {
    if (m.name() != key) copy.push_back(m);
  }
  return MakeDistinctObject(copy);
}

Value Value::WithAppended(Value item) const {
  assert(is_array());
  std::vector<Value> copy(items().begin(), items().end());
  copy.push_back(std::move(item));
  return Array(std::move(copy));
}

Value Value::WithItem(size_t index, Value item) const {
  assert(is_array() && index < size());
  std::vector<Value> copy(items().begin(), items().end());
  copy[index] = std::move(item);
  return Array(std::move(copy));
}

// ---- Size and equality ---------------------------------------------------------------------------

size_t Value::SerializedSize() const {
  char buffer[kMaxNumberChars];
  switch (kind()) {
    case Kind::kNull: return 4;
    case Kind::kBool: return boxed_.b ? 4 : 5;
    case Kind::kInt: return IntSize(boxed_.i);
    case Kind::kDouble: return FormatDouble(boxed_.d, buffer);
    case Kind::kString:
      if (inline_.size != kHeap) return QuotedSize(as_string());
      break;
    case Kind::kArray:
    case Kind::kObject:
      break;
  }
  Node* n = boxed_.node;
  size_t cached = n->serialized_size.load(std::memory_order_relaxed);
  if (cached != detail::kUnknownSize) return cached;
  // Shared subtrees make a value a DAG whose serialization can be exponentially larger than the
  // value in memory (a state that puts its input inside itself, in a loop): sums saturate at
  // kMaxSerializedSize instead of wrapping around.
  auto add = [](size_t a, size_t b) { return a > kMaxSerializedSize - b ? kMaxSerializedSize : a + b; };
  size_t total = 0;
  if (is_string()) {
    total = QuotedSize(as_string());
  } else if (is_array()) {
    total = 2 + (size() > 0 ? size() - 1 : 0);  // brackets and commas
    for (const Value& item : items()) total = add(total, item.SerializedSize());
  } else {
    total = 2 + (size() > 0 ? size() - 1 : 0);  // braces and commas
    for (const Member& m : members()) {
      total = add(total, add(m.key.SerializedSize() + 1, m.value.SerializedSize()));
    }
  }
  n->serialized_size.store(total, std::memory_order_relaxed);
  return total;
}

bool Value::SharesNodeWith(const Value& other) const {
  if (node() != nullptr || other.node() != nullptr) return node() == other.node();
  return std::memcmp(this, &other, sizeof(Value)) == 0;
}

namespace {

bool NumbersEqual(const Value& a, const Value& b) {
  if (a.is_int() && b.is_int()) return a.as_int() == b.as_int();
  return a.as_number() == b.as_number();
}

}  // namespace

bool operator==(const Value& a, const Value& b) {
  if (a.is_number() && b.is_number()) return NumbersEqual(a, b);
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case Kind::kNull: return true;
    case Kind::kBool: return a.as_bool() == b.as_bool();
    case Kind::kString: return a.as_string() == b.as_string();
    case Kind::kArray: {
      if (a.node() == b.node()) return true;
      if (a.size() != b.size()) return false;
      auto x = a.items();
      auto y = b.items();
      for (size_t i = 0; i < x.size(); ++i) {
        if (!(x[i] == y[i])) return false;
      }
      return true;
    }
    case Kind::kObject: {
      if (a.node() == b.node()) return true;
      if (a.size() != b.size()) return false;
      for (const Member& m : a.members()) {
        const Value* other = b.Find(m.name());
        if (other == nullptr || !(m.value == *other)) return false;
      }
      return true;
    }
    default: return false;
  }
}

}  // namespace stepwise::json
