// sentry/sentry.hpp: the SDK's entry points.
//
// Threading: every function is thread-safe and noexcept. Capture functions do
// only cheap work on the calling thread (an id, a scope snapshot by pointer, a
// bounded queue push, never I/O or serialization) and return the event id at
// once; the SDK's worker thread applies scopes, hooks and sampling, serializes
// and sends. Before init(), after close(), or with no DSN, everything is a
// cheap no-op that returns a nil id.
//
// Lifetime: one client per process at a time. init() replaces a previous
// client (closing it first); close() flushes within shutdown_timeout. The
// init_guard closes at the end of a scope (typically main()).
#pragma once

#include <chrono>
#include <exception>
#include <string_view>

#include "sentry/breadcrumb.hpp"
#include "sentry/client_report.hpp"
#include "sentry/event.hpp"
#include "sentry/export.hpp"
#include "sentry/level.hpp"
#include "sentry/options.hpp"
#include "sentry/scope.hpp"
#include "sentry/uuid.hpp"
#include "sentry/version.hpp"

namespace sentry {

// Extra inputs to a capture, turned into event fields on the worker thread.
struct event_hint {
  // Decoded into event.exceptions: demangled type, what(), and the
  // std::nested_exception chain (innermost first).
  std::exception_ptr exception;
  // Mechanism of the outermost exception ("generic", handled, by default).
  sentry::mechanism mechanism = default_mechanism();

  static sentry::mechanism default_mechanism() {
    sentry::mechanism m;
    m.handled = true;
    return m;
  }
};

// Returns true when the SDK is enabled and will send (a valid DSN or a
// transport). With an empty DSN and no transport the SDK stays disabled.
SENTRY_API bool init(options opts) noexcept;
// Flushes within `timeout` (options::shutdown_timeout when negative), then
// stops the worker. Safe to call twice and without init().
SENTRY_API void close(std::chrono::milliseconds timeout = std::chrono::milliseconds(-1)) noexcept;
// Waits until everything captured so far has been handed on and sent, or
// `timeout` passed. True when drained.
SENTRY_API bool flush(std::chrono::milliseconds timeout) noexcept;
SENTRY_API bool is_enabled() noexcept;
// True between init() (even one that left the SDK disabled) and close(): lets
// configuration read from a logger's config file initialize the SDK only when
// code has not (code wins).
SENTRY_API bool is_initialized() noexcept;

SENTRY_API uuid capture_message(std::string_view message, level l = level::info) noexcept;
SENTRY_API uuid capture_event(event e, event_hint hint = {}) noexcept;
SENTRY_API uuid capture_exception(std::exception_ptr ex) noexcept;
// Id of the last event captured on this process (nil when none).
SENTRY_API uuid last_event_id() noexcept;

// Top-level setters write to the isolation scope.
SENTRY_API void add_breadcrumb(breadcrumb crumb) noexcept;
SENTRY_API void set_tag(std::string key, std::string value) noexcept;
SENTRY_API void remove_tag(std::string_view key) noexcept;
SENTRY_API void set_extra(std::string key, value v) noexcept;
SENTRY_API void set_context(std::string key, value_object context) noexcept;
SENTRY_API void set_user(user u) noexcept;

// What the current client has discarded so far (nullptr before init).
SENTRY_API const discard_counter* discards() noexcept;

// RAII: init() in the constructor, close() in the destructor.
class init_guard {
 public:
  explicit init_guard(options opts) noexcept : enabled_(init(std::move(opts))) {}
  ~init_guard() { close(); }
  init_guard(const init_guard&) = delete;
  init_guard& operator=(const init_guard&) = delete;
  bool enabled() const noexcept { return enabled_; }

 private:
  bool enabled_;
};

}  // namespace sentry
