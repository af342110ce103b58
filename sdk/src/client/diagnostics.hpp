// Private: the SDK's own diagnostics (options::debug).
//
// Thread-safe. Messages go to options::diagnostic_logger or stderr, inside an
// sdk_section so that they never reach a logging sink of ours. A disabled
// instance costs one branch per call site (check enabled(level) before
// building a message).
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "sentry/level.hpp"

namespace sentry::detail {

class diagnostics {
 public:
  diagnostics() = default;
  diagnostics(bool enabled, level minimum, std::function<void(level, std::string_view)> sink)
      : enabled_(enabled), minimum_(minimum), sink_(std::move(sink)) {}

  bool enabled(level l) const noexcept { return enabled_ && l >= minimum_; }
  void log(level l, std::string_view message) const noexcept;

 private:
  bool enabled_ = false;
  level minimum_ = level::debug;
  std::function<void(level, std::string_view)> sink_;
};

}  // namespace sentry::detail
