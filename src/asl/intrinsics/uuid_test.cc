#include <gtest/gtest.h>

#include <string>

#include "asl/intrinsics/test_util.h"

namespace stepwise::asl {
namespace {

using testing::Eval;

// Whether text is a quoted lowercase version 4 UUID: "xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx".
// (A hand check: GCC 12 warns inside std::regex under the sanitizers.)
bool IsQuotedUuidV4(const std::string& text) {
  if (text.size() != 38 || text.front() != '"' || text.back() != '"') return false;
  const std::string uuid = text.substr(1, 36);
  for (size_t i = 0; i < uuid.size(); ++i) {
    const char c = uuid[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return uuid[14] == '4' && std::string_view("89ab").find(uuid[19]) != std::string_view::npos;
}

TEST(UuidTest, VersionFourFromTheRandomSource) {
  testing::ScriptedRandom random({0x0123456789ABCDEFULL, 0xFEDCBA9876543210ULL});
  // The version nibble becomes 4 and the variant bits 10.
  EXPECT_EQ(Eval("States.UUID()", "{}", &random), R"("01234567-89ab-4def-bedc-ba9876543210")");
}

TEST(UuidTest, Format) {
  testing::SeededRandom random;
  for (int i = 0; i < 100; ++i) {
    const std::string uuid = Eval("States.UUID()", "{}", &random);
    EXPECT_TRUE(IsQuotedUuidV4(uuid)) << uuid;
  }
  EXPECT_FALSE(IsQuotedUuidV4(R"("01234567-89ab-5def-bedc-ba9876543210")"));
}

TEST(UuidTest, DifferentEachTime) {
  testing::SeededRandom random;
  EXPECT_NE(Eval("States.UUID()", "{}", &random), Eval("States.UUID()", "{}", &random));
  EXPECT_NE(Eval("States.UUID()"), Eval("States.UUID()"));
}

}  // namespace
}  // namespace stepwise::asl
