#pragma once

#include <string>

namespace stepwise {

// A random (version 4) UUID in its text form, "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx": execution
// names, request ids, revision ids. Not for secrets (task tokens use the system's generator).
// Thread-safe.
std::string NewUuid();

// A time-ordered (version 7) UUID: the milliseconds since the epoch, then a counter and random
// bits. For generated execution names: keys that grow with time append to the store's indexes
// instead of dirtying a random page of each per execution (StartExecution over HTTP: 5.2k/s ->
// 10.6k/s with fsync on, scripts/bench_service.sh).
std::string NewTimeOrderedUuid();

}  // namespace stepwise
