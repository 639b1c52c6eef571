// The table of built-in functions: built once (thread-safe static initialization), then read.

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string_view>
#include <unordered_map>

#include "jsonata/functions/library.h"

namespace stepwise::jsonata {
namespace {

struct Library {
  std::vector<std::unique_ptr<NativeFunction>> functions;
  std::unordered_map<std::string_view, const NativeFunction*> by_name;
  std::unordered_map<std::string_view, Value> values;
};

const Library& GetLibrary() {
  static const Library* library = [] {
    auto* lib = new Library();
    using functions::Entry;
    std::vector<std::vector<Entry>> families = {
        functions::StringFunctions(),      functions::NumericFunctions(),
        functions::AggregationFunctions(), functions::BooleanFunctions(),
        functions::ArrayFunctions(),       functions::ObjectFunctions(),
        functions::HigherOrderFunctions(), functions::DateTimeFunctions(),
        functions::MiscFunctions(),        functions::FormatFunctions(),
    };
    for (const auto& family : families) {
      for (const Entry& entry : family) {
        auto native = std::make_unique<NativeFunction>();
        native->name = std::string(entry.name);
        ParseError error;
        Result<Signature> signature = ParseSignature(entry.signature, 0, &error);
        if (!signature.ok()) std::abort();  // A programmer error in the table.
        native->signature = signature.release_value();
        native->body = entry.body;
        native->arity =
            entry.arity >= 0 ? static_cast<size_t>(entry.arity) : native->signature.params.size();
        lib->by_name[native->name] = native.get();
        auto f = std::make_shared<Function>(Function::Kind::kNative);
        f->native = native.get();
        lib->values[native->name] = Value::Func(std::move(f));
        lib->functions.push_back(std::move(native));
      }
    }
    return lib;
  }();
  return *library;
}

}  // namespace

const NativeFunction* FindNative(std::string_view name) {
  const Library& lib = GetLibrary();
  auto it = lib.by_name.find(name);
  return it == lib.by_name.end() ? nullptr : it->second;
}

const Value* FindNativeValue(std::string_view name) {
  // Every call of a built-in looks its name up here. Names come from the expression's tree, so
  // the same text tends to come at the same address: a small per-thread memo keyed by the
  // address (and checked against the text) answers most lookups without hashing the name.
  struct Memo {
    const char* data = nullptr;
    std::string_view name;
    const Value* value = nullptr;
  };
  constexpr size_t kMemoSize = 64;  // the top 6 bits of the hash below
  thread_local Memo memo[kMemoSize];
  // Fibonacci hashing of the address: tree nodes sit at regular strides, which low bits alone
  // would map to a few slots.
  uint64_t address = reinterpret_cast<uintptr_t>(name.data());
  Memo& slot = memo[(address * 0x9E3779B97F4A7C15ull) >> 58];
  if (slot.data == name.data() && slot.name == name) return slot.value;
  const Library& lib = GetLibrary();
  auto it = lib.values.find(name);
  const Value* found = it == lib.values.end() ? nullptr : &it->second;
  if (found != nullptr) slot = Memo{name.data(), it->first, found};
  return found;
}

namespace functions {

Result<Value> CallWithItem(NativeContext& cx, const Value& f, const Value& item, size_t index,
                           const Value& array) {
  size_t arity = f.is_function() ? f.function().Arity() : 1;
  std::vector<Value> args;
  args.reserve(arity < 3 ? arity : 3);
  args.push_back(item);
  if (arity >= 2) args.push_back(Value::Number(static_cast<double>(index)));
  if (arity >= 3) args.push_back(array);
  return cx.ev.Apply(f, std::move(args), cx.input, cx.env);
}

size_t CodePointCount(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

size_t CodePointOffset(std::string_view s, size_t cp) {
  size_t i = 0;
  while (i < s.size() && cp > 0) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    --cp;
  }
  return i;
}

namespace {
size_t Utf16Units(unsigned char lead) { return lead >= 0xF0 ? 2 : 1; }
}  // namespace

size_t Utf16Length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) n += Utf16Units(c);
  }
  return n;
}

size_t Utf16ToByte(std::string_view s, size_t u16) {
  size_t i = 0, units = 0;
  while (i < s.size() && units < u16) {
    units += Utf16Units(static_cast<unsigned char>(s[i]));
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
  }
  return i;
}

size_t ByteToUtf16(std::string_view s, size_t byte) {
  return Utf16Length(s.substr(0, std::min(byte, s.size())));
}

}  // namespace functions
}  // namespace stepwise::jsonata
