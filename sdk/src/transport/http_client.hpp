// Private: HTTP POSTs over kept-alive libcurl handles, up to `slots` of
// them in flight at once (one connection each, all in one connection cache).
//
// The exchanges run on the client's own thread ("sentry-http", started on
// the first start()), so that the thread that calls start() (the SDK's
// worker) prepares the next body while libcurl writes this one and the
// server answers: on two cores the two halves of the work overlap.
//
// The calls are made by one thread at a time (the SDK's worker). start()
// hands the request over and returns at once; finish(ticket) waits for its
// response; ended(ticket) says, without waiting, whether finish() would
// wait. Between start() and finish() the request's headers and body must
// stay alive (its url, CA bundle and proxy are copied). post() = start() +
// finish(): it blocks for at most the request's timeouts, or until the
// cancel flag is set (the HTTP thread looks at it at least every 20 ms and
// then ends every exchange in flight). The destructor ends the exchanges in
// flight and joins the thread. Never throws.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
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
  void run() noexcept;  // the HTTP thread
  void perform() noexcept;
  bool start_thread() noexcept;  // true when the HTTP thread runs

  std::vector<std::unique_ptr<exchange>> slots_;  // addresses stay: curl holds them
  curl_multi multi_;  // after slots_: destroyed first
  const std::atomic<bool>* cancel_;

  // Shared with the HTTP thread: each exchange's stage, and these.
  std::mutex mutex_;
  std::condition_variable work_;   // the HTTP thread waits here when idle
  std::condition_variable ended_;  // finish() waits here
  bool stop_ = false;
  bool idle_ = false;     // the HTTP thread waits on work_
  bool polling_ = false;  // the HTTP thread is in (or about to enter) curl_multi_poll
  std::thread thread_;  // last: joined in the destructor, before the rest goes
};

}  // namespace sentry::detail
