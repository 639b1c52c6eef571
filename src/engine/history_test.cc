// The history's storage: events across its growing chunks, readers in id order.
#include "engine/history.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace stepwise::engine {
namespace {

TEST(HistoryTest, KeepsEveryEventAcrossChunksInIdOrder) {
  History history;
  for (int i = 0; i < 10000; ++i) {
    HistoryEvent event;
    event.number = static_cast<uint32_t>(i);
    EXPECT_EQ(history.Append(event), i + 1);
  }
  std::vector<uint32_t> ids;
  history.ForEach([&](const HistoryEvent& e) {
    EXPECT_EQ(e.number + 1, e.id);
    ids.push_back(e.id);
  });
  ASSERT_EQ(ids.size(), 10000u);
  EXPECT_EQ(ids.front(), 1u);
  EXPECT_EQ(ids.back(), 10000u);
  // A reader that persists events goes on where it stopped, up to a bound.
  size_t seen = 0;
  EXPECT_EQ(history.VisitWrittenFrom(60, [&](const HistoryEvent&) { ++seen; }, 200), 140u);
  EXPECT_EQ(seen, 140u);
}

TEST(HistoryTest, AResumedHistoryNumbersOnFromItsFirstId) {
  History history(5001);
  HistoryEvent event;
  EXPECT_EQ(history.Append(event), 5001);
  EXPECT_EQ(history.Append(event), 5002);
  std::vector<uint32_t> ids;
  history.ForEach([&](const HistoryEvent& e) { ids.push_back(e.id); });
  EXPECT_EQ(ids, (std::vector<uint32_t>{5001, 5002}));
  EXPECT_EQ(history.VisitWrittenFrom(5000, [](const HistoryEvent&) {}), 2u);
}

TEST(HistoryTest, ConcurrentWritersLoseNothing) {
  History history;
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t) {
    writers.emplace_back([&history] {
      for (int i = 0; i < 5000; ++i) history.Append(HistoryEvent{});
    });
  }
  for (std::thread& writer : writers) writer.join();
  size_t count = 0;
  history.ForEach([&](const HistoryEvent&) { ++count; });
  EXPECT_EQ(count, 20000u);
  EXPECT_EQ(history.VisitWrittenFrom(0, [](const HistoryEvent&) {}), 20000u);
}

}  // namespace
}  // namespace stepwise::engine
