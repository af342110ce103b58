// sentry/scope.hpp: the data that is applied to every event (PROTOCOL §7).
//
// Three scopes are merged into each event, most specific last: the global
// scope (one per process), the isolation scope (one per request or job; by
// default one shared by every thread until an isolation_scope_guard forks a
// thread's own) and the current scope (forked for a block by scope_guard).
//
// Every method is thread-safe. Writes are copy-on-write: a capture takes a
// snapshot by pointer in O(1), and later writes never change what an earlier
// capture saw. add_breadcrumb is a ring-buffer write.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sentry/breadcrumb.hpp"
#include "sentry/event.hpp"
#include "sentry/export.hpp"
#include "sentry/level.hpp"
#include "sentry/value.hpp"

namespace sentry {

namespace detail {
class scope_impl;
}

class SENTRY_API scope {
 public:
  void set_tag(std::string key, std::string value);
  void remove_tag(std::string_view key);
  void set_extra(std::string key, value v);
  void remove_extra(std::string_view key);
  void set_context(std::string key, value_object context);
  void remove_context(std::string_view key);
  void set_user(sentry::user u);
  void set_level(std::optional<sentry::level> l);
  void set_fingerprint(std::vector<std::string> fingerprint);
  void set_transaction(std::string name);
  // Runs before_breadcrumb (when set) on this thread, then records.
  void add_breadcrumb(breadcrumb crumb);
  void clear_breadcrumbs();
  // Resets everything.
  void clear();

  explicit scope(std::shared_ptr<detail::scope_impl> impl) noexcept : impl_(std::move(impl)) {}
  detail::scope_impl& impl() const noexcept { return *impl_; }
  const std::shared_ptr<detail::scope_impl>& impl_shared() const noexcept { return impl_; }

 private:
  std::shared_ptr<detail::scope_impl> impl_;
};

// The scopes of the calling thread. Never null; usable before init().
SENTRY_API scope global_scope() noexcept;
SENTRY_API scope isolation_scope() noexcept;
SENTRY_API scope current_scope() noexcept;

// Calls `fn` with the current scope (Hub-style API).
template <typename F>
void configure_scope(F&& fn) {
  scope s = current_scope();
  fn(s);
}

// RAII: forks the current scope for this thread until destruction. Changes
// made through it (or through current_scope()) apply to captures made on this
// thread inside the block only. Must be destroyed on the thread that made it,
// in reverse order of creation.
class SENTRY_API scope_guard {
 public:
  scope_guard();
  ~scope_guard();
  scope_guard(const scope_guard&) = delete;
  scope_guard& operator=(const scope_guard&) = delete;
  scope* operator->() noexcept { return &scope_; }
  scope& get() noexcept { return scope_; }

 private:
  scope scope_;
  std::shared_ptr<detail::scope_impl> previous_;
};

// RAII: forks both the isolation and the current scope for this thread (a
// request, a job). Same threading rules as scope_guard.
class SENTRY_API isolation_scope_guard {
 public:
  isolation_scope_guard();
  ~isolation_scope_guard();
  isolation_scope_guard(const isolation_scope_guard&) = delete;
  isolation_scope_guard& operator=(const isolation_scope_guard&) = delete;
  scope* operator->() noexcept { return &scope_; }
  scope& get() noexcept { return scope_; }

 private:
  scope scope_;
  std::shared_ptr<detail::scope_impl> previous_isolation_;
  std::shared_ptr<detail::scope_impl> previous_current_;
};

}  // namespace sentry
