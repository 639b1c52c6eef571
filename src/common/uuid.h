#pragma once

#include <string>

namespace stepwise {

// A random (version 4) UUID in its text form, "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx": execution
// names, request ids, revision ids. Not for secrets (task tokens use the system's generator).
// Thread-safe.
std::string NewUuid();

}  // namespace stepwise
