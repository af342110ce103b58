// The calling thread's logging context: the context store, then spdlog's MDC.
#include "context_fields.hpp"

#include <vector>

#include <spdlog/version.h>

#include "sentry/context_store.hpp"

// spdlog::mdc exists from spdlog 1.14 on, unless spdlog was built without
// thread-local storage.
#if defined(__has_include)
#  if __has_include(<spdlog/mdc.h>) && !defined(SPDLOG_NO_TLS)
#    include <spdlog/mdc.h>
#    define SENTRY_SPDLOG_HAS_MDC 1
#  endif
#endif

namespace sentry::spdlog::detail {

context_view calling_thread_context() noexcept {
  const context_store::view store = context_store::fields();
#if defined(SENTRY_SPDLOG_HAS_MDC)
  const auto& mdc = ::spdlog::mdc::get_context();
  if (!mdc.empty()) {
    thread_local std::vector<context_field> merged;
    try {
      merged.assign(store.begin(), store.end());
      for (const auto& [key, value] : mdc) merged.push_back(context_field{key, value});
      return context_view{merged.data(), merged.size()};
    } catch (...) {
      // Out of memory: the context store alone.
    }
  }
#endif
  return context_view{store.data, store.size};
}

}  // namespace sentry::spdlog::detail
