// Private: the calling thread's logging context as the Sentry sink reads it:
// the SDK's context store, then (spdlog 1.14 and newer, where spdlog/mdc.h
// exists) spdlog's MDC.
//
// Calling thread only; no allocation once warm (with an MDC, the merged list
// lives in a reused thread-local buffer). The views are valid until this
// thread next changes its context or calls this again.
#pragma once

#include <cstddef>

#include "sentry/log_record.hpp"

namespace sentry::spdlog::detail {

struct context_view {
  const context_field* data = nullptr;
  std::size_t size = 0;
};

context_view calling_thread_context() noexcept;

}  // namespace sentry::spdlog::detail
