#include "cli/read_input.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

namespace stepwise::cli {

Result<std::string> ReadFile(const std::string& path) {
  if (path == "-") {
    std::ostringstream buffer;
    buffer << std::cin.rdbuf();
    return buffer.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error("FileError", "cannot read '" + path + "': " + std::strerror(errno));
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return Error("FileError", "cannot read '" + path + "': " + std::strerror(errno));
  return content;
}

}  // namespace stepwise::cli
