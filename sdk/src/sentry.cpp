// The free functions of sentry/sentry.hpp and the process-wide client.
//
// The current client is published through an atomic pointer, so the hot path
// costs one load. Clients are never destroyed: a thread may still hold the
// pointer of a client that another thread just closed and replaced, and it
// must find a closed client there, not freed memory. Each client releases its
// transport and worker when closed, so what stays behind is small.
#include <pthread.h>

#include <atomic>
#include <mutex>
#include <vector>

#include "client/client.hpp"
#include "scope/scope_impl.hpp"
#include "sentry/sentry.hpp"
#include "stacktrace/event_stacks.hpp"
#include "util/reentry.hpp"

namespace sentry {
namespace detail {
namespace {

std::atomic<client*> g_client{nullptr};

struct registry {
  std::mutex lifecycle;  // serializes init and close
  std::vector<std::shared_ptr<client>> all;
  std::mutex last_id_mutex;
  uuid last_id;
};

registry& reg() {
  static registry* r = new registry();  // never destroyed (see above)
  return *r;
}

void forget_client_in_child() {
  // After fork the child has no worker thread: captures become no-ops until
  // the child calls init() again.
  g_client.store(nullptr, std::memory_order_release);
}

void set_last_event_id(const uuid& id) {
  registry& r = reg();
  std::lock_guard<std::mutex> lock(r.last_id_mutex);
  r.last_id = id;
}

client* enabled_client() noexcept {
  client* c = g_client.load(std::memory_order_acquire);
  return (c && c->enabled()) ? c : nullptr;
}

}  // namespace

client* current_client() noexcept { return g_client.load(std::memory_order_acquire); }

bool prepare_breadcrumb(breadcrumb& crumb) noexcept {
  client* c = enabled_client();
  if (!c) return false;
  const auto& hook = c->opts().before_breadcrumb;
  if (!hook) return true;
  sdk_section inside;
  try {
    return hook(crumb);
  } catch (const std::exception& e) {
    c->diag().log(level::error, std::string("before_breadcrumb threw; breadcrumb dropped: ") + e.what());
  } catch (...) {
    c->diag().log(level::error, "before_breadcrumb threw; breadcrumb dropped");
  }
  return false;
}

}  // namespace detail

bool init(options opts) noexcept {
  using namespace detail;
  static std::once_flag atfork_once;
  try {
    std::call_once(atfork_once, [] { pthread_atfork(nullptr, nullptr, &forget_client_in_child); });
    registry& r = reg();
    std::lock_guard<std::mutex> lock(r.lifecycle);
    if (client* old = g_client.exchange(nullptr, std::memory_order_acq_rel)) {
      old->close(old->opts().shutdown_timeout);
    }
    std::shared_ptr<client> c = client::create(std::move(opts));
    r.all.push_back(c);
    g_client.store(c.get(), std::memory_order_release);
    return c->enabled();
  } catch (...) {
    return false;
  }
}

void close(std::chrono::milliseconds timeout) noexcept {
  using namespace detail;
  try {
    registry& r = reg();
    std::lock_guard<std::mutex> lock(r.lifecycle);
    if (client* c = g_client.exchange(nullptr, std::memory_order_acq_rel)) c->close(timeout);
  } catch (...) {
  }
}

bool flush(std::chrono::milliseconds timeout) noexcept {
  detail::client* c = detail::enabled_client();
  return c ? c->flush(timeout) : true;
}

bool is_enabled() noexcept { return detail::enabled_client() != nullptr; }

bool is_initialized() noexcept { return detail::current_client() != nullptr; }

namespace detail {

uuid capture_event_at(event e, event_hint hint, bool allow_stack, std::uintptr_t start_at,
                      std::optional<bool> attach_stacktrace, record_copy&& record) noexcept {
  client* c = enabled_client();
  if (!c) return {};
  if (in_sdk()) {
    if (c->diag().enabled(level::warning))
      c->diag().log(level::warning, "capture from inside an SDK callback ignored");
    return {};
  }
  raw_stack stack;
  if (allow_stack && wants_stack(e, hint, c->opts(), attach_stacktrace)) stack = capture_stack(0, start_at);
  const uuid id = c->capture(std::move(e), std::move(hint), std::move(stack), std::move(record));
  if (!id.is_nil()) set_last_event_id(id);
  return id;
}

}  // namespace detail

// The public capture functions are never inlined, so that their return
// address is in the user's code: the event's stack starts there.
#define SENTRY_CALLER_ADDRESS reinterpret_cast<std::uintptr_t>(__builtin_return_address(0))

__attribute__((noinline)) uuid capture_event(event e, event_hint hint) noexcept {
  return detail::capture_event_at(std::move(e), std::move(hint), true, SENTRY_CALLER_ADDRESS);
}

__attribute__((noinline)) uuid capture_message(std::string_view message, level l) noexcept {
  if (!detail::enabled_client()) return {};
  try {
    event e;
    e.level = l;
    e.message = logentry{};
    e.message->formatted = std::string(message);
    return detail::capture_event_at(std::move(e), {}, true, SENTRY_CALLER_ADDRESS);
  } catch (...) {
    return {};
  }
}

__attribute__((noinline)) uuid capture_exception(std::exception_ptr ex) noexcept {
  if (!ex || !detail::enabled_client()) return {};
  try {
    event e;
    event_hint hint;
    hint.exception = std::move(ex);
    return detail::capture_event_at(std::move(e), std::move(hint), true, SENTRY_CALLER_ADDRESS);
  } catch (...) {
    return {};
  }
}

#undef SENTRY_CALLER_ADDRESS

uuid last_event_id() noexcept {
  detail::registry& r = detail::reg();
  std::lock_guard<std::mutex> lock(r.last_id_mutex);
  return r.last_id;
}

void add_breadcrumb(breadcrumb crumb) noexcept {
  try {
    isolation_scope().add_breadcrumb(std::move(crumb));
  } catch (...) {
  }
}

void set_tag(std::string key, std::string value) noexcept {
  try {
    isolation_scope().set_tag(std::move(key), std::move(value));
  } catch (...) {
  }
}

void remove_tag(std::string_view key) noexcept {
  try {
    isolation_scope().remove_tag(key);
  } catch (...) {
  }
}

void set_extra(std::string key, value v) noexcept {
  try {
    isolation_scope().set_extra(std::move(key), std::move(v));
  } catch (...) {
  }
}

void set_context(std::string key, value_object context) noexcept {
  try {
    isolation_scope().set_context(std::move(key), std::move(context));
  } catch (...) {
  }
}

void set_user(user u) noexcept {
  try {
    isolation_scope().set_user(std::move(u));
  } catch (...) {
  }
}

const discard_counter* discards() noexcept {
  detail::client* c = detail::current_client();
  return c ? &c->discards() : nullptr;
}

}  // namespace sentry
