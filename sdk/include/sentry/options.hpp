// sentry/options.hpp: everything init() can be told.
//
// A plain struct with the defaults of PROTOCOL.md; fill it in code, then pass it
// to sentry::init(). Values left unset are taken from the environment
// (SENTRY_DSN, SENTRY_RELEASE, SENTRY_ENVIRONMENT, SENTRY_DIST,
// SENTRY_SERVER_NAME, SENTRY_SAMPLE_RATE, SENTRY_DEBUG); what code sets wins.
// Odd values are clamped or ignored with a diagnostic, never thrown.
//
// Callbacks run on the SDK's worker thread (before_send) or on the thread that
// records (before_breadcrumb), never under an SDK lock; an exception thrown
// from one is caught, reported as a diagnostic, and drops the item.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sentry/breadcrumb.hpp"
#include "sentry/event.hpp"
#include "sentry/level.hpp"
#include "sentry/logs.hpp"
#include "sentry/transport.hpp"

namespace sentry {

// The default address of Spotlight's receiver.
inline constexpr const char* default_spotlight_url = "http://localhost:8969/stream";

// options::spotlight: off, on (default_spotlight_url) or a URL:
//   opts.spotlight = true;   opts.spotlight = "http://127.0.0.1:8969/stream";
// Left unset, the environment variable SENTRY_SPOTLIGHT decides: "1", "true",
// "on", "yes" turn it on, "0", "false", "off", "no" off, anything else is a URL.
class spotlight_option {
 public:
  spotlight_option() = default;
  spotlight_option(bool on) : set_(true), on_(on) {}
  spotlight_option(std::string url) : set_(true), on_(true), url_(std::move(url)) {}
  spotlight_option(const char* url) : spotlight_option(std::string(url ? url : "")) {}

  bool is_set() const noexcept { return set_; }
  bool enabled() const noexcept { return on_; }
  // The URL given, or "" for the default.
  const std::string& url() const noexcept { return url_; }

 private:
  bool set_ = false;
  bool on_ = false;
  std::string url_;
};

struct options {
  // Where events go. Empty (and no SENTRY_DSN): nothing is sent; every API
  // stays safe to call. A malformed DSN disables the SDK with one diagnostic.
  std::string dsn;
  std::string release;
  std::string environment;  // "production" when unset
  std::string dist;
  std::string server_name;  // hostname when unset and send_default_pii

  std::optional<double> sample_rate;  // 1.0 when unset; clamped to [0, 1]
  std::size_t max_breadcrumbs = 100;
  bool send_default_pii = false;

  // Return false to drop the event (counted as `before_send`).
  std::function<bool(event&)> before_send;
  // Return false to drop the breadcrumb (not counted).
  std::function<bool(breadcrumb&)> before_breadcrumb;
  // Events whose exception type (innermost or outermost) equals an entry are
  // dropped (counted as `event_processor`).
  std::vector<std::string> ignore_errors;

  // Frames whose function starts with an entry (on a `::` boundary) or whose
  // image path starts with an entry are in-app (include wins over exclude).
  std::vector<std::string> in_app_include;
  std::vector<std::string> in_app_exclude;

  // Message events (capture_message, and events promoted from log records
  // unless the sink turns it off) carry the call-site stack in `threads`.
  // Exceptions always carry the capture site's stack.
  bool attach_stacktrace = false;
  // Frames whose source file is readable on this machine get 5 lines of
  // context before and after (read on the worker, cached).
  bool include_source_context = true;
  // Called once by init() when an earlier run of the program crashed (a
  // fatal signal or an uncaught exception) and left its report in
  // cache_path; init() then sends that report. A crash within 2 s of init()
  // makes the next init() wait up to 5 s for it to be sent.
  std::function<void()> on_crashed_last_run;

  // Context fields (MDC, scoped attributes, the context store) that become
  // tags; other fields go to the event's context. Sinks may override.
  std::vector<std::string> context_tags;

  // Diagnostics of the SDK itself. Off unless debug (or SENTRY_DEBUG=1).
  // With enable_logs, each structured log sent is also printed there, at
  // debug level, as "log [<level>] <body>" (from the worker thread).
  std::optional<bool> debug;
  level diagnostic_level = level::debug;
  // Receives the diagnostics; stderr when unset. Never a logging sink of ours.
  std::function<void(level, std::string_view)> diagnostic_logger;

  // The worker's queue: events and envelopes waiting to be sent. A capture
  // that finds it full is dropped and counted (`queue_overflow`).
  std::size_t max_queue_size = 1000;
  std::size_t max_queue_bytes = 32u << 20;
  // How long close() (and the init guard) may wait for the queue to drain.
  std::chrono::milliseconds shutdown_timeout{2000};

  // Structured logs (sentry/logs.hpp): off unless set (or SENTRY_ENABLE_LOGS).
  std::optional<bool> enable_logs;
  // Worker thread; return false to drop the log (counted as `before_send`).
  // With crash handling (cache_path), the logs a fatal signal kept from
  // being sent are written raw beside the crash report; the next start passes
  // them through this hook (the next run's, on the thread calling init)
  // before it sends them.
  std::function<bool(log_entry&)> before_send_log;

  // Creates the transport; the HTTP transport when unset.
  transport_factory transport;

  // --- The HTTP transport (ignored by a custom transport) ---
  // PEM bundle of the certificate authorities to trust; the system's when
  // empty. TLS peers are always verified.
  std::string ca_certs;
  // Proxy for requests to Sentry ("http://host:3128"). When empty, libcurl's
  // standard variables apply (http_proxy, https_proxy, no_proxy).
  std::string http_proxy;
  // Bounds of one request to Sentry: establishing the connection, and the
  // whole exchange. The worker thread waits at most this long per envelope.
  std::chrono::milliseconds http_connect_timeout{10000};
  std::chrono::milliseconds http_timeout{30000};
  // Attach what the SDK discarded (PROTOCOL §5) to outgoing envelopes, or send
  // it alone now and then.
  bool send_client_reports = true;
  // Offline cache: a folder (created 0700) where each envelope is written
  // (0600) before it is sent, kept after network failures and retried, sent at
  // the next start when the process died first. Empty: no cache.
  std::string cache_path;
  // The cache keeps at most this many envelopes; the oldest is evicted and
  // counted (`cache_overflow`).
  std::size_t cache_max_items = 30;
  // Spotlight, a local receiver for development: a copy of every envelope is
  // posted there, with or without a DSN, regardless of Sentry's rate limits.
  spotlight_option spotlight;
  // Health check every 10 s (PROTOCOL §6.3): while the queue overflows or a
  // rate limit is active, the transaction sample rate is halved per check.
  bool enable_backpressure_handling = true;
};

}  // namespace sentry
