// Private: the copy of every envelope that goes to Spotlight, a local
// receiver with a web UI for development (options::spotlight).
//
// Worker thread only. Short timeouts, no proxy, no rate limits, no retries: a
// Spotlight that is down or slow costs the Sentry path little, and after a
// failure copies pause for a few seconds. Failures are diagnostics only,
// never discards (Sentry's own delivery is unaffected). Never throws.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "sentry/level.hpp"
#include "sentry/options.hpp"
#include "transport/curl_handle.hpp"
#include "transport/http_client.hpp"

namespace sentry::detail {

// Where copies go: the option when set, else SENTRY_SPOTLIGHT (`env`, may be
// null); nullopt when Spotlight is off.
std::optional<std::string> spotlight_url(const spotlight_option& option, const char* env);

class spotlight_sender {
 public:
  using clock = std::chrono::steady_clock;
  struct timing {
    std::chrono::milliseconds connect_timeout{500};
    std::chrono::milliseconds timeout{2000};
    std::chrono::milliseconds pause_after_failure{5000};
  };

  spotlight_sender(std::string url, timing t, const std::atomic<bool>* cancel,
                   std::function<void(level, std::string_view)> log);

  // Posts the envelope's bytes (uncompressed, as Spotlight reads them).
  void post(std::string_view envelope_bytes) noexcept;

 private:
  std::string url_;
  timing timing_;
  curl_headers headers_;
  http_client client_;
  std::function<void(level, std::string_view)> log_;
  clock::time_point paused_until_{};
  bool failing_ = false;
};

}  // namespace sentry::detail
