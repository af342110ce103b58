// Private: one HTTP POST at a time over a kept-alive libcurl handle.
//
// Used by one thread at a time (the SDK's worker). post() blocks for at most
// the request's timeouts, or until the cancel flag it watches is set (looked
// at every 20 ms at most). start() + finish() split the same exchange in two,
// so that the caller can work while the server answers: start() returns once
// the whole request is written (or the exchange ended early), finish()
// waits for the response. Between them the request's url, headers and body
// must stay alive. Never throws.
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

  ~http_client();
  http_client(const http_client&) = delete;
  http_client& operator=(const http_client&) = delete;

  http_response post(const http_request& request) noexcept;

  // False when nothing could be started (finish() then tells why).
  bool start(const http_request& request) noexcept;
  // The response of the exchange start() began (a network error when none).
  http_response finish() noexcept;
  bool in_flight() const noexcept { return added_; }

 private:
  // Drives the transfer until it ends, or, with `until_sent`, until the
  // request body is written. True when the transfer has ended (rc_ is set).
  bool drive(bool until_sent) noexcept;
  void end_transfer() noexcept;

  curl_easy easy_;
  curl_multi multi_;  // after easy_: destroyed first
  const std::atomic<bool>* cancel_;
  bool added_ = false;  // the transfer is on multi_
  bool ready_ = false;  // response_ is final (nothing was started)
  CURLcode rc_ = CURLE_FAILED_INIT;
  curl_off_t body_size_ = 0;
  http_response response_;
  char error_[CURL_ERROR_SIZE] = {};
};

}  // namespace sentry::detail
