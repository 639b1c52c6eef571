// Golden cases for the definition checker: tests/golden/validate/<case>/definition.json (the
// text as a user wrote it, valid or not), an optional options.json ({"type": "EXPRESS"}), and
// expected.json, the ValidateStateMachineDefinition response body that `stepwise validate --json`
// prints for it. One runner for every case; set STEPWISE_UPDATE_GOLDEN=1 to rewrite expected.json
// files from the current output (then review the diff).

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "asl/load.h"
#include "json/parse.h"
#include "json/write.h"

namespace stepwise {
namespace {

namespace fs = std::filesystem;

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

fs::path GoldenDir() {
  const char* source = std::getenv("STEPWISE_SOURCE_DIR");
  return fs::path(source != nullptr ? source : ".") / "tests" / "golden" / "validate";
}

std::vector<std::string> CaseNames() {
  std::vector<std::string> names;
  if (!fs::is_directory(GoldenDir())) return names;
  for (const auto& entry : fs::directory_iterator(GoldenDir())) {
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

class ValidateGoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ValidateGoldenTest, MatchesExpectedDiagnostics) {
  fs::path dir = GoldenDir() / GetParam();
  asl::LoadOptions options;
  if (fs::exists(dir / "options.json")) {
    json::Value parsed = json::Parse(ReadText(dir / "options.json")).value();
    const json::Value* type = parsed.Find("type");
    if (type != nullptr && type->as_string() == "EXPRESS") options.type = asl::MachineType::kExpress;
  }
  asl::LoadResult result = asl::LoadDefinition(ReadText(dir / "definition.json"), options);
  std::string actual = json::WritePretty(asl::DiagnosticsResponse(result.diagnostics)) + "\n";
  if (std::getenv("STEPWISE_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(dir / "expected.json", std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(fs::exists(dir / "expected.json")) << "no expected.json in " << dir;
  EXPECT_EQ(actual, ReadText(dir / "expected.json")) << "case " << GetParam();
}

INSTANTIATE_TEST_SUITE_P(Golden, ValidateGoldenTest, ::testing::ValuesIn(CaseNames()),
                         [](const ::testing::TestParamInfo<std::string>& param_info) {
                           std::string name = param_info.param;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace stepwise
