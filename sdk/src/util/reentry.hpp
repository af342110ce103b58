// Private: marks code that runs inside the SDK on the current thread.
//
// The worker thread is inside the SDK for its whole life; a user thread is
// inside while it runs one of our callbacks (before_breadcrumb, diagnostics).
// Sinks and capture functions check in_sdk() and ignore what the SDK itself
// causes, so a callback that logs through a logger with our sink, or our own
// diagnostics, can never loop back. Thread-local; costs a TLS read.
#pragma once

namespace sentry::detail {

inline thread_local int sdk_depth = 0;

inline bool in_sdk() noexcept { return sdk_depth > 0; }

class sdk_section {
 public:
  sdk_section() noexcept { ++sdk_depth; }
  ~sdk_section() { --sdk_depth; }
  sdk_section(const sdk_section&) = delete;
  sdk_section& operator=(const sdk_section&) = delete;
};

}  // namespace sentry::detail
