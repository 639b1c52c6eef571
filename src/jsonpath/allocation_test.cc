// Proves that evaluating a Reference Path allocates nothing. This file replaces the global
// operator new and delete for the whole test binary with versions over malloc and free that count
// allocations; the counter is their only new behaviour.

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <new>

#include "jsonpath/path.h"
#include "jsonpath/test_util.h"

namespace {
std::atomic<int64_t> allocations{0};
}  // namespace

// Every unaligned form is replaced, so that memory always pairs malloc with free (simdjson, for
// one, allocates with the nothrow form); the aligned forms are left to the library.
namespace {
void* CountedAllocate(size_t size) noexcept {
  allocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(size == 0 ? 1 : size);
}
void* CountedAllocateOrThrow(size_t size) {
  if (void* block = CountedAllocate(size)) return block;
  throw std::bad_alloc();
}
}  // namespace

void* operator new(size_t size) { return CountedAllocateOrThrow(size); }
void* operator new[](size_t size) { return CountedAllocateOrThrow(size); }
void* operator new(size_t size, const std::nothrow_t&) noexcept { return CountedAllocate(size); }
void* operator new[](size_t size, const std::nothrow_t&) noexcept { return CountedAllocate(size); }

// GCC assumes that a pointer reaching operator delete came from the standard operator new, and
// so calls free() on it a mismatch; here both sides are ours and do pair malloc with free.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void operator delete(void* block) noexcept { std::free(block); }
void operator delete[](void* block) noexcept { std::free(block); }
void operator delete(void* block, size_t) noexcept { std::free(block); }
void operator delete[](void* block, size_t) noexcept { std::free(block); }
void operator delete(void* block, const std::nothrow_t&) noexcept { std::free(block); }
void operator delete[](void* block, const std::nothrow_t&) noexcept { std::free(block); }
#pragma GCC diagnostic pop

namespace stepwise::jsonpath {
namespace {

using testing::Json;

TEST(AllocationTest, EvaluatingAReferencePathAllocatesNothing) {
  json::Value input =
      Json(R"({"order":{"lines":[{"sku":"a string longer than fourteen bytes"},{"sku":"b"}]}})");
  Path path = Path::Compile("$.order.lines[-2].sku").value();
  Roots roots{.input = &input};
  int64_t before = allocations.load();
  std::optional<json::Value> sku = path.Evaluate(roots);
  int64_t after = allocations.load();
  ASSERT_TRUE(sku.has_value());
  EXPECT_EQ(sku->as_string(), "a string longer than fourteen bytes");
  EXPECT_EQ(after - before, 0);
}

TEST(AllocationTest, TheCounterSeesAllocations) {
  int64_t before = allocations.load();
  json::Value array = json::Value::Array({json::Value::Int(1)});
  EXPECT_GT(allocations.load() - before, 0);
}

}  // namespace
}  // namespace stepwise::jsonpath
