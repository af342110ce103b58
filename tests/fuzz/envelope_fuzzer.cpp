// libFuzzer target for the envelope reader (envelopes come back from the disk
// cache and from tests' servers): it must never crash, and what it accepts
// must survive a write and a second read unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "sentry/envelope.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const auto env = sentry::envelope::parse(bytes);
  if (!env) return 0;
  const auto again = sentry::envelope::parse(env->serialize());
  if (!again || again->headers != env->headers || again->items.size() != env->items.size()) {
    std::abort();
  }
  for (std::size_t i = 0; i < env->items.size(); ++i) {
    const auto& a = env->items[i];
    const auto& b = again->items[i];
    if (a.type != b.type || a.payload != b.payload || a.headers != b.headers) std::abort();
  }
  return 0;
}
