#include "util/thread_info.hpp"

#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cstring>

namespace sentry::detail {

namespace {

void forget_thread_id() noexcept { t_thread_id = 0; }

}  // namespace

std::uint64_t read_thread_id() noexcept {
  static const bool registered = ::pthread_atfork(nullptr, nullptr, forget_thread_id) == 0;
  (void)registered;
  t_thread_id = static_cast<std::uint64_t>(::syscall(SYS_gettid));
  return t_thread_id;
}

namespace {

std::atomic<std::uint64_t> g_pid{0};  // 0: not read yet

void forget_pid() noexcept { g_pid.store(0, std::memory_order_relaxed); }

}  // namespace

std::uint64_t current_process_id() noexcept {
  std::uint64_t pid = g_pid.load(std::memory_order_relaxed);
  if (pid == 0) {
    static const bool registered = ::pthread_atfork(nullptr, nullptr, forget_pid) == 0;
    (void)registered;
    pid = static_cast<std::uint64_t>(::getpid());
    g_pid.store(pid, std::memory_order_relaxed);
  }
  return pid;
}

std::string current_thread_name() {
  char name[64] = {};
  if (pthread_getname_np(pthread_self(), name, sizeof name) != 0) return {};
  return name;
}

std::string_view read_thread_name() noexcept {
  thread_name_cache& name = t_thread_name;
  name.known = true;
  if (pthread_getname_np(pthread_self(), name.text, sizeof name.text) == 0) {
    name.text[sizeof name.text - 1] = '\0';
    name.size = std::strlen(name.text);
  }
  return std::string_view(name.text, name.size);
}

void name_current_thread(const char* name) noexcept {
  char text[16] = {};
  std::strncpy(text, name, sizeof text - 1);
  (void)pthread_setname_np(pthread_self(), text);
}

}  // namespace sentry::detail
