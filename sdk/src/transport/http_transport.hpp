// Private: the default transport, HTTP to Sentry with libcurl (PROTOCOL §1,
// §4, §5, §6.3, §9), plus a copy of every envelope to Spotlight.
//
// The client calls make_http_transport() when options::transport is unset and
// drives the result from its worker thread (see sentry/transport.hpp); the
// requests run on the HTTP client's own thread (http_client.hpp), bounded by
// options::http_connect_timeout and http_timeout, never on a user's thread.
//
// What it does with an envelope: copy to Spotlight; drop (and count) the items
// a rate limit covers; write it to the offline cache when one is configured;
// attach the pending client report; add `sent_at`; gzip; POST. Any HTTP
// response ends the envelope's life (non-2xx other than 429 counted as
// send_error); a network failure keeps it (on disk, or in memory up to
// cache_max_items) and retries it with exponential backoff from on_idle().
// Envelopes cached by an earlier process are sent 100 ms apart from on_idle().
//
// send() returns once the request is handed to the HTTP client's thread,
// which writes it and reads the answer while the worker goes on: the answer
// is applied in a later send() (after that envelope is serialized and
// compressed, so the two overlap), or in on_drained(), on_idle(), flush(),
// keep() or close(). While the server answers 2xx without rate limits, up to
// max_requests_in_flight requests are in flight (answers applied in the
// order the envelopes were sent); an answer that has arrived applies before
// the next envelope is sent, and an envelope already in flight when a 429
// comes is handled by its own answer (PROTOCOL §1.5). After any other
// answer, or none, one request at a time: whatever an answer says then
// applies to the very next envelope.
#pragma once

#include <chrono>
#include <memory>

#include "sentry/transport.hpp"

namespace sentry::detail {

// Timings that are not options; tests shorten them.
struct http_transport_tuning {
  std::chrono::milliseconds cached_send_interval{100};
  std::chrono::milliseconds retry_backoff_min{1000};
  std::chrono::milliseconds retry_backoff_max{std::chrono::minutes(5)};
  std::chrono::milliseconds client_report_interval{std::chrono::seconds(30)};
  std::chrono::milliseconds health_check_interval{std::chrono::seconds(10)};
  std::chrono::milliseconds spotlight_connect_timeout{500};
  std::chrono::milliseconds spotlight_timeout{2000};
  std::chrono::milliseconds spotlight_pause_after_failure{5000};
  // Requests in flight at once (each on its own kept-alive connection) while
  // the server answers 2xx without rate limits; 1: strictly one at a time.
  // 3: the HTTP thread then has an answer to read at almost every wake-up
  // (deliver_events: a median of 21.4k events/s against 20.4k with 2).
  std::size_t max_requests_in_flight = 3;
};

// nullptr when there is nowhere to send (no DSN and Spotlight off).
std::unique_ptr<transport> make_http_transport(const transport_context& context);
std::unique_ptr<transport> make_http_transport(const transport_context& context,
                                               const http_transport_tuning& tuning);

}  // namespace sentry::detail
