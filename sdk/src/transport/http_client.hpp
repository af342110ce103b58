// Private: one HTTP POST at a time over a kept-alive libcurl handle.
//
// Used by one thread at a time (the SDK's worker). post() blocks for at most
// the request's timeouts, or until the cancel flag it watches is set (looked
// at every 20 ms at most). Never throws.
#pragma once

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "transport/curl_handle.hpp"

namespace sentry::detail {

struct http_request {
  std::string url;
  const curl_headers* headers = nullptr;
  std::string_view body;
  std::chrono::milliseconds connect_timeout{10000};
  std::chrono::milliseconds timeout{30000};
  std::string ca_certs;              // PEM bundle; the system's when empty
  std::optional<std::string> proxy;  // nullopt: the environment's; "": none
};

struct http_response {
  enum class outcome { response, network_error, cancelled };
  outcome result = outcome::network_error;
  long status = 0;
  std::string retry_after;   // the header's value, "" when absent
  std::string rate_limits;   // X-Sentry-Rate-Limits, "" when absent
  std::string body;          // the first KiB, for diagnostics
  std::string error;         // why there was no response
};

class http_client {
 public:
  // `cancel` (may be null) outlives the client.
  explicit http_client(const std::atomic<bool>* cancel = nullptr) noexcept : cancel_(cancel) {}

  http_response post(const http_request& request) noexcept;

 private:
  CURLcode perform(CURL* h) noexcept;

  curl_easy easy_;
  curl_multi multi_;  // after easy_: destroyed first
  const std::atomic<bool>* cancel_;
};

}  // namespace sentry::detail
