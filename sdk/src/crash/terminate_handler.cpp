#include "crash/terminate_handler.hpp"

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <exception>
#include <mutex>

#include "client/client.hpp"
#include "crash/signal_handler.hpp"

namespace sentry::detail::crash {
namespace {

constexpr std::chrono::milliseconds max_flush{2000};

std::mutex g_mutex;
std::terminate_handler g_previous = nullptr;
bool g_installed = false;
std::atomic<bool> g_terminating{false};

[[noreturn]] void on_terminate() noexcept {
  if (!g_terminating.exchange(true)) {
    try {
      client* c = current_client();
      if (std::exception_ptr ex = std::current_exception(); ex && c != nullptr && c->enabled()) {
        event e;
        e.level = level::fatal;
        event_hint hint;
        hint.exception = ex;
        hint.mechanism.type = terminate_mechanism;
        hint.mechanism.handled = false;
        if (!capture_event_at(std::move(e), std::move(hint), true, 0).is_nil()) {
          c->flush(std::min(c->opts().shutdown_timeout, max_flush));
          mark_crash_reported();
          write_crash_marker();
        }
      }
    } catch (...) {
    }
  }
  std::terminate_handler next;
  {
    std::lock_guard<std::mutex> lock(g_mutex);
    next = g_previous;
  }
  if (next != nullptr && next != on_terminate) next();
  std::abort();
}

}  // namespace

void install_terminate_handler() noexcept {
  std::lock_guard<std::mutex> lock(g_mutex);
  if (g_installed) return;
  g_previous = std::set_terminate(on_terminate);
  g_installed = true;
}

void uninstall_terminate_handler() noexcept {
  std::lock_guard<std::mutex> lock(g_mutex);
  if (!g_installed) return;
  if (std::get_terminate() == on_terminate) std::set_terminate(g_previous);
  g_installed = false;
}

}  // namespace sentry::detail::crash
