// Private: HTTP POSTs over kept-alive libcurl handles, up to `slots` of
// them in flight at once (one connection each, all in one connection cache).
//
// Used by one thread at a time (the SDK's worker). post() blocks for at most
// the request's timeouts, or until the cancel flag it watches is set (looked
// at every 20 ms at most). start() + finish() split the same exchange in two,
// so that the caller can work while the server answers: start() returns once
// the whole request is written (or the exchange ended early), finish(ticket)
// waits for its response while the other exchanges progress too. Between
// them the request's url, headers and body must stay alive. Never throws.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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
  using ticket = std::size_t;
  static constexpr ticket no_ticket = static_cast<ticket>(-1);

  // `cancel` (may be null) outlives the client; `slots`: at least 1.
  explicit http_client(const std::atomic<bool>* cancel = nullptr, std::size_t slots = 1) noexcept;
  ~http_client();
  http_client(const http_client&) = delete;
  http_client& operator=(const http_client&) = delete;

  // start() + finish(); needs a free slot.
  http_response post(const http_request& request) noexcept;

  // Starts an exchange on a free slot; no_ticket when every slot is taken.
  ticket start(const http_request& request) noexcept;
  // The response of that exchange (a network error when it could not
  // start); frees its slot. Waits for it unless it has ended already.
  http_response finish(ticket t) noexcept;
  // Without waiting: reads what the server has sent so far; true when the
  // exchange has ended (its finish() will not wait).
  bool ended(ticket t) noexcept;
  std::size_t free_slots() const noexcept;

 private:
  struct exchange;
  // Runs the transfers until `target` has ended (or, with `until_sent`, its
  // request is written); with no target, one round without waiting.
  void drive(exchange* target, bool until_sent) noexcept;
  void end_transfer(exchange& x, CURLcode rc) noexcept;

  std::vector<std::unique_ptr<exchange>> slots_;  // addresses stay: curl holds them
  curl_multi multi_;  // after slots_: destroyed first
  const std::atomic<bool>* cancel_;
};

}  // namespace sentry::detail
