#include <gtest/gtest.h>

#include <string>

#include "asl/intrinsics/test_util.h"

namespace stepwise::asl {
namespace {

using testing::Eval;

std::string Hash(std::string_view data, std::string_view algorithm) {
  return Eval("States.Hash($.d, $.a)",
              "{\"d\":" + std::string(data) + ",\"a\":\"" + std::string(algorithm) + "\"}");
}

const std::string kInvalid = testing::InvalidArguments("States.Hash($.d, $.a)", "States.Hash");

TEST(HashTest, EveryAlgorithm) {
  // Recorded against AWS (MD5, SHA-256, SHA-384, SHA-512) and the guide's SHA-1 example, whose
  // printed digest lacks a digit.
  EXPECT_EQ(Hash(R"("input data")", "MD5"), R"("812f45842bc6d66ee14572ce20db8e86")");
  EXPECT_EQ(Hash(R"("input data")", "SHA-1"), R"("aaff4a450a104cd177d28d18d74485e8cae074b7")");
  EXPECT_EQ(Hash(R"("input data")", "SHA-256"),
            R"("b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3")");
  EXPECT_EQ(Hash(R"("input data")", "SHA-384"),
            "\"d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6"
            "123aa008c756511b87525bdc835ebb27e1fb9e9374a15562\"");
  EXPECT_EQ(Hash(R"("input data")", "SHA-512"),
            "\"6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce"
            "2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4\"");
}

TEST(HashTest, HashesUtf8Bytes) {
  EXPECT_EQ(Hash(R"("✓")", "SHA-256"),
            R"("1dabba21cdad44541f6b15796f8d22978fc7ea10c46aeceeeeb66c23b3ac7604")");
  EXPECT_EQ(Eval("States.Hash('', 'SHA-256')"),
            R"("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")");
}

TEST(HashTest, OtherValuesAreHashedAsJsonText) {
  EXPECT_EQ(Hash("123", "MD5"), R"("202cb962ac59075b964b07152d234b70")");
  EXPECT_EQ(Hash(R"({"a":[1,2.5]})", "MD5"), R"("6078453a2eef2b03d82bb1fb3e386f10")");
  EXPECT_EQ(Hash("null", "MD5"), kInvalid);
}

TEST(HashTest, AlgorithmNamesAreExact) {
  for (const char* name : {"sha-256", "SHA256", "MD-5", "SHA-257", ""}) {
    EXPECT_EQ(Hash(R"("data")", name), kInvalid) << name;
  }
  EXPECT_EQ(testing::CompileError("States.Hash('hello', 123)"),
            "Argument 2 of States.Hash must be a string, not a number at position 22 in "
            "'States.Hash('hello', 123)'");
}

TEST(HashTest, AtMostTenThousandCharacters) {
  EXPECT_EQ(Hash("\"" + std::string(10000, 'a') + "\"", "SHA-256"),
            R"("27dd1f61b867b6a0f6e9d8a41c43231de52107e53ae424de8f847b821db4b711")");
  EXPECT_EQ(Hash("\"" + std::string(10001, 'a') + "\"", "SHA-256"), kInvalid);
}

}  // namespace
}  // namespace stepwise::asl
