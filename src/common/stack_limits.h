#pragma once

namespace stepwise {

// Recursive code (parsers, evaluators) bounds its depth so that hostile input cannot exhaust the
// stack. The bound is set for optimized builds; AddressSanitizer surrounds every local with red
// zones and makes frames up to ten times larger, so sanitizer builds divide their bounds by this.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr int kSanitizerStackScale = 8;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr int kSanitizerStackScale = 8;
#else
inline constexpr int kSanitizerStackScale = 1;
#endif
#else
inline constexpr int kSanitizerStackScale = 1;
#endif

}  // namespace stepwise
