#include "util/thread_info.hpp"

#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstring>

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

std::string_view cached_thread_name() noexcept {
  struct cached {
    char text[64] = {};
    std::size_t size = 0;
    bool known = false;
  };
  thread_local cached name;
  if (!name.known) {
    name.known = true;
    if (pthread_getname_np(pthread_self(), name.text, sizeof name.text) == 0) {
      name.text[sizeof name.text - 1] = '\0';
      name.size = std::strlen(name.text);
    }
  }
  return std::string_view(name.text, name.size);
}

}  // namespace sentry::detail
