// A plain main for the fuzz targets in the normal build: runs the target once on every file
// named on the command line (directories are walked), so that the targets and their seed corpora
// are exercised by `make test` and never rot. Under clang with -DSTEPWISE_LIBFUZZER=ON, libFuzzer
// provides main instead.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

void RunFile(const std::filesystem::path& path, size_t* count) {
  std::ifstream in(path, std::ios::binary);
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  ++*count;
}

}  // namespace

int main(int argc, char** argv) {
  size_t count = 0;
  for (int i = 1; i < argc; ++i) {
    std::filesystem::path path = argv[i];
    if (std::filesystem::is_directory(path)) {
      for (const auto& entry : std::filesystem::recursive_directory_iterator(path)) {
        if (entry.is_regular_file()) RunFile(entry.path(), &count);
      }
    } else {
      RunFile(path, &count);
    }
  }
  std::cout << argv[0] << ": ran " << count << " inputs\n";
  return count > 0 ? 0 : 1;
}
