// Private: the calling thread's id and name, as events and logs report them,
// and the process id.
//
// The id is the kernel's thread id (what debuggers and /proc show), read once
// per thread. The name is read with pthread_getname_np on each call (threads
// may rename themselves); callers on a hot path read it only when they need it,
// or use cached_thread_name(): read once per thread on first use (a thread
// renamed after that keeps its first name), then a thread-local read.
//
// current_thread_id() and cached_thread_name() are inline: after a thread's
// first call, each is one thread-local read (the log bridge calls both per
// record). Private to the core library: the thread-locals are the core's own
// (a sink in another library asks sentry::log_bridge).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace sentry::detail {

// The per-thread caches; constant-initialized, so reading them costs no
// initialization check. The id is zeroed in a forked child (its only thread
// has a new id but the forking thread's copy); the name is the same there.
struct thread_name_cache {
  char text[64] = {};
  std::size_t size = 0;
  bool known = false;
};
inline thread_local std::uint64_t t_thread_id = 0;  // 0: not read yet
inline thread_local thread_name_cache t_thread_name;

// The slow paths: the first call on a thread.
std::uint64_t read_thread_id() noexcept;
std::string_view read_thread_name() noexcept;

inline std::uint64_t current_thread_id() noexcept {
  const std::uint64_t id = t_thread_id;
  return id != 0 ? id : read_thread_id();
}
// The process id, read once (getpid() is a system call, costly on some
// virtual machines) and read again in the child after fork().
std::uint64_t current_process_id() noexcept;
std::string current_thread_name();
inline std::string_view cached_thread_name() noexcept {
  return t_thread_name.known ? std::string_view(t_thread_name.text, t_thread_name.size) : read_thread_name();
}
// Names the calling thread (at most 15 characters are kept), as `top -H`,
// debuggers and profilers show it; for the SDK's own threads.
void name_current_thread(const char* name) noexcept;

}  // namespace sentry::detail
