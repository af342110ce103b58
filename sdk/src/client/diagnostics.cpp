#include "client/diagnostics.hpp"

#include <cstdio>

#include "util/reentry.hpp"

namespace sentry::detail {

void diagnostics::log(level l, std::string_view message) const noexcept {
  if (!enabled(l)) return;
  sdk_section inside;
  if (sink_) {
    try {
      sink_(l, message);
    } catch (...) {
      std::fprintf(stderr, "[sentry] diagnostic logger threw; message was: %.*s\n",
                   static_cast<int>(message.size()), message.data());
    }
    return;
  }
  const std::string_view name = event_level_name(l);
  std::fprintf(stderr, "[sentry] %.*s: %.*s\n", static_cast<int>(name.size()), name.data(),
               static_cast<int>(message.size()), message.data());
}

}  // namespace sentry::detail
