#include "crash/crash_logs.hpp"

#include <time.h>

#include <atomic>
#include <cstring>

namespace sentry::detail::crash {
namespace {

std::atomic<take_logs_fn> g_take{nullptr};
std::atomic<void*> g_context{nullptr};
// The run's default log attributes as JSON, recorded once at init.
char g_defaults[16 * 1024];
std::atomic<std::size_t> g_defaults_size{0};
std::atomic<bool> g_with_user{false};
// Where the handler puts the logs it takes; never freed (a handler may run
// during exit).
log_batch* g_holders = nullptr;
std::size_t g_taken = 0;
bool g_unavailable = false;

}  // namespace

void sleep_a_millisecond() noexcept {
  struct timespec ts {0, 1'000'000};
  ::nanosleep(&ts, nullptr);
}

void set_log_source(take_logs_fn fn, void* context, std::string_view defaults, bool send_default_pii) {
  if (g_holders == nullptr) g_holders = new log_batch[crash_log_holders];
  g_take.store(nullptr, std::memory_order_release);
  g_defaults_size.store(0, std::memory_order_release);
  if (defaults.size() <= sizeof g_defaults) {
    std::memcpy(g_defaults, defaults.data(), defaults.size());
    g_defaults_size.store(defaults.size(), std::memory_order_release);
  }
  g_with_user.store(send_default_pii, std::memory_order_release);
  g_context.store(context, std::memory_order_release);
  g_take.store(fn, std::memory_order_release);
}

void clear_log_source() noexcept { g_take.store(nullptr, std::memory_order_release); }

bool take_crash_logs() noexcept {
  const take_logs_fn take = g_take.load(std::memory_order_acquire);
  if (take == nullptr || g_holders == nullptr) return false;
  g_unavailable = false;
  g_taken = take(g_context.load(std::memory_order_acquire), g_holders, crash_log_holders, &g_unavailable);
  for (std::size_t i = 0; i < g_taken; ++i) {
    if (!g_holders[i].empty()) return true;
  }
  return g_unavailable;
}

void write_taken_logs(dump_sink& out) noexcept {
  const bool with_user = g_with_user.load(std::memory_order_acquire);
  write_dump_header(out, std::string_view(g_defaults, g_defaults_size.load(std::memory_order_acquire)),
                    with_user, g_unavailable);
  std::uint32_t count = 0;
  for (std::size_t i = 0; i < g_taken; ++i) {
    for (const pending_log& log : g_holders[i]) {
      write_dump_log(out, log, with_user);
      ++count;
    }
  }
  write_dump_end(out, count);
}

}  // namespace sentry::detail::crash
