#pragma once

#include <string>

#include "common/result.h"

namespace stepwise::cli {

// The whole content of a file ("-" reads standard input). Errors are named "FileError" with a
// message that names the file and the reason.
Result<std::string> ReadFile(const std::string& path);

}  // namespace stepwise::cli
