#include "util/thread_info.hpp"

#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace sentry::detail {

std::uint64_t current_thread_id() noexcept {
  thread_local const std::uint64_t id = static_cast<std::uint64_t>(::syscall(SYS_gettid));
  return id;
}

std::string current_thread_name() {
  char name[64] = {};
  if (pthread_getname_np(pthread_self(), name, sizeof name) != 0) return {};
  return name;
}

}  // namespace sentry::detail
