// libFuzzer (tests/fuzz/CMakeLists.txt): X-Sentry-Rate-Limits and Retry-After values as any server (or
// anything in between) could send them. Must never crash, hang or read past
// the input; every limit parsed must be within bounds.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "transport/rate_limit_header.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const auto& limit : sentry::detail::parse_rate_limits(text)) {
    if (limit.retry_after.count() < 0 || limit.retry_after > sentry::detail::max_retry_after) {
      std::abort();
    }
    for (const auto category : limit.categories) {
      if (static_cast<int>(category) < 0 || category >= sentry::data_category::count_) std::abort();
    }
  }
  if (const auto seconds = sentry::detail::parse_retry_after(text)) {
    if (seconds->count() < 0 || *seconds > sentry::detail::max_retry_after) std::abort();
  }
  return 0;
}
