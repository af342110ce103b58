// sentry/transport.hpp: the seam between the SDK's worker and the network.
//
// A transport receives finished envelopes on the SDK's worker thread, one at a
// time and in capture order: it is never called on the user's thread, so it
// may block for as long as its own timeouts allow. It must not throw. The
// client creates it through options::transport_factory (the HTTP transport
// when none is given) and destroys it after close().
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string_view>

#include "sentry/client_report.hpp"
#include "sentry/dsn.hpp"
#include "sentry/envelope.hpp"
#include "sentry/export.hpp"
#include "sentry/level.hpp"

namespace sentry {

struct options;

// What a transport is given when it is created; every reference outlives it.
struct transport_context {
  const sentry::options& options;       // the client's options, environment applied
  const std::optional<sentry::dsn>& dsn;  // nullopt when no DSN is configured
  discard_counter& discards;            // record every item the transport drops
  // Diagnostics (options::debug); never enters a logging sink.
  std::function<void(level, std::string_view)> log;
};

class SENTRY_API transport {
 public:
  using clock = std::chrono::steady_clock;
  virtual ~transport();

  // Deliver or drop (and count) one envelope. Worker thread only. The
  // delivery may end later, in the next send(), on_drained(), on_idle(),
  // flush(), keep() or close().
  virtual void send(envelope&& env) noexcept = 0;

  // Called by the worker when it has been idle until the time the previous
  // call returned (and once at start): retries, cached envelopes, periodic
  // client reports. Returns when it wants to be called next.
  virtual clock::time_point on_idle() noexcept { return clock::time_point::max(); }

  // Worker thread: called when the worker's queue has run empty after
  // send(). A transport that lets send() return before the server's answer
  // (so that the next envelope is prepared meanwhile) waits for that answer
  // here, bounded by its timeouts and cancel().
  virtual void on_drained() noexcept {}

  // Worker thread: everything given to send() so far is delivered or given up
  // before `deadline`, as far as possible. Returns true when nothing is left.
  virtual bool flush(clock::time_point deadline) noexcept;

  // Worker thread, during close, for an envelope there was no time left to
  // send: store it (disk cache) for a later start. Returns what is left to
  // count: the items neither stored nor already counted by the transport
  // (no items when everything was stored, or dropped and counted through
  // transport_context::discards). The client counts each item returned as
  // dropped (queue_overflow), so a transport that drops some items itself
  // (a rate limit) counts those and returns only the rest. The default
  // stores nothing and returns `env` as given.
  virtual envelope keep(envelope&& env) noexcept;

  // Worker thread, last call: flush until `deadline`, then keep (disk cache)
  // or count what is left. No send() follows.
  virtual void close(clock::time_point deadline) noexcept;

  // Any thread (the one closing the client, once its deadline has passed):
  // abort the request in progress as soon as possible. Afterwards send()
  // makes no network attempt: it persists the envelope to the disk cache when
  // one is configured, else drops it (counted).
  virtual void cancel() noexcept {}

  // Any thread: the backpressure downsampling factor (PROTOCOL §6.3), 0 while
  // healthy, at most 10. Transactions are sampled at rate / 2^factor.
  virtual int downsample_factor() const noexcept { return 0; }
};

using transport_factory = std::function<std::unique_ptr<transport>(const transport_context&)>;

}  // namespace sentry
